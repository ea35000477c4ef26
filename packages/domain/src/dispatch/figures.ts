/**
 * The figures of a dispatch round (issue 10, item 5) and the warnings of PRODUCT.md computed from
 * them. Money is integer yuan; rates are percentages with one decimal (0.1).
 */
import type { WarningLevel } from '../vocabulary.ts';
import { addDays } from '../dates.ts';
import { coveredThrough, monthNumber, monthOfDate, monthsBetween, yearOfMonth } from './month.ts';

export const roundStatuses = ['open', 'closed'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

export const reportStatuses = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/**
 * A round's status on a day: closed by hand (closedAt set) or once its deadline has passed — unless
 * reopened by hand (`reopened`), which keeps it open past the deadline until closed again.
 */
export function roundStatus(
  round: { deadline: string; closedAt: string | null; reopened: boolean },
  today: string,
): RoundStatus {
  if (round.closedAt !== null) return 'closed';
  if (round.reopened) return 'open';
  return today > round.deadline ? 'closed' : 'open';
}

/** A report submitted after the deadline's day (Shanghai date of submission) is late. */
export const isLate = (submittedOn: string, deadline: string): boolean => submittedOn > deadline;

/** The ledger's imported figure, the starting point of a year: year-to-date 元 as of a date. */
export type StartingFigure = { ytd: number; asOf: string } | null;

/**
 * Year-to-date completed investment (1-N月累计) at the end of `month`: the ledger's imported figure
 * at the month it covers (coveredThrough), plus every reported month after it up to `month` — a
 * month is never counted twice. A starting figure of another year, or covering months after
 * `month`, is not used: the reports alone make the figure.
 */
export function completedYtd(
  month: string,
  starting: StartingFigure,
  reports: ReadonlyArray<{ month: string; amount: number }>,
): number {
  const year = yearOfMonth(month);
  let from = `${year}-00`;
  let total = 0;
  if (starting) {
    const covered = coveredThrough(starting.asOf);
    if (yearOfMonth(covered) === year && covered <= month) {
      total = starting.ytd;
      from = covered;
    }
  }
  for (const r of reports)
    if (yearOfMonth(r.month) === year && r.month > from && r.month <= month) total += r.amount;
  return total;
}

/** Completion against the annual plan, in percent with one decimal; null without a plan. */
export function completionRate(ytd: number, annualPlan: number): number | null {
  if (annualPlan <= 0) return null;
  return Math.round((ytd / annualPlan) * 1000) / 10;
}

/** 序时进度: after m months of the year, m/12 of the annual plan (integer yuan). */
export function pacePlan(annualPlan: number, month: string): number {
  return Math.round((annualPlan * monthNumber(month)) / 12);
}

/** The time-elapsed share of the year in percent with one decimal: after 3 months, 25. */
export const paceRate = (month: string): number => Math.round((monthNumber(month) / 12) * 1000) / 10;

/**
 * The pace warning (PRODUCT.md): year-to-date completion ÷ (annual plan × months elapsed ÷ 12);
 * behind by 10–30 points → yellow, more → red, else green; null without a plan.
 * `behind` is 100 − that ratio in percent (negative when ahead).
 */
export function paceWarning(
  ytd: number,
  annualPlan: number,
  month: string,
): { level: WarningLevel | null; ratio: number | null; behind: number | null } {
  const due = (annualPlan * monthNumber(month)) / 12;
  if (due <= 0) return { level: null, ratio: null, behind: null };
  const ratio = Math.round((ytd / due) * 1000) / 10;
  const behind = Math.round((100 - ratio) * 10) / 10;
  const level: WarningLevel = behind > 30 ? 'red' : behind >= 10 ? 'yellow' : 'green';
  return { level, ratio, behind };
}

/** Projects of at least this total investment must enter the statistics (纳统): 500万元. */
export const STATS_THRESHOLD_YUAN = 5_000_000;

/**
 * The 纳统 warning (PRODUCT.md): a project ≥ 500万元 not yet in the statistics 1 month after 开工 →
 * yellow, 2 months → red, green before that or once included; null when it does not apply (below
 * the threshold, not started).
 * Months are counted by date: started 2023-01-15, on 2023-02-15 one month has passed.
 */
export function statsWarning(
  p: { totalInvestment: number; actualStart: string | null; statsIncluded: boolean },
  today: string,
): WarningLevel | null {
  if (p.totalInvestment < STATS_THRESHOLD_YUAN || p.actualStart === null || p.actualStart > today)
    return null;
  if (p.statsIncluded) return 'green';
  const months = fullMonthsBetween(p.actualStart, today);
  return months >= 2 ? 'red' : months >= 1 ? 'yellow' : 'green';
}

/** Whole months from one date to a later one: ('2023-01-15', '2023-03-14') → 1. */
export function fullMonthsBetween(from: string, to: string): number {
  let months = monthsBetween(monthOfDate(from), monthOfDate(to));
  if (Number(to.slice(8, 10)) < Number(from.slice(8, 10))) months -= 1;
  return Math.max(0, months);
}

/** Days after the deadline a missing report turns red (a week). */
export const REPORTING_RED_AFTER_DAYS = 7;

/**
 * The data-reporting warning: a report not submitted by the deadline → yellow; still missing a week
 * after it → red; green when submitted (or accepted) or while the deadline has not passed.
 */
export function reportingWarning(
  report: { status: ReportStatus } | null,
  deadline: string,
  today: string,
): WarningLevel {
  if (report && (report.status === 'submitted' || report.status === 'accepted')) return 'green';
  if (today <= deadline) return 'green';
  return today > addDays(deadline, REPORTING_RED_AFTER_DAYS) ? 'red' : 'yellow';
}

/** A round's counts (item 5): reported (submitted or accepted), missing, late, returned. */
export function roundCounts(
  projects: number,
  reports: ReadonlyArray<{ status: ReportStatus; late: boolean }>,
): { projects: number; reported: number; missing: number; late: number; returned: number } {
  const reported = reports.filter((r) => r.status === 'submitted' || r.status === 'accepted').length;
  return {
    projects,
    reported,
    missing: projects - reported - reports.filter((r) => r.status === 'returned').length,
    late: reports.filter((r) => r.late && r.status !== 'draft').length,
    returned: reports.filter((r) => r.status === 'returned').length,
  };
}
