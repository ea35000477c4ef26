import { describe, expect, it } from 'vitest';
import type { Role, SessionUser } from '@guatu/contracts';
import type { Project } from '@guatu/contracts';
import { canEditProject, canImportLedger } from './permissions.ts';

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

describe('who edits a project as its leader or task-force member', () => {
  // Leaders and members are people (ids of people, not accounts): an account acts as its person.
  const project = { leaderId: 7, taskForce: [{ id: 8, name: '周振华' }] } as unknown as Project;
  it('lets the account linked to the leading or serving person edit', () => {
    expect(canEditProject({ ...user('leader'), id: 99, personId: 7 }, project)).toBe(true);
    expect(canEditProject({ ...user('task_force'), id: 99, personId: 8 }, project)).toBe(true);
  });
  it('does not compare the account id with a person id', () => {
    expect(canEditProject({ ...user('leader'), id: 7, personId: null }, project)).toBe(false);
    expect(canEditProject({ ...user('task_force'), id: 8, personId: 3 }, project)).toBe(false);
  });
});
