import type { Project, Role, SessionUser } from '@guatu/contracts';

// The server decides; these only hide buttons the server would refuse.
const has = (user: SessionUser, ...roles: Role[]) => user.roles.some((r) => roles.includes(r));

export const canManageSystem = (user: SessionUser) => has(user, 'admin', 'security_admin');
export const canReadAudit = (user: SessionUser) => has(user, 'auditor');
export const canCreateProject = (user: SessionUser) => has(user, 'admin');
export const canSeeLedger = (user: SessionUser) =>
  !(user.roles.length > 0 && user.roles.every((r) => r === 'auditor' || r === 'security_admin'));

export function canEditProject(user: SessionUser, project: Project): boolean {
  if (has(user, 'admin')) return true;
  if (has(user, 'leader') && project.leaderId === user.id) return true;
  return has(user, 'task_force') && project.taskForce.some((m) => m.id === user.id);
}

/** Only an admin archives; the same admin also changes who answers for a project (leader, 专班, department, town, years). */
export const canArchiveProject = (user: SessionUser) => has(user, 'admin');
export const canChangeResponsibility = (user: SessionUser) => has(user, 'admin');
