import { hasRole, type Actor } from './actor.ts';
import { canEditProject, canReadLedger, type ProjectFacts } from './project.policy.ts';

/**
 * Who records a stage's actual dates (issue 9, item 12): whoever edits the project
 * (canEditProject: its region's admin, its leader, its task force), and a user with the
 * `department` role whose department is in charge of that stage in the template in force — on any
 * project of his region subtree, and only those stages. The department in charge is the one the
 * template names, matched by name on the project's region chain (stage-template.service.ts).
 */

const inRegion = (actor: Actor, regionPath: string) => regionPath.startsWith(actor.regionPath);

/** The stages a department user records on a project of his region subtree: those his department is in charge of. */
export function departmentStagesOf(
  actor: Actor,
  project: Pick<ProjectFacts, 'regionPath'>,
  inCharge: ReadonlyMap<string, { id: number }>,
): Set<string> {
  const out = new Set<string>();
  if (!hasRole(actor, 'department') || actor.departmentId === null) return out;
  if (!inRegion(actor, project.regionPath)) return out;
  for (const [stage, d] of inCharge) if (d.id === actor.departmentId) out.add(stage);
  return out;
}

/**
 * Whether a department user reads the schedule of a project his ledger grants do not show: one
 * of its stages is his department's, in his region subtree. Outside his region subtree the
 * project is not his to know of (404, as for an unknown project).
 */
export function departmentScheduleAccess(
  actor: Actor,
  project: Pick<ProjectFacts, 'regionPath'>,
  inCharge: ReadonlyMap<string, { id: number }>,
): 'read' | 'not_found' | 'none' {
  if (!canReadLedger(actor) || !hasRole(actor, 'department') || actor.departmentId === null) return 'none';
  if (!inRegion(actor, project.regionPath)) return 'not_found';
  return departmentStagesOf(actor, project, inCharge).size > 0 ? 'read' : 'none';
}

/** Whether the actor records `stage`'s actual dates on the project. */
export function canRecordStage(
  actor: Actor,
  project: ProjectFacts,
  stage: string,
  inCharge: ReadonlyMap<string, { id: number }>,
): boolean {
  return canEditProject(actor, project) || departmentStagesOf(actor, project, inCharge).has(stage);
}
