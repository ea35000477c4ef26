import { ledgerImporters, ledgerReaders, type Project, type Role, type SessionUser } from '@guatu/contracts';

// The server decides; these only hide buttons the server would refuse.
const has = (user: SessionUser, ...roles: Role[]) => user.roles.some((r) => roles.includes(r));

/** 三员分立: accounts, roles and passwords are the security administrator's (用户管理). */
export const canManageAccounts = (user: SessionUser) => has(user, 'security_admin');
/** Regions, departments, calendar and stage templates are the system administrator's. */
export const canManageData = (user: SessionUser) => has(user, 'admin');
/** The 系统管理 menu group: shown to either of the two. */
export const canManageSystem = (user: SessionUser) => canManageAccounts(user) || canManageData(user);
export const canReadAudit = (user: SessionUser) => has(user, 'auditor');
/** 安全事件: the security administrator's page. */
export const canSeeSecurityEvents = (user: SessionUser) => has(user, 'security_admin');
export const canCreateProject = (user: SessionUser) => has(user, 'admin');
/** 后台任务: the server lets only the root region's admin in (jobs are deployment-wide); it answers 403 to others. */
/** Jobs are deployment-wide: the root region's admin only, as the server's jobs policy. */
export const canManageJobs = (user: SessionUser) => has(user, 'admin') && user.rootRegion;
/** The roles that read the ledger, the war chart and the exports: one list with the server's policy. */
export const canSeeLedger = (user: SessionUser) => has(user, ...ledgerReaders);

/** 我的填报 (monthly dispatch reports): the task force and the leader report for their projects (the admin from 调度表). */
export const canReportDispatch = (user: SessionUser) => has(user, 'task_force', 'leader', 'admin');

/** 导入台账 and its 下载模板: the roles the server's import policy lets in (an admin); read-only roles see neither. */
export const canImportLedger = (user: SessionUser) => has(user, ...ledgerImporters);

export function canEditProject(user: SessionUser, project: Project): boolean {
  if (has(user, 'admin')) return true;
  // Leaders and task-force members are people: the account acts as the person it is linked to.
  const personId = user.personId ?? null;
  if (personId === null) return false;
  if (has(user, 'leader') && project.leaderId === personId) return true;
  return has(user, 'task_force') && project.taskForce.some((m) => m.id === personId);
}

/** Only an admin archives; the same admin also changes who answers for a project (leader, 专班, department, town, years). */
export const canArchiveProject = (user: SessionUser) => has(user, 'admin');
export const canChangeResponsibility = (user: SessionUser) => has(user, 'admin');
