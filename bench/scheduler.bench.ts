// (11a) Rescheduling 50,000 projects × 19 stages (950k activities) on the working-day calendar,
// against a bare typed-array backward + forward pass over the same graph in plain calendar days
// (no holidays, no conversions): the ceiling of this machine for the same arithmetic. Goal: ≤ 2×.
import {
  buildCalendar,
  chinaCalendarSpec,
  compileStages,
  createScheduleBatch,
  defaultStageTemplate,
  mulberry32,
  NO_DATE,
  scheduleMany,
  toOrdinal,
  type CompiledStages,
  type ScheduleBatch,
} from '@guatu/domain';
import { fmtInt, printTable, type BenchSection } from './lib.ts';

const TODAY = '2024-03-15';

/** Runs the scheduler benchmark and prints its table. */
export async function run(projects = 50_000): Promise<void> {
  const calendar = buildCalendar(chinaCalendarSpec());
  const compiled = compileStages(defaultStageTemplate.stages);
  const today = toOrdinal(TODAY);
  const batch = generateBatch(compiled, projects, today);
  const activities = projects * compiled.count;

  const fast = () => scheduleMany(compiled, calendar, batch, today);
  const bare = () => barePass(compiled, batch, today);
  const errors = fast().errors.length;
  // Warm-up: let the JIT compile both loops before anything is timed.
  for (let i = 0; i < 2; i++) {
    fast();
    bare();
  }
  const fastMs: number[] = [];
  const bareMs: number[] = [];
  for (let round = 0; round < 3; round++) {
    fastMs.push(time(fast));
    bareMs.push(time(bare));
  }
  const f = median(fastMs);
  const b = median(bareMs);
  printTable(
    `${fmtInt(projects)} projects × ${compiled.count} stages = ${fmtInt(activities)} activities, today ${TODAY}, median of 3`,
    ['pass', 'time', 'activities/s', 'runs (ms)'],
    [
      [
        'scheduleMany (working-day calendar 2023–2026)',
        `${f.toFixed(1)} ms`,
        fmtInt((activities / f) * 1000),
        fastMs.map((t) => t.toFixed(0)).join(' / '),
      ],
      [
        'bare typed-array pass (calendar days)',
        `${b.toFixed(1)} ms`,
        fmtInt((activities / b) * 1000),
        bareMs.map((t) => t.toFixed(0)).join(' / '),
      ],
    ],
  );
  console.log(
    `ratio: ${(f / b).toFixed(2)}× the bare pass (goal ≤ 2×); projects the scheduler refused: ${errors}`,
  );
}

function time(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

// Seeded projects: 计划开工 between 2024-01 and 2025-06, 投产 300–500 days later, and the first
// k stages (in topological order) done, one after another, before today; the next one in progress.
function generateBatch(c: CompiledStages, projects: number, today: number): ScheduleBatch {
  const random = mulberry32(20240315);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const batch = createScheduleBatch(c, projects);
  const start = c.positionOf.get('start')!;
  const operation = c.positionOf.get('operation')!;
  for (let p = 0; p < projects; p++) {
    const row = p * c.count;
    const startTarget = int(toOrdinal('2024-01-01'), toOrdinal('2025-06-30'));
    batch.targetFinish[row + start] = startTarget;
    batch.targetFinish[row + operation] = startTarget + int(300, 500);
    const done = int(0, 14);
    let cursor = today - 6 * done - 10;
    for (let i = 0; i < done; i++) {
      batch.actualStart[row + i] = cursor;
      cursor += int(0, 5);
      batch.actualFinish[row + i] = cursor;
      cursor += 1;
    }
    if (random() < 0.5) batch.actualStart[row + done] = Math.min(cursor, today);
  }
  return batch;
}

// The same two passes in plain days since 1970, with the same typed arrays in and out.
function barePass(c: CompiledStages, batch: ScheduleBatch, today: number) {
  const n = c.count;
  const size = batch.projects * n;
  const out = {
    earliestStart: new Int32Array(size),
    earliestFinish: new Int32Array(size),
    latestStart: new Int32Array(size),
    latestFinish: new Int32Array(size),
    totalFloat: new Int32Array(size),
    status: new Uint8Array(size),
    forecastFinish: new Int32Array(batch.projects),
  };
  const es = new Int32Array(n);
  const ee = new Int32Array(n);
  const ls = new Int32Array(n);
  const le = new Int32Array(n);
  const { duration: dur, finishShift: shiftOf } = c;
  const { targetFinish, actualStart, actualFinish } = batch;
  for (let p = 0; p < batch.projects; p++) {
    const row = p * n;
    let projectFinish = -1;
    for (let i = 0; i < n; i++) {
      const t = targetFinish[row + i]!;
      if (t !== NO_DATE && t > projectFinish) projectFinish = t;
    }
    for (let i = n - 1; i >= 0; i--) {
      const shift = shiftOf[i]!;
      let end = projectFinish + shift;
      const t = targetFinish[row + i]!;
      if (t !== NO_DATE && t + shift < end) end = t + shift;
      for (let k = c.succStart[i]!, stop = c.succStart[i + 1]!; k < stop; k++) {
        const v = ls[c.succStage[k]!]! - c.succLag[k]! + (c.succSS[k] === 1 ? dur[i]! : 0);
        if (v < end) end = v;
      }
      le[i] = end;
      ls[i] = end - dur[i]!;
    }
    let finishMax = NO_DATE;
    for (let i = 0; i < n; i++) {
      const at = row + i;
      const aStart = actualStart[at]!;
      const aFinish = actualFinish[at]!;
      const shift = shiftOf[i]!;
      let status = 0;
      if (aFinish !== NO_DATE || (aStart !== NO_DATE && shift === 0)) {
        ee[i] = (aFinish !== NO_DATE ? aFinish : aStart) + shift;
        es[i] = aStart !== NO_DATE ? aStart : ee[i]! - dur[i]!;
        status = 2;
      } else {
        let start = today;
        if (aStart !== NO_DATE) {
          start = aStart;
          status = 1;
        } else {
          for (let k = c.predStart[i]!, stop = c.predStart[i + 1]!; k < stop; k++) {
            const j = c.predStage[k]!;
            const v = (c.predSS[k] === 1 ? es[j]! : ee[j]!) + c.predLag[k]!;
            if (v > start) start = v;
          }
        }
        es[i] = start;
        ee[i] = Math.max(start + dur[i]!, today + shift);
      }
      const finish = ee[i]! - shift;
      out.earliestStart[at] = es[i]!;
      out.earliestFinish[at] = finish;
      out.latestStart[at] = ls[i]!;
      out.latestFinish[at] = le[i]! - shift;
      out.totalFloat[at] = le[i]! - ee[i]!;
      out.status[at] = status;
      if (finish > finishMax) finishMax = finish;
    }
    out.forecastFinish[p] = finishMax;
  }
  return out;
}

const section: BenchSection = {
  name: 'scheduler',
  title:
    '(11a) scheduler: 50,000 projects × 19 stages on the working-day calendar, vs a bare typed-array pass',
  async run(ctx) {
    await run(ctx.numberOption('projects', 50_000));
  },
};
export default section;
