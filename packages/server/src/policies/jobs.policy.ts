import { atRootRegion, hasRole, type Actor } from './actor.ts';

/**
 * Background jobs are deployment-wide (every region's uploads, notifications, backups): only an
 * admin of the root region (the province in a province deployment) sees and starts them.
 */
export const canManageJobs = (actor: Pick<Actor, 'roles' | 'regionPath'>): boolean =>
  hasRole(actor, 'admin') && atRootRegion(actor);
