import { atRootRegion, hasRole, type Actor } from './actor.ts';

/**
 * Setting the deployment up from the official divisions shapes the whole region tree: only an
 * admin (系统管理员) of the root region may do it — not a county's or a town's admin, nor the
 * security administrator or the auditor (三员分立).
 */
export const canSetUpDivisions = (actor: Pick<Actor, 'roles' | 'regionPath'>): boolean =>
  hasRole(actor, 'admin') && atRootRegion(actor);
