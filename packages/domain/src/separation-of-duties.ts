/**
 * 三员分立 (separation of the three officers, 等保 level 3): the system administrator (admin),
 * the security administrator (security_admin) and the auditor (auditor) are three different
 * people. An officer account holds exactly one officer role and no business role; every other
 * account holds business roles only. The server enforces it; the web uses it to guide the form.
 */
import type { Role } from './vocabulary.ts';

export const officerRoles = ['admin', 'security_admin', 'auditor'] as const satisfies readonly Role[];
export type OfficerRole = (typeof officerRoles)[number];

export const isOfficerRole = (r: Role): r is OfficerRole => (officerRoles as readonly Role[]).includes(r);

/** The setup accounts every deployment has, one officer role each. */
export const setupAccounts = [
  { username: 'admin', role: 'admin', displayName: '系统管理员', env: 'GUATU_ADMIN_PASSWORD' },
  { username: 'secadmin', role: 'security_admin', displayName: '安全管理员', env: 'GUATU_SECADMIN_PASSWORD' },
  { username: 'auditor', role: 'auditor', displayName: '审计员', env: 'GUATU_AUDITOR_PASSWORD' },
] as const;

export type RoleSetCheck = { ok: true } | { ok: false; reason: 'empty' | 'roles_exclusive' };

/** An officer role stands alone: with any other role (officer or business) the set is refused. */
export function checkRoleSet(roles: readonly Role[]): RoleSetCheck {
  const set = new Set(roles);
  if (set.size === 0) return { ok: false, reason: 'empty' };
  if (set.size > 1 && [...set].some(isOfficerRole)) return { ok: false, reason: 'roles_exclusive' };
  return { ok: true };
}
