import { hasRole, type Actor } from './actor.ts';
import { canReadLedger } from './project.policy.ts';

/**
 * Who may see and run the monthly dispatch (一月一调度, issue 10):
 * - the data admin opens a round for his own region, and closes or reopens the rounds of his region
 *   and of the regions below it;
 * - every ledger reader sees the rounds of his region, of the regions above it (a town sees its
 *   county's round) and below it; the round's table shows him only the projects he reads;
 * - another region's round does not exist for him (404).
 */
const ancestorOrSelf = (path: string, of: string) => of.startsWith(path);

export const canSeeRound = (actor: Actor, round: { regionPath: string }): boolean =>
  canReadLedger(actor) &&
  (ancestorOrSelf(actor.regionPath, round.regionPath) || ancestorOrSelf(round.regionPath, actor.regionPath));

export const canOpenRound = (actor: Actor): boolean => hasRole(actor, 'admin');

export const canManageRound = (actor: Actor, round: { regionPath: string }): boolean =>
  hasRole(actor, 'admin') && round.regionPath.startsWith(actor.regionPath);
