/**
 * stageWarnings for many projects at once, straight from scheduleMany's typed arrays: the same
 * levels as the object version (stage-warnings.ts), computed on day ordinals and month indexes —
 * no date strings, no Date, no objects or closures per project or per stage — and, with them, the
 * war chart's cell code (war-chart-cell.ts).
 * stage-warnings-batch.test.ts proves the levels equal stageWarnings' on random schedules.
 */
import { batchStatus, NO_DATE } from './schedule-core.ts';
import type { WarningRules } from './stage-warnings.ts';
import { warningRank } from '../vocabulary.ts';
import { cellFlag, cellStatus, encodeCell } from '../war-chart-cell.ts';

/** The per-stage inputs of a batch, projects × stages in compiled order (scheduleMany's layout). */
export type WarningBatchInput = {
  projects: number;
  /** Stages per project. */
  count: number;
  /** Stage keys in compiled order, to find the start-warning stages. */
  keys: readonly string[];
  /** batchStatus codes. */
  status: Uint8Array;
  latestStart: Int32Array;
  latestFinish: Int32Array;
  /** The forecast finish (the actual finish once done). */
  earliestFinish: Int32Array;
  totalFloat: Int32Array;
  actualStart: Int32Array;
  actualFinish: Int32Array;
  /** The stage's finish-by target as the object version's `target` (day ordinal), NO_DATE when none. */
  target: Int32Array;
};

/** year × 12 + month (1–12) of a day ordinal: fromOrdinal's arithmetic without the string. */
export function monthIndexOfOrdinal(ordinal: number): number {
  const z = ordinal + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 12 + m;
}

/**
 * Worst warning rank (0 none, 1 green, 2 yellow, 3 red) of every stage of every project, into
 * `out` (projects × count) — the worst of its start and stage warnings, as stageWarnings gives them.
 */
export function stageWarningLevelsBatch(
  input: WarningBatchInput,
  rules: WarningRules,
  today: number,
  out: Uint8Array = new Uint8Array(input.projects * input.count),
): Uint8Array {
  const { projects, count, status, latestStart, latestFinish, earliestFinish, totalFloat } = input;
  const { actualStart, actualFinish, target } = input;
  const isStart = new Uint8Array(count);
  for (let i = 0; i < count; i++) isStart[i] = rules.start.stages.includes(input.keys[i]!) ? 1 : 0;
  const todayMonth = monthIndexOfOrdinal(today);
  const { yellowMonthsPast, redMonthsPast } = rules.start;
  const { yellowDaysPast, redDaysPast } = rules.stage;
  const negativeFloat: number =
    rules.stage.negativeFloat === null ? warningRank.none : warningRank[rules.stage.negativeFloat];
  const { none, green, yellow, red } = warningRank;
  const size = projects * count;
  for (let at = 0, i = 0; at < size; at++, i = i + 1 === count ? 0 : i + 1) {
    let rank: number = none;
    const st = status[at]!;
    const lf = latestFinish[at]!;
    if (isStart[i] === 1) {
      const t = target[at]!;
      const planned = monthIndexOfOrdinal(t !== NO_DATE ? t : latestStart[at]!);
      const a = actualStart[at]!;
      const started = a !== NO_DATE ? a : actualFinish[at]!;
      if (started !== NO_DATE) rank = monthIndexOfOrdinal(started) - planned <= 0 ? green : yellow;
      else {
        const past = todayMonth - planned;
        if (past >= yellowMonthsPast) rank = past >= redMonthsPast ? red : yellow;
      }
    }
    let stage: number = none;
    if (st === batchStatus.done) stage = earliestFinish[at]! - lf < yellowDaysPast ? green : yellow;
    else {
      const past = today - lf;
      if (past >= yellowDaysPast) stage = past >= redDaysPast ? red : yellow;
      else if (totalFloat[at]! < 0 && negativeFloat !== none) stage = negativeFloat;
      else if (st === batchStatus.in_progress) stage = green;
    }
    out[at] = stage > rank ? stage : rank;
  }
  return out;
}

/**
 * The war chart's cell code of every stage of every project (projects × count, compiled order):
 * encodeCell of the status (done; late when unfinished past its latest finish; in progress; not
 * started), the warning rank of stageWarningLevelsBatch and the flag (red when finished by its
 * latest finish, black when finished after it or late).
 */
export function warChartCellsBatch(
  input: WarningBatchInput,
  rules: WarningRules,
  today: number,
  out: Uint8Array = new Uint8Array(input.projects * input.count),
): Uint8Array {
  stageWarningLevelsBatch(input, rules, today, out);
  const { status, latestFinish, earliestFinish } = input;
  const size = input.projects * input.count;
  for (let at = 0; at < size; at++) {
    const st = status[at]!;
    const lf = latestFinish[at]!;
    let cell: number;
    let flag: number = cellFlag.none;
    if (st === batchStatus.done) {
      cell = cellStatus.done;
      flag = earliestFinish[at]! <= lf ? cellFlag.red : cellFlag.black;
    } else if (today > lf) {
      cell = cellStatus.late;
      flag = cellFlag.black;
    } else cell = st === batchStatus.in_progress ? cellStatus.in_progress : cellStatus.not_started;
    out[at] = encodeCell(cell, out[at]!, flag);
  }
  return out;
}
