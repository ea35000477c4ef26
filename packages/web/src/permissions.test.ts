import { describe, expect, it } from 'vitest';
import type { Role, SessionUser } from '@guatu/contracts';
import { canImportLedger } from './permissions.ts';

const user = (...roles: Role[]): SessionUser => ({
  id: 1,
  username: 'u',
  displayName: 'u',
  roles,
  regionId: 1,
  regionName: '乐陵市',
  departmentId: null,
  mustChangePassword: false,
  rootRegion: true,
});

describe('who sees 下载模板 and 导入台账', () => {
  it('shows them to the admin, whom the server lets import', () => {
    expect(canImportLedger(user('admin'))).toBe(true);
  });
  it('hides them from every read-only role', () => {
    for (const role of [
      'viewer',
      'city_leader',
      'leader',
      'task_force',
      'town',
      'department',
      'auditor',
    ] as const)
      expect(canImportLedger(user(role))).toBe(false);
  });
});
