/**
 * The reminders of the monthly dispatch (一月一调度, issue 10, item 1): every morning, for each round
 * not closed by hand, the task force of each project without a submitted report is reminded three
 * days before the deadline, on the day, and when late (up to a week after it) — in the app, and on
 * the configured WeCom/DingTalk robot through the notification outbox. Each reminder goes out once
 * per project: the last one sent is recorded (dispatch_round_projects.last_reminder) in the same
 * transaction as its notification, by a conditional update that a second run cannot repeat.
 */
import {
  REMIND_DAYS_BEFORE,
  REPORTING_RED_AFTER_DAYS,
  addDays,
  earlierStages,
  reminderStage,
  shanghaiToday,
} from '@guatu/domain';
import type { JobDefinition } from '../jobs/types.ts';
import { enqueueNotification } from '../notifications/outbox.ts';
import * as repo from '../repositories/dispatch.repository.ts';

/** The notification kinds, one per stage (the web words each from its params). */
export const dispatchReminderKind = (stage: string) => `dispatch_reminder_${stage}`;

export const dispatchRemindersJob: JobDefinition = {
  name: 'dispatch-reminders',
  // 09:00 Asia/Shanghai, every day.
  schedule: '0 9 * * *',
  async run({ db, now }) {
    const today = shanghaiToday(now);
    const rounds = await repo.findRoundsWithDeadlineBetween(
      db,
      addDays(today, -REPORTING_RED_AFTER_DAYS),
      addDays(today, REMIND_DAYS_BEFORE),
    );
    let projects = 0;
    let notifications = 0;
    for (const round of rounds) {
      const stage = reminderStage(round.deadline, today);
      if (stage === null) continue;
      const earlier = earlierStages(stage);
      const due = await repo.findProjectsToRemind(db, round.id, earlier);
      for (const p of due)
        await db.transaction().execute(async (trx) => {
          if (!(await repo.markReminded(trx, round.id, p.projectId, stage, earlier))) return;
          projects++;
          if (p.userIds.length === 0) return;
          await enqueueNotification(
            trx,
            {
              userIds: p.userIds,
              kind: dispatchReminderKind(stage),
              params: { month: round.month, deadline: round.deadline, project: p.name },
              link: `/dispatch`,
            },
            now,
          );
          notifications += p.userIds.length;
        });
    }
    return { rounds: rounds.length, projects, notifications };
  },
};
