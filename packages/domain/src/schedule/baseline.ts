/**
 * Baselines: a plan saved under a name (年初计划) to compare the current plan and the actuals
 * against. The saved plan is the 倒排 one, the latest dates, as drawn on the Gantt.
 */
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { ScheduleResult, StageActual } from './schedule.ts';

export type Baseline = {
  name: string;
  savedAt: string;
  stages: Record<string, { start: string; finish: string }>;
};

/** Slips in working days; positive means later than the baseline, null where there is nothing to compare. */
export type BaselineComparison = {
  stage: string;
  baseline: { start: string; finish: string } | null;
  plan: { start: string; finish: string } | null;
  actual: StageActual;
  planStartSlip: number | null;
  planFinishSlip: number | null;
  actualStartSlip: number | null;
  actualFinishSlip: number | null;
};

/** Saves the latest (planned) dates of every applicable stage under a name. */
export function makeBaseline(result: ScheduleResult, name: string, savedAt: string): Baseline {
  const stages: Baseline['stages'] = {};
  for (const s of result.stages) {
    if (s.status !== 'not_applicable') stages[s.key] = { start: s.latestStart, finish: s.latestFinish };
  }
  return { name, savedAt, stages };
}

/**
 * Baseline vs current plan vs actual, per stage of the result and then of the baseline's
 * stages no longer in it. Needs the calendar because slips are counted in working days.
 */
export function compareBaseline(
  baseline: Baseline,
  result: ScheduleResult,
  actuals: Readonly<Record<string, StageActual>>,
  calendar: WorkingCalendar,
): BaselineComparison[] {
  const slip = (from: string | undefined, to: string | undefined): number | null =>
    from === undefined || to === undefined ? null : calendar.workingDaysBetween(from, to);
  const rows: BaselineComparison[] = [];
  const seen = new Set<string>();
  for (const s of result.stages) {
    seen.add(s.key);
    const base = baseline.stages[s.key] ?? null;
    const plan = s.status === 'not_applicable' ? null : { start: s.latestStart, finish: s.latestFinish };
    const actual = { ...actuals[s.key] };
    rows.push({
      stage: s.key,
      baseline: base,
      plan,
      actual,
      planStartSlip: slip(base?.start, plan?.start),
      planFinishSlip: slip(base?.finish, plan?.finish),
      actualStartSlip: slip(base?.start, actual.start),
      actualFinishSlip: slip(base?.finish, actual.finish),
    });
  }
  for (const [key, base] of Object.entries(baseline.stages)) {
    if (seen.has(key)) continue;
    rows.push({
      stage: key,
      baseline: base,
      plan: null,
      actual: {},
      planStartSlip: null,
      planFinishSlip: null,
      actualStartSlip: null,
      actualFinishSlip: null,
    });
  }
  return rows;
}
