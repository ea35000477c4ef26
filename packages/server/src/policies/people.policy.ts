import { hasRole, type Actor } from './actor.ts';

/**
 * Who may see and manage people (leaders and task-force members, issue 9 item 3):
 * - the data admin manages the people of the regions in his subtree (a city's admin those of its
 *   counties too);
 * - the security administrator reads them, to link an account to a person (scope follows the link);
 * - nobody else: a person's phone and post are not for the ledger's readers.
 */
const inSubtree = (actor: Actor, regionPath: string) => regionPath.startsWith(actor.regionPath);

export const canReadPeople = (actor: Actor): boolean => hasRole(actor, 'admin', 'security_admin');

export const canManagePerson = (actor: Actor, regionPath: string): boolean =>
  hasRole(actor, 'admin') && inSubtree(actor, regionPath);

export const canSeePerson = (actor: Actor, regionPath: string): boolean =>
  canReadPeople(actor) && inSubtree(actor, regionPath);
