import { describe, expect, it } from 'vitest';
import { checkRoleSet, isOfficerRole, setupAccounts } from './separation-of-duties.ts';

describe('三员分立 role sets', () => {
  it('accepts one officer role alone and any set of business roles', () => {
    expect(checkRoleSet(['admin'])).toEqual({ ok: true });
    expect(checkRoleSet(['security_admin'])).toEqual({ ok: true });
    expect(checkRoleSet(['auditor'])).toEqual({ ok: true });
    expect(checkRoleSet(['leader', 'task_force'])).toEqual({ ok: true });
    expect(checkRoleSet(['admin', 'admin'])).toEqual({ ok: true });
  });

  it('refuses two officer roles, an officer role with a business role, and no role', () => {
    expect(checkRoleSet(['admin', 'auditor'])).toEqual({ ok: false, reason: 'roles_exclusive' });
    expect(checkRoleSet(['admin', 'security_admin', 'auditor'])).toEqual({
      ok: false,
      reason: 'roles_exclusive',
    });
    expect(checkRoleSet(['security_admin', 'viewer'])).toEqual({ ok: false, reason: 'roles_exclusive' });
    expect(checkRoleSet(['leader', 'auditor'])).toEqual({ ok: false, reason: 'roles_exclusive' });
    expect(checkRoleSet([])).toEqual({ ok: false, reason: 'empty' });
  });

  it('names three setup accounts, one officer role each', () => {
    expect(setupAccounts.map((a) => [a.username, a.role])).toEqual([
      ['admin', 'admin'],
      ['secadmin', 'security_admin'],
      ['auditor', 'auditor'],
    ]);
    expect(setupAccounts.every((a) => isOfficerRole(a.role))).toBe(true);
  });
});
