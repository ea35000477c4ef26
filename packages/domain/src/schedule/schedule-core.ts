/**
 * The array core of the scheduler, shared by `schedule` (one project) and `scheduleMany`.
 *
 * Both passes run in working-day index space: date d becomes k = the number of working days
 * before it, so a duration or a lag is a plain addition and the calendar is consulted only to
 * convert dates in and out (O(1) lookups). A stage occupies [start, end) in that space; its
 * finish date is working day end − 1, or end itself for a milestone (duration 0).
 */
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { CalendarRangeError } from '../calendar/working-calendar.ts';
import { fromOrdinal } from '../calendar/day-ordinal.ts';
import type { CompiledStages } from './compile-stages.ts';
import { ScheduleError } from './schedule-error.ts';
import type { StageDef } from './stage-types.ts';

/** "No date" in the Int32 arrays of a batch. */
export const NO_DATE = -2147483648;

/** Status codes of a batch: 0 not started, 1 in progress, 2 done. */
export const batchStatus = { not_started: 0, in_progress: 1, done: 2 } as const;

/** Inputs of many projects on one compiled template: arrays of projects × stages (compiled order), day ordinals or NO_DATE. */
export type ScheduleBatch = {
  projects: number;
  targetFinish: Int32Array;
  actualStart: Int32Array;
  actualFinish: Int32Array;
};

/** Outputs of a batch, projects × stages: day ordinals, float in working days, status codes. */
export type ScheduleBatchResult = {
  earliestStart: Int32Array;
  earliestFinish: Int32Array;
  latestStart: Int32Array;
  latestFinish: Int32Array;
  totalFloat: Int32Array;
  status: Uint8Array;
  /** Per project: the latest forecast finish (ordinal) and the least float of an unfinished stage. */
  forecastFinish: Int32Array;
  minFloat: Int32Array;
  /** Projects that could not be scheduled (their rows hold NO_DATE); the others are unaffected. */
  errors: Array<{ project: number; code: string; message: string }>;
};

/** Index-space values of the project last run, kept for the critical path of `schedule`. */
export type ScheduleScratch = {
  es: Int32Array;
  ee: Int32Array;
  ls: Int32Array;
  le: Int32Array;
  status: Uint8Array;
  todayIndex: number;
};

/** An empty batch for `projects` projects, every date NO_DATE. */
export function createScheduleBatch(compiled: CompiledStages, projects: number): ScheduleBatch {
  const size = projects * compiled.count;
  return {
    projects,
    targetFinish: new Int32Array(size).fill(NO_DATE),
    actualStart: new Int32Array(size).fill(NO_DATE),
    actualFinish: new Int32Array(size).fill(NO_DATE),
  };
}

/** Schedules every project of a batch against one calendar and today (a day ordinal). */
export function scheduleMany(
  compiled: CompiledStages,
  calendar: WorkingCalendar,
  batch: ScheduleBatch,
  today: number,
): ScheduleBatchResult {
  const size = batch.projects * compiled.count;
  const out: ScheduleBatchResult = {
    earliestStart: new Int32Array(size),
    earliestFinish: new Int32Array(size),
    latestStart: new Int32Array(size),
    latestFinish: new Int32Array(size),
    totalFloat: new Int32Array(size),
    status: new Uint8Array(size),
    forecastFinish: new Int32Array(batch.projects),
    minFloat: new Int32Array(batch.projects),
    errors: [],
  };
  const scratch = createScratch(compiled, calendar, today);
  for (let p = 0; p < batch.projects; p++) {
    try {
      scheduleProjectInto(compiled, calendar, batch, p, out, scratch);
    } catch (err) {
      // One project's bad data (a target outside the calendar) must not stop the portfolio.
      if (!(err instanceof ScheduleError || err instanceof CalendarRangeError)) throw err;
      out.errors.push({ project: p, code: err.code, message: err.message });
      const row = p * compiled.count;
      for (const a of [out.earliestStart, out.earliestFinish, out.latestStart, out.latestFinish])
        a.fill(NO_DATE, row, row + compiled.count);
      out.forecastFinish[p] = NO_DATE;
    }
  }
  return out;
}

/** Scratch arrays for `scheduleProjectInto`, with today converted once. */
export function createScratch(
  compiled: CompiledStages,
  calendar: WorkingCalendar,
  today: number,
): ScheduleScratch {
  const { base, size, cumulative } = calendar.index;
  if (!(today >= base && today < base + size)) outOfRange(calendar, today);
  const n = compiled.count;
  // Nothing unfinished is planned before the first working day on or after today.
  const todayIndex = cumulative[today - base]!;
  return {
    es: new Int32Array(n),
    ee: new Int32Array(n),
    ls: new Int32Array(n),
    le: new Int32Array(n),
    status: new Uint8Array(n),
    todayIndex,
  };
}

/** Runs the backward and forward passes of project p of a batch, writing its rows of `out`. */
export function scheduleProjectInto(
  c: CompiledStages,
  calendar: WorkingCalendar,
  batch: ScheduleBatch,
  p: number,
  out: ScheduleBatchResult,
  s: ScheduleScratch,
): void {
  backwardPass(c, calendar, batch, p, s);
  forwardPass(c, calendar, batch, p, s);
  writeRow(c, calendar, batch, p, out, s);
}

// 倒排: latest ends from the targets and from every dependant's latest start. The latest target
// is the project's finish and also bounds every stage without a target of its own.
function backwardPass(
  c: CompiledStages,
  calendar: WorkingCalendar,
  batch: ScheduleBatch,
  p: number,
  s: ScheduleScratch,
): void {
  const n = c.count;
  const row = p * n;
  const { base, size, cumulative: cum } = calendar.index;
  const { duration, finishShift, succStart, succStage, succLag, succSS } = c;
  const { targetFinish } = batch;
  const { ls, le } = s;
  let projectFinish = -1;
  for (let i = 0; i < n; i++) {
    const t = targetFinish[row + i]!;
    if (t === NO_DATE) continue;
    if (t < base || t >= base + size) outOfRange(calendar, t);
    const k = cum[t - base + 1]! - 1; // the last working day on or before the target
    le[i] = k;
    if (k > projectFinish) projectFinish = k;
  }
  if (projectFinish < 0)
    throw new ScheduleError('missing_target', `项目 ${p} 没有目标日期（至少需要计划开工和计划竣工）`);
  for (let i = n - 1; i >= 0; i--) {
    const shift = finishShift[i]!;
    let end = projectFinish + shift;
    if (targetFinish[row + i] !== NO_DATE && le[i]! + shift < end) end = le[i]! + shift;
    for (let k = succStart[i]!, stop = succStart[i + 1]!; k < stop; k++) {
      const v = ls[succStage[k]!]! - succLag[k]! + (succSS[k] === 1 ? duration[i]! : 0);
      if (v < end) end = v;
    }
    le[i] = end;
    ls[i] = end - duration[i]!;
  }
}

// Actual dates as recorded; what is unfinished is planned from today on, after its predecessors.
function forwardPass(
  c: CompiledStages,
  calendar: WorkingCalendar,
  batch: ScheduleBatch,
  p: number,
  s: ScheduleScratch,
): void {
  const row = p * c.count;
  const { base, size, cumulative: cum } = calendar.index;
  const { duration, finishShift, predStart, predStage, predLag, predSS } = c;
  const { actualStart, actualFinish } = batch;
  const { es, ee, status, todayIndex } = s;
  for (let i = 0; i < c.count; i++) {
    const aStart = actualStart[row + i]!;
    const aFinish = actualFinish[row + i]!;
    const shift = finishShift[i]!;
    if (aStart !== NO_DATE && (aStart < base || aStart >= base + size)) outOfRange(calendar, aStart);
    if (aFinish !== NO_DATE || (aStart !== NO_DATE && shift === 0)) {
      const f = aFinish !== NO_DATE ? aFinish : aStart;
      if (f < base || f >= base + size) outOfRange(calendar, f);
      // Finished on a rest day, a stage frees its dependants on the next working day.
      ee[i] = cum[f - base + shift]!;
      // Without a recorded start, assume it took its planned duration (never before the calendar).
      es[i] = aStart !== NO_DATE ? cum[aStart - base]! : Math.max(0, ee[i]! - duration[i]!);
      status[i] = 2;
      continue;
    }
    let start = todayIndex;
    if (aStart !== NO_DATE) {
      start = cum[aStart - base]!;
      status[i] = 1;
    } else {
      for (let k = predStart[i]!, stop = predStart[i + 1]!; k < stop; k++) {
        const v = (predSS[k] === 1 ? es[predStage[k]!]! : ee[predStage[k]!]!) + predLag[k]!;
        if (v > start) start = v;
      }
      status[i] = 0;
    }
    es[i] = start;
    // However long ago it started, an unfinished stage finishes today at the earliest.
    ee[i] = Math.max(start + duration[i]!, todayIndex + shift);
  }
}

// Index space back to day ordinals; actual dates are reported as recorded.
function writeRow(
  c: CompiledStages,
  calendar: WorkingCalendar,
  batch: ScheduleBatch,
  p: number,
  out: ScheduleBatchResult,
  s: ScheduleScratch,
): void {
  const row = p * c.count;
  const { workingOrdinals: work, workingCount } = calendar.index;
  const { finishShift } = c;
  const { actualStart, actualFinish } = batch;
  const { es, ee, ls, le, status } = s;
  let finishMax = NO_DATE;
  let minFloat = 2147483647;
  for (let i = 0; i < c.count; i++) {
    const at = row + i;
    const shift = finishShift[i]!;
    if (ls[i]! < 0 || es[i]! < 0) beyondCalendar(calendar, c.stages[i]!, 'start');
    if (le[i]! - shift >= workingCount || ee[i]! - shift >= workingCount)
      beyondCalendar(calendar, c.stages[i]!, 'end');
    const aStart = actualStart[at]!;
    const aFinish = actualFinish[at]!;
    const done = status[i] === 2;
    const finish = done ? (aFinish !== NO_DATE ? aFinish : aStart) : work[ee[i]! - shift]!;
    const float = le[i]! - ee[i]!;
    out.earliestStart[at] = aStart !== NO_DATE ? aStart : work[es[i]!]!;
    out.earliestFinish[at] = finish;
    out.latestStart[at] = work[ls[i]!]!;
    out.latestFinish[at] = work[le[i]! - shift]!;
    out.totalFloat[at] = float;
    out.status[at] = status[i]!;
    if (finish > finishMax) finishMax = finish;
    if (!done && float < minFloat) minFloat = float;
  }
  out.forecastFinish[p] = finishMax;
  out.minFloat[p] = minFloat === 2147483647 ? 0 : minFloat;
}

function outOfRange(calendar: WorkingCalendar, ordinal: number): never {
  throw new CalendarRangeError(fromOrdinal(ordinal), calendar.firstDate, calendar.lastDate);
}

function beyondCalendar(calendar: WorkingCalendar, stage: StageDef, side: 'start' | 'end'): never {
  const message =
    side === 'start'
      ? `工序「${stage.name}」的计划开始早于工作日历起点 ${calendar.firstDate}，请在日历中添加更早的年份`
      : `工序「${stage.name}」的计划完成晚于工作日历终点 ${calendar.lastDate}，请在日历中添加以后的年份`;
  throw new ScheduleError('beyond_calendar', message, [stage.key], {
    side,
    stage: stage.name,
    first: calendar.firstDate,
    last: calendar.lastDate,
  });
}
