import { ledgerReaders } from '@guatu/domain';
import { hasRole, type Actor } from './actor.ts';

/**
 * Who may see and change which projects (PRODUCT.md "who uses it"):
 * - admin, city_leader, viewer, town: every project in their region subtree;
 * - department: projects its department is responsible for;
 * - leader: the projects they lead (包保); task_force: the projects whose 专班 they are in — through
 *   the person their account is linked to (leaders and members are people, issue 9 item 3): an
 *   account linked to no person leads and serves nothing.
 * Only admin creates and archives; the project's leader and task force may edit its progress
 * fields but not who is responsible for it.
 */
export type ProjectGrant =
  | { kind: 'region'; path: string }
  | { kind: 'department'; departmentId: number }
  | { kind: 'leader'; personId: number }
  | { kind: 'member'; personId: number };

/** Whether the actor reads the ledger at all (and the war chart and exports built on it). */
export const canReadLedger = (actor: Actor): boolean => hasRole(actor, ...ledgerReaders);

/** The grants whose union is the set of projects the actor may read; empty means none. */
export function projectReadGrants(actor: Actor): ProjectGrant[] {
  const grants: ProjectGrant[] = [];
  if (hasRole(actor, 'admin', 'city_leader', 'viewer', 'town'))
    grants.push({ kind: 'region', path: actor.regionPath });
  if (hasRole(actor, 'department') && actor.departmentId !== null)
    grants.push({ kind: 'department', departmentId: actor.departmentId });
  const personId = actor.personId ?? null;
  if (hasRole(actor, 'leader') && personId !== null) grants.push({ kind: 'leader', personId });
  if (hasRole(actor, 'task_force') && personId !== null) grants.push({ kind: 'member', personId });
  return grants;
}

/** `leaderId` and `memberIds` are people ids. */
export type ProjectFacts = { regionPath: string; leaderId: number | null; memberIds: readonly number[] };

const inRegion = (actor: Actor, path: string) => path.startsWith(actor.regionPath);

export const canCreateProject = (actor: Actor): boolean => hasRole(actor, 'admin');

export function canEditProject(actor: Actor, p: ProjectFacts): boolean {
  if (hasRole(actor, 'admin') && inRegion(actor, p.regionPath)) return true;
  const personId = actor.personId ?? null;
  if (personId === null) return false;
  if (hasRole(actor, 'leader') && p.leaderId === personId) return true;
  return hasRole(actor, 'task_force') && p.memberIds.includes(personId);
}

/** Fields only an admin may change: who answers for the project and where it sits. */
export const responsibilityFields = [
  'leaderId',
  'taskForceIds',
  'departmentId',
  'regionId',
  'years',
] as const;

export function isProjectAdmin(actor: Actor, p: ProjectFacts): boolean {
  return hasRole(actor, 'admin') && inRegion(actor, p.regionPath);
}

export const canArchiveProject = isProjectAdmin;

/**
 * The read rule of one project, the same for the project and what hangs off it (its schedule):
 * 'forbidden' for a user who reads no ledger, 'not_found' for an unknown project (null),
 * 'forbidden' outside the actor's grants (`visible`: the repository's check of projectReadGrants);
 * null when the actor may read it.
 */
export function projectReadRefusal(
  actor: Actor,
  project: { visible: boolean } | null,
): 'forbidden' | 'not_found' | null {
  if (!canReadLedger(actor)) return 'forbidden';
  if (!project) return 'not_found';
  return project.visible ? null : 'forbidden';
}
