import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromOrdinal, toOrdinal } from '../calendar/day-ordinal.ts';
import { batchStatus, NO_DATE } from './schedule-core.ts';
import type { ScheduledStage, ScheduleResult, StageActual } from './schedule.ts';
import { stageTemplates } from './stage-templates.ts';
import {
  monthIndexOfOrdinal,
  stageWarningLevelsBatch,
  warChartCellsBatch,
  type WarningBatchInput,
} from './stage-warnings-batch.ts';
import { defaultWarningRules, stageWarnings, type WarningRules } from './stage-warnings.ts';
import { warningLevels, warningRank, type WarningLevel } from '../vocabulary.ts';
import { decodeCell, type DecodedCell } from '../war-chart-cell.ts';

const keys = stageTemplates.industrial.stages.map((s) => s.key);
const lo = toOrdinal('2019-11-15');
const hi = toOrdinal('2027-02-15');
const day = fc.integer({ min: lo, max: hi });
const maybeDay = fc.option(day, { nil: NO_DATE, freq: 3 });
const statuses = ['not_started', 'in_progress', 'done'] as const;

type Cell = {
  status: 0 | 1 | 2;
  latestStart: number;
  latestFinish: number;
  earliestFinish: number;
  totalFloat: number;
  actualStart: number;
  actualFinish: number;
  target: number;
};
const cellArb: fc.Arbitrary<Cell> = fc.record({
  status: fc.constantFrom(0 as const, 1 as const, 2 as const),
  latestStart: day,
  latestFinish: day,
  earliestFinish: day,
  totalFloat: fc.integer({ min: -60, max: 60 }),
  actualStart: maybeDay,
  actualFinish: maybeDay,
  target: maybeDay,
});
const levelArb = fc.constantFrom<WarningLevel>(...warningLevels);
const rulesArb: fc.Arbitrary<WarningRules> = fc.oneof(
  fc.constant(defaultWarningRules),
  fc.record({
    start: fc.record({
      stages: fc.subarray(keys),
      yellowMonthsPast: fc.integer({ min: 0, max: 4 }),
      redMonthsPast: fc.integer({ min: 0, max: 8 }),
    }),
    stage: fc.record({
      yellowDaysPast: fc.integer({ min: -5, max: 10 }),
      redDaysPast: fc.integer({ min: 0, max: 60 }),
      negativeFloat: fc.option(levelArb, { nil: null }),
    }),
  }),
);
// Several projects, each a prefix of the template's stages (so `count` varies too).
const caseArb = fc.record({
  count: fc.integer({ min: 1, max: keys.length }),
  rules: rulesArb,
  today: day,
  projects: fc.array(fc.array(cellArb, { minLength: keys.length, maxLength: keys.length }), {
    minLength: 1,
    maxLength: 6,
  }),
});

function toBatch(count: number, projects: Cell[][]): WarningBatchInput {
  const size = projects.length * count;
  const input: WarningBatchInput = {
    projects: projects.length,
    count,
    keys: keys.slice(0, count),
    status: new Uint8Array(size),
    latestStart: new Int32Array(size),
    latestFinish: new Int32Array(size),
    earliestFinish: new Int32Array(size),
    totalFloat: new Int32Array(size),
    actualStart: new Int32Array(size),
    actualFinish: new Int32Array(size),
    target: new Int32Array(size),
  };
  projects.forEach((cells, p) => {
    for (let i = 0; i < count; i++) {
      const c = cells[i]!;
      const at = p * count + i;
      input.status[at] = c.status;
      input.latestStart[at] = c.latestStart;
      input.latestFinish[at] = c.latestFinish;
      input.earliestFinish[at] = c.earliestFinish;
      input.totalFloat[at] = c.totalFloat;
      input.actualStart[at] = c.actualStart;
      input.actualFinish[at] = c.actualFinish;
      input.target[at] = c.target;
    }
  });
  return input;
}

function toResult(count: number, cells: Cell[], today: string): ScheduleResult {
  const template = stageTemplates.industrial.stages;
  const stages = cells.slice(0, count).map((c, i): ScheduledStage => {
    const def = template[i]!;
    const actual: StageActual = {};
    if (c.actualStart !== NO_DATE) actual.start = fromOrdinal(c.actualStart);
    if (c.actualFinish !== NO_DATE) actual.finish = fromOrdinal(c.actualFinish);
    const stage: ScheduledStage = {
      key: def.key,
      name: def.name,
      group: def.group,
      milestone: def.milestone,
      duration: def.duration,
      status: statuses[c.status],
      latestStart: fromOrdinal(c.latestStart),
      latestFinish: fromOrdinal(c.latestFinish),
      earliestStart: fromOrdinal(c.latestStart),
      earliestFinish: fromOrdinal(c.earliestFinish),
      forecast: { start: fromOrdinal(c.latestStart), finish: fromOrdinal(c.earliestFinish) },
      actual,
      totalFloat: c.totalFloat,
      critical: false,
    };
    if (c.target !== NO_DATE) stage.target = fromOrdinal(c.target);
    return stage;
  });
  return {
    today,
    stages,
    overall: { forecastFinish: today, targetFinish: today, criticalPath: [], negativeFloat: [], minFloat: 0 },
  };
}

/** The object path: stageWarnings, worst level per stage (what the war chart service did). */
function objectLevels(count: number, cells: Cell[], rules: WarningRules, today: string): number[] {
  const levels = new Array<number>(count).fill(0);
  for (const w of stageWarnings(toResult(count, cells, today), rules, today)) {
    const i = keys.indexOf(w.stage);
    levels[i] = Math.max(levels[i]!, warningRank[w.level]);
  }
  return levels;
}

/** The service's former cell parts, per stage, from the object path's level (status/flag codes spelled out). */
function objectCell(c: Cell, warning: number, today: number): DecodedCell {
  let status: number;
  let flag = 0;
  if (c.status === batchStatus.done) {
    status = 2;
    flag = c.earliestFinish <= c.latestFinish ? 1 : 2;
  } else {
    const late = today > c.latestFinish;
    status = late ? 3 : c.status === batchStatus.in_progress ? 1 : 0;
    if (late) flag = 2;
  }
  return { status, warning, flag };
}

describe('stageWarningLevelsBatch', () => {
  it('month index agrees with the date text', () => {
    fc.assert(
      fc.property(fc.integer({ min: toOrdinal('1900-01-01'), max: toOrdinal('2200-12-31') }), (o) => {
        const d = fromOrdinal(o);
        expect(monthIndexOfOrdinal(o)).toBe(Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the levels of stageWarnings and the service cell codes, on random projects', () => {
    fc.assert(
      fc.property(caseArb, ({ count, rules, today, projects }) => {
        const todayText = fromOrdinal(today);
        const input = toBatch(count, projects);
        const levels = stageWarningLevelsBatch(input, rules, today);
        const cells = warChartCellsBatch(input, rules, today);
        projects.forEach((p, k) => {
          const expected = objectLevels(count, p, rules, todayText);
          expect([...levels.subarray(k * count, (k + 1) * count)]).toEqual(expected);
          expect([...cells.subarray(k * count, (k + 1) * count)].map(decodeCell)).toEqual(
            p.slice(0, count).map((c, i) => objectCell(c, expected[i]!, today)),
          );
        });
      }),
      { numRuns: 500 },
    );
  });

  it('writes into a given buffer', () => {
    const input = toBatch(1, [[{ ...emptyCell, status: 1 }]]);
    const out = new Uint8Array(1);
    const rules = { ...defaultWarningRules, start: { ...defaultWarningRules.start, stages: [] } };
    expect(stageWarningLevelsBatch(input, rules, emptyCell.latestFinish, out)).toBe(out);
    expect(out[0]).toBe(warningRank.green);
  });
});

const emptyCell: Cell = {
  status: 0,
  latestStart: toOrdinal('2025-01-01'),
  latestFinish: toOrdinal('2025-02-01'),
  earliestFinish: toOrdinal('2025-02-01'),
  totalFloat: 0,
  actualStart: NO_DATE,
  actualFinish: NO_DATE,
  target: NO_DATE,
};
