import { describe, expect, it } from 'vitest';
import { fromOrdinal, toOrdinal } from '../calendar/day-ordinal.ts';
import { compileStages } from './compile-stages.ts';
import { batchStatus, createScheduleBatch, NO_DATE, scheduleMany } from './schedule-core.ts';
import { schedule, type ScheduleInput } from './schedule.ts';
import { stageTemplates } from './stage-templates.ts';
import { buildScheduleInput, testCalendar as calendar } from './test-fixtures.ts';

describe('scheduleMany', () => {
  const stages = stageTemplates.social.stages;
  const compiled = compileStages(stages);
  const inputs: ScheduleInput[] = [
    buildScheduleInput({ stages }),
    buildScheduleInput({
      stages,
      actuals: { signing: { start: '2023-01-03', finish: '2023-01-03' }, approval: { start: '2023-01-05' } },
    }),
    buildScheduleInput({
      stages,
      targets: [
        { stage: 'start', finishBy: '2024-01-31' },
        { stage: 'acceptance', finishBy: '2025-12-31' },
      ],
    }),
  ];

  it('gives the same dates and floats as schedule() for each project', () => {
    const batch = createScheduleBatch(compiled, inputs.length);
    inputs.forEach((input, p) => {
      for (const t of input.targets)
        batch.targetFinish[p * compiled.count + compiled.positionOf.get(t.stage)!] = toOrdinal(t.finishBy);
      for (const [key, a] of Object.entries(input.actuals)) {
        const at = p * compiled.count + compiled.positionOf.get(key)!;
        if (a.start) batch.actualStart[at] = toOrdinal(a.start);
        if (a.finish) batch.actualFinish[at] = toOrdinal(a.finish);
      }
    });
    const out = scheduleMany(compiled, calendar, batch, toOrdinal('2023-02-01'));
    expect(out.errors).toEqual([]);
    inputs.forEach((input, p) => {
      const result = schedule(input, calendar, '2023-02-01');
      expect(fromOrdinal(out.forecastFinish[p]!)).toBe(result.overall.forecastFinish);
      expect(out.minFloat[p]).toBe(result.overall.minFloat);
      compiled.stages.forEach((def, i) => {
        const s = result.stages.find((x) => x.key === def.key)!;
        if (s.status === 'not_applicable') throw new Error('compiled stages are applicable');
        const at = p * compiled.count + i;
        expect(fromOrdinal(out.latestStart[at]!)).toBe(s.latestStart);
        expect(fromOrdinal(out.latestFinish[at]!)).toBe(s.latestFinish);
        expect(fromOrdinal(out.earliestStart[at]!)).toBe(s.earliestStart);
        expect(fromOrdinal(out.earliestFinish[at]!)).toBe(s.earliestFinish);
        expect(out.totalFloat[at]).toBe(s.totalFloat);
        expect(out.status[at]).toBe(batchStatus[s.status]);
      });
    });
  });

  it('records a project it cannot schedule and carries on with the others', () => {
    const batch = createScheduleBatch(compiled, 2);
    batch.targetFinish[compiled.positionOf.get('acceptance')!] = toOrdinal('2024-06-30');
    const out = scheduleMany(compiled, calendar, batch, toOrdinal('2023-02-01'));
    expect(out.errors).toEqual([
      { project: 1, code: 'missing_target', message: expect.stringContaining('没有目标日期') },
    ]);
    expect(out.latestStart[compiled.count]).toBe(NO_DATE);
    // 投产运营 follows 竣工验收 and must also fall by the project finish (Friday 06-28).
    expect(out.latestFinish[compiled.positionOf.get('operation')!]).toBe(toOrdinal('2024-06-28'));
    expect(out.latestFinish[compiled.positionOf.get('acceptance')!]).toBe(toOrdinal('2024-06-27'));
  });
});
