import type { ProjectCreate } from '@guatu/contracts';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { findDepartmentById } from '../repositories/department.repository.ts';
import { findProjectIdByCode } from '../repositories/project.repository.ts';
import { findRegionById } from '../repositories/region.repository.ts';
import { findPeopleByIds } from '../repositories/people.repository.ts';

type Refs = Partial<Pick<ProjectCreate, 'regionId' | 'leaderId' | 'taskForceIds' | 'departmentId' | 'code'>>;

const inSubtree = (actor: Actor, path: string) => path.startsWith(actor.regionPath);
// The regions on the way from the root to the actor's own (its own included).
const onAncestorLine = (actor: Actor, path: string) => actor.regionPath.startsWith(path);

/**
 * Checks that every id a project points at exists (else 400 invalid_reference), fits its role,
 * and lies in the actor's scope (else 403 out_of_scope_region), so that a county admin cannot
 * hand his project to — or put it under — another county (issue 7, hole 3):
 * - region, leader, task-force members (people): inside the actor's region subtree;
 * - department: a department of a region in the subtree, or of a region above the actor's own
 *   (a city's 发改委 may answer for a county's project) — exactly the departments the lookups
 *   offer; never a sibling county's.
 */
export async function checkProjectReferences(db: Db, actor: Actor, refs: Refs, selfId: number | null) {
  if (refs.regionId !== undefined) {
    const region = await findRegionById(db, refs.regionId);
    if (!region) throw new AppError('invalid_reference', { field: 'regionId', value: refs.regionId });
    if (!inSubtree(actor, region.path)) throw new AppError('out_of_scope_region');
  }
  if (refs.departmentId !== undefined && refs.departmentId !== null) {
    const d = await findDepartmentById(db, refs.departmentId);
    if (!d) throw new AppError('invalid_reference', { field: 'departmentId', value: refs.departmentId });
    if (!inSubtree(actor, d.regionPath) && !onAncestorLine(actor, d.regionPath))
      throw new AppError('out_of_scope_region');
  }
  // Leaders and members are people (issue 9, item 3), with or without an account.
  if (refs.leaderId !== undefined && refs.leaderId !== null) {
    const [u] = await findPeopleByIds(db, [refs.leaderId]);
    if (!u) throw new AppError('invalid_reference', { field: 'leaderId', value: refs.leaderId });
    if (!inSubtree(actor, u.regionPath)) throw new AppError('out_of_scope_region');
  }
  if (refs.taskForceIds && refs.taskForceIds.length > 0) {
    const found = await findPeopleByIds(db, refs.taskForceIds);
    const missing = refs.taskForceIds.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0)
      throw new AppError('invalid_reference', { field: 'taskForceIds', value: missing.join(',') });
    if (found.some((f) => !inSubtree(actor, f.regionPath))) throw new AppError('out_of_scope_region');
  }
  if (refs.code) {
    const other = await findProjectIdByCode(db, refs.code);
    if (other !== null && other !== selfId)
      throw new AppError('duplicate', { field: 'code', value: refs.code });
  }
}
