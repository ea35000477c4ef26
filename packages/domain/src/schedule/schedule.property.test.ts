import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromOrdinal, toOrdinal } from '../calendar/day-ordinal.ts';
import { applyProjectEdits, type ProjectEdit } from './project-edits.ts';
import { schedule, type ScheduledStage, type ScheduleInput, type StageActual } from './schedule.ts';
import { stageTemplates } from './stage-templates.ts';
import type { StageDef } from './stage-types.ts';
import { testCalendar as calendar } from './test-fixtures.ts';

const keys = stageTemplates.industrial.stages.map((s) => s.key);
const day = (from: string, to: string) =>
  fc.integer({ min: toOrdinal(from), max: toOrdinal(to) }).map(fromOrdinal);

// Edits that keep the graph a DAG: new stages only depend on stages already there.
const editArb: fc.Arbitrary<ProjectEdit> = fc.oneof(
  fc.record({
    kind: fc.constant('not_applicable' as const),
    stage: fc.constantFrom(...keys.filter((k) => k !== 'operation')),
  }),
  fc.record({
    kind: fc.constant('duration' as const),
    stage: fc.constantFrom(...keys),
    duration: fc.integer({ min: 0, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('add' as const),
    stage: fc.record({
      key: fc.constantFrom('extraA', 'extraB', 'extraC'),
      name: fc.constant('附加工序'),
      group: fc.constant('procedures' as const),
      duration: fc.integer({ min: 0, max: 20 }),
      milestone: fc.constant(false),
      deps: fc.uniqueArray(
        fc.record({
          stage: fc.constantFrom(...keys),
          type: fc.constantFrom('FS' as const, 'SS' as const),
          lag: fc.integer({ min: 0, max: 5 }),
        }),
        { minLength: 1, maxLength: 3, selector: (d) => d.stage },
      ),
    }),
  }),
);

const inputArb = fc
  .record({
    template: fc.constantFrom(...Object.values(stageTemplates)),
    edits: fc.array(editArb, { maxLength: 6 }),
    today: day('2023-01-01', '2024-06-30'),
    finish: day('2025-06-01', '2026-03-31'),
    extraTargets: fc.array(
      fc.record({ stage: fc.constantFrom(...keys), finishBy: day('2024-03-01', '2025-06-01') }),
      { maxLength: 3 },
    ),
    doneCount: fc.integer({ min: 0, max: 8 }),
  })
  .map(({ template, edits, today, finish, extraTargets, doneCount }) => {
    let stages: StageDef[];
    try {
      stages = applyProjectEdits(template, dedupeAdds(edits));
    } catch {
      return null; // e.g. the same stage added twice
    }
    const applicable = new Set(stages.filter((s) => !s.notApplicable).map((s) => s.key));
    const targets = [
      { stage: 'operation', finishBy: finish },
      ...extraTargets.filter((t) => applicable.has(t.stage)),
    ];
    // The first stages of the list are done, one after another, ending before today.
    const actuals: Record<string, StageActual> = {};
    let cursor = calendar.addWorkingDays(today, -3 * doneCount - 1);
    for (const s of stages.filter((x) => applicable.has(x.key)).slice(0, doneCount)) {
      const end = calendar.addWorkingDays(cursor, 2);
      actuals[s.key] = { start: cursor, finish: end };
      cursor = calendar.addWorkingDays(end, 1);
    }
    return { input: { stages, targets, actuals } satisfies ScheduleInput, today };
  })
  .filter((x) => x !== null);

function dedupeAdds(edits: ProjectEdit[]): ProjectEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => e.kind !== 'add' || (!seen.has(e.stage.key) && seen.add(e.stage.key)));
}

// The earliest working day a dependant may start, in dates, counted the way PRODUCT.md states it.
function earliestAllowed(
  pred: ScheduledStage,
  type: 'FS' | 'SS',
  lag: number,
  which: 'latest' | 'forecast',
): string {
  const start = which === 'latest' ? pred.latestStart : pred.forecast.start;
  const finish = which === 'latest' ? pred.latestFinish : pred.forecast.finish;
  if (type === 'SS') return calendar.addWorkingDays(calendar.addWorkingDays(start, 0), lag);
  if (pred.milestone) return calendar.addWorkingDays(calendar.addWorkingDays(finish, 0), lag);
  return calendar.addWorkingDays(finish, 1 + lag);
}

describe('schedule properties', () => {
  it('respects every dependency in both passes, plans only working days, and is idempotent', () => {
    fc.assert(
      fc.property(inputArb, ({ input, today }) => {
        const result = schedule(input, calendar, today);
        const byKey = new Map(
          result.stages.flatMap((s) => (s.status === 'not_applicable' ? [] : [[s.key, s] as const])),
        );
        const defs = new Map(input.stages.map((s) => [s.key, s]));
        for (const s of byKey.values()) {
          expect(s.latestFinish >= s.latestStart).toBe(true);
          expect(s.forecast.finish >= s.forecast.start).toBe(true);
          for (const d of [s.latestStart, s.latestFinish]) expect(calendar.isWorkingDay(d)).toBe(true);
          if (s.status !== 'done') {
            expect(calendar.isWorkingDay(s.forecast.finish)).toBe(true);
            expect(s.forecast.finish >= today).toBe(true);
          }
          if (s.status === 'not_started') {
            expect(calendar.isWorkingDay(s.forecast.start)).toBe(true);
            expect(s.forecast.start >= today).toBe(true);
            if (s.totalFloat >= 0) {
              expect(s.latestStart >= s.earliestStart).toBe(true);
              expect(s.latestFinish >= s.earliestFinish).toBe(true);
            }
          }
          for (const dep of defs.get(s.key)!.deps) {
            const pred = byKey.get(dep.stage)!; // not-applicable stages were rewired away
            expect(s.latestStart >= earliestAllowed(pred, dep.type, dep.lag, 'latest')).toBe(true);
            if (s.status === 'not_started')
              expect(s.forecast.start >= earliestAllowed(pred, dep.type, dep.lag, 'forecast')).toBe(true);
          }
        }
        expect(schedule(JSON.parse(JSON.stringify(input)) as typeof input, calendar, today)).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });
});
