/**
 * 逾期未开工: a project whose planned start (计划开工) has passed and that has not started.
 * A month-precision plan ('2023-05') is due by the month's last day.
 */
import { daysInMonth, isValidIsoDate, monthPrecision } from './dates.ts';

export type StartFacts = { plannedStart: string | null; started: boolean };

/** The last day a planned start allows, 'YYYY-MM-DD'; null when the plan is missing or unreadable. */
export function startDueBy(plannedStart: string | null): string | null {
  if (plannedStart === null) return null;
  if (isValidIsoDate(plannedStart)) return plannedStart;
  if (!monthPrecision(plannedStart)) return null;
  const year = Number(plannedStart.slice(0, 4));
  const month = Number(plannedStart.slice(5, 7));
  return `${plannedStart}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

/** True when the project is not started and `today` ('YYYY-MM-DD') is past its planned start. */
export function isOverdueToStart(p: StartFacts, today: string): boolean {
  if (p.started) return false;
  const due = startDueBy(p.plannedStart);
  return due !== null && today > due;
}
