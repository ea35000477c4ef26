import { hasRole, type Actor } from './actor.ts';
import { canEditProject, type ProjectFacts } from './project.policy.ts';

/**
 * Who may read a phone number whole (each view is audited; every other answer is masked):
 * - a project's contact phone: those who work the project and call its contact — the admin
 *   whose region holds it, its 包保 leader and its 专班 (the project's editors); not the
 *   read-only roles (city leader, viewer, town, department);
 * - a user's phone: the security administrator whose region holds the account (who manages
 *   accounts under 三员分立); not the system admin nor the auditor.
 */
export const canViewProjectContactPhone = (actor: Actor, p: ProjectFacts): boolean =>
  canEditProject(actor, p);

export const canViewUserPhone = (actor: Actor, userRegionPath: string): boolean =>
  hasRole(actor, 'security_admin') && userRegionPath.startsWith(actor.regionPath);
