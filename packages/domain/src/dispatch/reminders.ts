/**
 * The reminders of a dispatch round (issue 10, item 1): three days before the deadline, on the day,
 * and when late (the days after it, up to a week: the reporting warning's red). Each is sent once
 * per project; a later stage supersedes an earlier one the runner missed (a runner down on the 22nd
 * sends the 25th's reminder on the 25th, never the 22nd's after it).
 */
import { addDays } from '../dates.ts';
import { REPORTING_RED_AFTER_DAYS } from './figures.ts';

export const reminderStages = ['before', 'due', 'late'] as const;
export type ReminderStage = (typeof reminderStages)[number];

/** Days before the deadline the first reminder goes out. */
export const REMIND_DAYS_BEFORE = 3;

/** The reminder due on `today` for a round of `deadline`, or null (too early, or over a week late). */
export function reminderStage(deadline: string, today: string): ReminderStage | null {
  if (today === deadline) return 'due';
  if (today > deadline) return today <= addDays(deadline, REPORTING_RED_AFTER_DAYS) ? 'late' : null;
  return today >= addDays(deadline, -REMIND_DAYS_BEFORE) ? 'before' : null;
}

/** The stages a reminder of `stage` supersedes: the earlier ones (sent or missed). */
export const earlierStages = (stage: ReminderStage): ReminderStage[] =>
  reminderStages.slice(0, reminderStages.indexOf(stage));
