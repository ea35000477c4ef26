import type { ProjectCreate } from '@guatu/contracts';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { findDepartmentById } from '../repositories/department.repository.ts';
import { findProjectIdByCode } from '../repositories/project.repository.ts';
import { findRegionById } from '../repositories/region.repository.ts';
import { findUserIdsByIds, parseRoles } from '../repositories/user.repository.ts';

type Refs = Partial<Pick<ProjectCreate, 'regionId' | 'leaderId' | 'taskForceIds' | 'departmentId' | 'code'>>;

/** Checks that every id a project points at exists, fits its role and lies in the actor's scope. */
export async function checkProjectReferences(db: Db, actor: Actor, refs: Refs, selfId: number | null) {
  if (refs.regionId !== undefined) {
    const region = await findRegionById(db, refs.regionId);
    if (!region) throw new AppError('invalid_reference', { field: 'regionId', value: refs.regionId });
    if (!region.path.startsWith(actor.regionPath)) throw new AppError('out_of_scope_region');
  }
  if (refs.departmentId !== undefined && refs.departmentId !== null) {
    if (!(await findDepartmentById(db, refs.departmentId)))
      throw new AppError('invalid_reference', { field: 'departmentId', value: refs.departmentId });
  }
  if (refs.leaderId !== undefined && refs.leaderId !== null) {
    const [u] = await findUserIdsByIds(db, [refs.leaderId]);
    if (!u || !parseRoles(u.roles).includes('leader'))
      throw new AppError('invalid_reference', { field: 'leaderId', value: refs.leaderId });
  }
  if (refs.taskForceIds && refs.taskForceIds.length > 0) {
    const found = await findUserIdsByIds(db, refs.taskForceIds);
    const missing = refs.taskForceIds.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0)
      throw new AppError('invalid_reference', { field: 'taskForceIds', value: missing.join(',') });
  }
  if (refs.code) {
    const other = await findProjectIdByCode(db, refs.code);
    if (other !== null && other !== selfId)
      throw new AppError('duplicate', { field: 'code', value: refs.code });
  }
}
