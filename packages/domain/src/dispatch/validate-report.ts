/**
 * Checks of a dispatch report before it is submitted (issue 10, item 4), returning typed issues
 * (a code the clients word, and its params) — never a sentence. Errors block the submission;
 * warnings ask the reporter to confirm (a month's amount far above the project's usual month or
 * its remaining annual plan), they never block.
 */
import { isValidIsoDate } from '../dates.ts';
import { completedYtd, type StartingFigure } from './figures.ts';

export type ReportIssueCode =
  | 'dispatch_amount_invalid'
  | 'dispatch_amount_negative'
  | 'dispatch_ytd_over_total'
  | 'dispatch_stage_finish_before_start'
  | 'dispatch_stage_date_future'
  | 'dispatch_stage_unknown'
  | 'dispatch_stage_not_applicable'
  | 'dispatch_stage_duplicate'
  | 'dispatch_stage_date_out_of_range'
  | 'dispatch_amount_above_usual'
  | 'dispatch_amount_above_remaining_plan';

export type ReportIssue = {
  code: ReportIssueCode;
  severity: 'error' | 'warning';
  /** The report's field: 'completedThisMonth', 'fundsInPlace', 'workersOnSite', 'stages.<key>'. */
  path: string;
  params: Record<string, string | number>;
};

/** A month's amount this many times the project's usual (median) monthly amount is questioned. */
export const UNUSUAL_MONTH_FACTOR = 3;

export type ReportDraftFigures = {
  month: string;
  /** Integer yuan, as typed (unknown: a form may send anything). */
  completedThisMonth: unknown;
  fundsInPlace?: unknown;
  workersOnSite?: unknown;
  stages?: ReadonlyArray<{ key: string; actualStart: string | null; actualFinish: string | null }>;
};

export type ReportContext = {
  /** Reporting day (Shanghai): stage dates after it are in the future. */
  today: string;
  totalInvestment: number;
  annualPlan: number;
  starting: StartingFigure;
  /** The project's other months of the year (submitted reports), not this one. */
  otherMonths: ReadonlyArray<{ month: string; amount: number }>;
  /**
   * The project's schedule, when known (the server's): the stages of its plan (template order,
   * edits applied), the actual dates already recorded, and the first and last day its calendar
   * covers. Without it only the dates themselves are checked.
   */
  schedule?: ReportScheduleContext;
};

export type ReportScheduleContext = {
  stages: ReadonlyArray<{ key: string; name: string; notApplicable?: boolean }>;
  recorded: ReadonlyMap<string, { actualStart: string | null; actualFinish: string | null }>;
  firstDate: string;
  lastDate: string;
};

/**
 * A report's stage update as it lands on the schedule: a date the report leaves empty (null) keeps
 * the one recorded, a reported date replaces it.
 */
export function mergedStageDates(
  update: { actualStart: string | null; actualFinish: string | null },
  recorded: { actualStart: string | null; actualFinish: string | null } | undefined,
): { actualStart: string | null; actualFinish: string | null } {
  return {
    actualStart: update.actualStart ?? recorded?.actualStart ?? null,
    actualFinish: update.actualFinish ?? recorded?.actualFinish ?? null,
  };
}

const isAmount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && Number.isInteger(v);

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

export function validateReport(r: ReportDraftFigures, ctx: ReportContext): ReportIssue[] {
  const issues: ReportIssue[] = [];
  const amountField = (path: string, v: unknown, required: boolean): number | null => {
    if (v === undefined || v === null) {
      if (required) issues.push({ code: 'dispatch_amount_invalid', severity: 'error', path, params: {} });
      return null;
    }
    if (!isAmount(v)) {
      issues.push({ code: 'dispatch_amount_invalid', severity: 'error', path, params: { value: String(v) } });
      return null;
    }
    if (v < 0) {
      issues.push({ code: 'dispatch_amount_negative', severity: 'error', path, params: { value: v } });
      return null;
    }
    return v;
  };
  const amount = amountField('completedThisMonth', r.completedThisMonth, true);
  amountField('fundsInPlace', r.fundsInPlace, false);
  amountField('workersOnSite', r.workersOnSite, false);

  const known = ctx.schedule ? new Map(ctx.schedule.stages.map((s) => [s.key, s])) : null;
  const seen = new Set<string>();
  for (const s of r.stages ?? []) {
    const path = `stages.${s.key}`;
    if (seen.has(s.key)) {
      issues.push({ code: 'dispatch_stage_duplicate', severity: 'error', path, params: { key: s.key } });
      continue;
    }
    seen.add(s.key);
    const def = known?.get(s.key);
    if (known && !def) {
      issues.push({ code: 'dispatch_stage_unknown', severity: 'error', path, params: { key: s.key } });
      continue;
    }
    if (def?.notApplicable) {
      issues.push({
        code: 'dispatch_stage_not_applicable',
        severity: 'error',
        path,
        params: { stage: def.name },
      });
      continue;
    }
    for (const d of [s.actualStart, s.actualFinish]) {
      if (d === null || !isValidIsoDate(d)) continue;
      if (d > ctx.today)
        issues.push({
          code: 'dispatch_stage_date_future',
          severity: 'error',
          path,
          params: { date: d, today: ctx.today },
        });
      else if (ctx.schedule && (d < ctx.schedule.firstDate || d > ctx.schedule.lastDate))
        issues.push({
          code: 'dispatch_stage_date_out_of_range',
          severity: 'error',
          path,
          params: { date: d, first: ctx.schedule.firstDate, last: ctx.schedule.lastDate },
        });
    }
    // Against the dates already recorded too: a finish reported alone before the recorded start.
    const { actualStart, actualFinish } = mergedStageDates(s, ctx.schedule?.recorded.get(s.key));
    if (actualStart && actualFinish && actualFinish < actualStart)
      issues.push({
        code: 'dispatch_stage_finish_before_start',
        severity: 'error',
        path,
        params: { start: actualStart, finish: actualFinish },
      });
  }

  if (amount === null) return issues;
  const ytd = completedYtd(r.month, ctx.starting, [
    ...ctx.otherMonths.filter((m) => m.month !== r.month),
    { month: r.month, amount },
  ]);
  if (ctx.totalInvestment > 0 && ytd > ctx.totalInvestment)
    issues.push({
      code: 'dispatch_ytd_over_total',
      severity: 'error',
      path: 'completedThisMonth',
      params: { ytd, totalInvestment: ctx.totalInvestment },
    });
  const usual = median(
    ctx.otherMonths.filter((m) => m.month !== r.month && m.amount > 0).map((m) => m.amount),
  );
  if (usual !== null && amount > usual * UNUSUAL_MONTH_FACTOR)
    issues.push({
      code: 'dispatch_amount_above_usual',
      severity: 'warning',
      path: 'completedThisMonth',
      params: { amount, usual },
    });
  const remaining = ctx.annualPlan - (ytd - amount);
  if (ctx.annualPlan > 0 && amount > Math.max(0, remaining))
    issues.push({
      code: 'dispatch_amount_above_remaining_plan',
      severity: 'warning',
      path: 'completedThisMonth',
      params: { amount, remaining: Math.max(0, remaining) },
    });
  return issues;
}

/** Errors block; warnings need the reporter's confirmation (`confirmed`). */
export const blocksSubmission = (issues: readonly ReportIssue[], confirmed: boolean): boolean =>
  issues.some((i) => i.severity === 'error') || (!confirmed && issues.some((i) => i.severity === 'warning'));
