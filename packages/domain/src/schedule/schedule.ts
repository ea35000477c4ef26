/**
 * 倒排工期 for one project: the object API over the array core, with the critical path.
 *
 * Decisions where PRODUCT.md is silent:
 * - The latest of the targets is the project finish and bounds every stage, so a stage with no
 *   target downstream (入库纳统) must still finish by it; its float is measured against it.
 * - A finish-by date on a rest day means the last working day before it.
 * - `critical` marks an unfinished stage whose delay moves a date that matters: float ≤ 0 (a
 *   target slips) or on the chain that drives the forecast finish (the finish slips).
 */
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { fromOrdinal, toOrdinal } from '../calendar/day-ordinal.ts';
import { isValidIsoDate } from '../dates.ts';
import { compileStages, type CompiledStages } from './compile-stages.ts';
import {
  createScheduleBatch,
  createScratch,
  NO_DATE,
  scheduleProjectInto,
  type ScheduleBatchResult,
  type ScheduleScratch,
} from './schedule-core.ts';
import { ScheduleError } from './schedule-error.ts';
import type { StageDef, StageGroup } from './stage-types.ts';

export type StageTarget = { stage: string; finishBy: string };
export type StageActual = { start?: string; finish?: string };
export type ScheduleInput = {
  stages: readonly StageDef[];
  /** At least 计划开工 on 'start' and 计划竣工 on 'acceptance' or 'operation'; any stage may have one. */
  targets: readonly StageTarget[];
  actuals: Readonly<Record<string, StageActual>>;
};

export type StageStatus = 'done' | 'in_progress' | 'not_started' | 'not_applicable';

type StageHead = { key: string; name: string; group: StageGroup; milestone: boolean; duration: number };
export type ScheduledStage = StageHead & {
  status: 'done' | 'in_progress' | 'not_started';
  latestStart: string;
  latestFinish: string;
  earliestStart: string;
  earliestFinish: string;
  /** Actual dates where recorded, else the earliest ones. */
  forecast: { start: string; finish: string };
  actual: StageActual;
  target?: string;
  /** Working days: latest − earliest end; negative means a target cannot be met on this plan. */
  totalFloat: number;
  critical: boolean;
};
export type NotApplicableStage = StageHead & { status: 'not_applicable' };
export type StageSchedule = ScheduledStage | NotApplicableStage;

export type ScheduleResult = {
  today: string;
  /** Every stage in the order of the stage list, not-applicable ones included. */
  stages: StageSchedule[];
  overall: {
    forecastFinish: string;
    /** The latest target date: the project's 计划竣工. */
    targetFinish: string;
    /** Unfinished stages driving the forecast finish, first to last. */
    criticalPath: string[];
    /** Unfinished stages with negative float. */
    negativeFloat: string[];
    /** The least float of an unfinished stage (0 when everything is done). */
    minFloat: number;
  };
};

/** Backward pass from the targets and forward pass from the actuals and today, in working days of `calendar`. */
export function schedule(input: ScheduleInput, calendar: WorkingCalendar, today: string): ScheduleResult {
  const compiled = compileStages(input.stages);
  const todayOrdinal = parseDate(today, 'today', '', '');
  const batch = fillBatch(compiled, input, todayOrdinal);
  const n = compiled.count;
  const out: ScheduleBatchResult = {
    earliestStart: new Int32Array(n),
    earliestFinish: new Int32Array(n),
    latestStart: new Int32Array(n),
    latestFinish: new Int32Array(n),
    totalFloat: new Int32Array(n),
    status: new Uint8Array(n),
    forecastFinish: new Int32Array(1),
    minFloat: new Int32Array(1),
    errors: [],
  };
  const scratch = createScratch(compiled, calendar, todayOrdinal);
  scheduleProjectInto(compiled, calendar, batch, 0, out, scratch);

  const path = drivingPath(compiled, out, scratch);
  const onPath = new Set(path);
  const statuses = ['not_started', 'in_progress', 'done'] as const;
  const byKey = new Map<string, ScheduledStage>();
  compiled.stages.forEach((def, i) => {
    const status = statuses[out.status[i]!]!;
    const float = out.totalFloat[i]!;
    const target = batch.targetFinish[i] === NO_DATE ? undefined : fromOrdinal(batch.targetFinish[i]!);
    byKey.set(def.key, {
      ...head(def),
      status,
      latestStart: fromOrdinal(out.latestStart[i]!),
      latestFinish: fromOrdinal(out.latestFinish[i]!),
      earliestStart: fromOrdinal(out.earliestStart[i]!),
      earliestFinish: fromOrdinal(out.earliestFinish[i]!),
      forecast: { start: fromOrdinal(out.earliestStart[i]!), finish: fromOrdinal(out.earliestFinish[i]!) },
      actual: { ...input.actuals[def.key] },
      ...(target === undefined ? {} : { target }),
      totalFloat: float,
      critical: status !== 'done' && (float <= 0 || onPath.has(i)),
    });
  });
  const stages = compiled.displayOrder.map(
    (def): StageSchedule => byKey.get(def.key) ?? { ...head(def), status: 'not_applicable' },
  );
  const targets = [...batch.targetFinish].filter((t) => t !== NO_DATE);
  return {
    today,
    stages,
    overall: {
      forecastFinish: fromOrdinal(out.forecastFinish[0]!),
      targetFinish: fromOrdinal(Math.max(...targets)),
      criticalPath: path.map((i) => compiled.stages[i]!.key),
      negativeFloat: compiled.stages
        .filter((_, i) => out.status[i] !== 2 && out.totalFloat[i]! < 0)
        .map((d) => d.key),
      minFloat: out.minFloat[0]!,
    },
  };
}

function head(def: StageDef): StageHead {
  return { key: def.key, name: def.name, group: def.group, milestone: def.milestone, duration: def.duration };
}

const dateWhat = {
  target: '目标日期',
  actual_start: '实际开始',
  actual_finish: '实际完成',
  today: '今天',
} as const;

function parseDate(date: string, what: keyof typeof dateWhat, name: string, stage: string): number {
  if (!isValidIsoDate(date))
    throw new ScheduleError(
      'invalid_date',
      `${name ? `「${name}」的` : ''}${dateWhat[what]}不是有效日期：${date}`,
      stage ? [stage] : [],
      {
        variant: `bad_${what}_date`,
        stage: name,
        date,
      },
    );
  return toOrdinal(date);
}

// Targets and actuals as ordinals in a one-project batch, rejecting what cannot be true.
function fillBatch(compiled: CompiledStages, input: ScheduleInput, today: number) {
  const batch = createScheduleBatch(compiled, 1);
  const known = new Map(compiled.displayOrder.map((d) => [d.key, d]));
  const position = (key: string, what: 'target' | 'actual'): number | undefined => {
    const def = known.get(key);
    if (!def)
      throw new ScheduleError(
        'unknown_stage',
        `${what === 'target' ? '目标日期' : '实际日期'}所指的工序「${key}」不存在`,
        [key],
        { variant: `unknown_${what}_stage`, stage: key },
      );
    return compiled.positionOf.get(key);
  };
  for (const t of input.targets) {
    const i = position(t.stage, 'target');
    const name = known.get(t.stage)!.name;
    if (i === undefined)
      throw new ScheduleError('invalid_stage', `工序「${name}」不适用，不能设目标日期`, [t.stage], {
        variant: 'target_not_applicable',
        stage: name,
      });
    const date = parseDate(t.finishBy, 'target', name, t.stage);
    // Two targets on one stage: the earlier one binds.
    if (batch.targetFinish[i] === NO_DATE || date < batch.targetFinish[i]!) batch.targetFinish[i] = date;
  }
  if (input.targets.length === 0)
    throw new ScheduleError('missing_target', '没有目标日期：至少需要计划开工和计划竣工');
  for (const [key, actual] of Object.entries(input.actuals)) {
    const i = position(key, 'actual');
    if (i === undefined) continue; // a stage since marked not applicable: its old dates no longer matter
    const name = known.get(key)!.name;
    const start = actual.start === undefined ? NO_DATE : parseDate(actual.start, 'actual_start', name, key);
    const finish =
      actual.finish === undefined ? NO_DATE : parseDate(actual.finish, 'actual_finish', name, key);
    if (start !== NO_DATE && finish !== NO_DATE && finish < start) {
      throw new ScheduleError(
        'impossible_actual',
        `工序「${name}」的实际完成 ${actual.finish} 早于实际开始 ${actual.start}`,
        [key],
        { variant: 'finish_before_start', stage: name, start: actual.start!, finish: actual.finish! },
      );
    }
    if (Math.max(start, finish) > today) {
      throw new ScheduleError(
        'impossible_actual',
        `工序「${name}」的实际日期晚于今天 ${fromOrdinal(today)}`,
        [key],
        { variant: 'actual_in_future', stage: name, today: fromOrdinal(today) },
      );
    }
    batch.actualStart[i] = start;
    batch.actualFinish[i] = finish;
  }
  return batch;
}

// From the stage finishing last, walk back through the predecessor whose link set the start,
// while the stage is unfinished; a start set by today or by an actual date ends the chain.
function drivingPath(c: CompiledStages, out: ScheduleBatchResult, s: ScheduleScratch): number[] {
  let last = -1;
  for (let i = 0; i < c.count; i++) {
    if (out.status[i] === 2) continue;
    if (last < 0 || out.earliestFinish[i]! >= out.earliestFinish[last]!) last = i;
  }
  const path: number[] = [];
  for (let i = last; i >= 0;) {
    path.push(i);
    if (out.status[i] !== 0) break;
    let driver = -1;
    for (let k = c.predStart[i]!; k < c.predStart[i + 1]! && driver < 0; k++) {
      const j = c.predStage[k]!;
      const v = (c.predSS[k] === 1 ? s.es[j]! : s.ee[j]!) + c.predLag[k]!;
      if (v === s.es[i] && out.status[j] !== 2) driver = j;
    }
    i = driver;
  }
  return path.reverse();
}
