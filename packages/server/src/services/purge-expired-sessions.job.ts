import type { JobDefinition } from '../jobs/types.ts';
import { deleteExpiredChallenges } from '../repositories/mfa.repository.ts';
import { deleteExpiredSessions } from '../repositories/session.repository.ts';

/**
 * Deletes the sessions past their idle limit or their absolute lifetime, and the pending
 * second-factor logins past their few minutes (issue 7, item 7). A session is already refused when
 * it is used after either limit; this removes the ones nobody comes back to.
 */
export const purgeExpiredSessionsJob: JobDefinition = {
  name: 'purge-expired-sessions',
  schedule: '*/15 * * * *',
  async run({ db, config, now }) {
    const idleBefore = new Date(now.getTime() - config.idleTimeoutMinutes * 60_000).toISOString();
    const openedBefore = new Date(now.getTime() - config.sessionHours * 3_600_000).toISOString();
    const sessions = await deleteExpiredSessions(db, idleBefore, openedBefore);
    const challenges = await deleteExpiredChallenges(db, now.toISOString());
    return { sessions, challenges };
  },
};
