import { describe, expect, it } from 'vitest';
import { mergedStageDates, validateReport, type ReportContext } from './validate-report.ts';

// A report's stage updates checked against the project's schedule (issue 10, items 2 and 4).
describe('report stage updates against the schedule', () => {
  const ctx: ReportContext = {
    today: '2023-03-20',
    totalInvestment: 50_000_000,
    annualPlan: 20_000_000,
    starting: null,
    otherMonths: [],
    schedule: {
      stages: [
        { key: 'land', name: '土地摘牌' },
        { key: 'energy', name: '节能审查', notApplicable: true },
        { key: 'permit', name: '施工许可' },
      ],
      recorded: new Map([['permit', { actualStart: '2023-03-10', actualFinish: null }]]),
      firstDate: '2020-01-01',
      lastDate: '2027-12-31',
    },
  };
  const issuesOf = (
    stages: Array<{ key: string; actualStart: string | null; actualFinish: string | null }>,
  ) =>
    validateReport({ month: '2023-03', completedThisMonth: 0, stages }, ctx).map((i) => [
      i.code,
      i.path,
      i.params,
    ]);

  it('refuses a stage the schedule does not have, one that does not apply, and one named twice', () => {
    expect(
      issuesOf([
        { key: 'moon', actualStart: '2023-03-01', actualFinish: null },
        { key: 'energy', actualStart: '2023-03-01', actualFinish: null },
        { key: 'land', actualStart: '2023-03-01', actualFinish: null },
        { key: 'land', actualStart: '2023-03-02', actualFinish: null },
      ]),
    ).toEqual([
      ['dispatch_stage_unknown', 'stages.moon', { key: 'moon' }],
      ['dispatch_stage_not_applicable', 'stages.energy', { stage: '节能审查' }],
      ['dispatch_stage_duplicate', 'stages.land', { key: 'land' }],
    ]);
  });
  it('refuses a date before the calendar the schedule runs on, and a finish before the recorded start', () => {
    expect(
      issuesOf([
        { key: 'land', actualStart: '2019-12-31', actualFinish: null },
        // permit started 2023-03-10 (recorded): a finish on 2023-03-05 reported alone is before it.
        { key: 'permit', actualStart: null, actualFinish: '2023-03-05' },
      ]),
    ).toEqual([
      [
        'dispatch_stage_date_out_of_range',
        'stages.land',
        { date: '2019-12-31', first: '2020-01-01', last: '2027-12-31' },
      ],
      ['dispatch_stage_finish_before_start', 'stages.permit', { start: '2023-03-10', finish: '2023-03-05' }],
    ]);
    expect(issuesOf([{ key: 'permit', actualStart: null, actualFinish: '2023-03-15' }])).toEqual([]);
  });
  it('keeps a recorded date the report leaves empty, replaces one it gives', () => {
    expect(
      mergedStageDates(
        { actualStart: null, actualFinish: '2023-03-15' },
        { actualStart: '2023-03-10', actualFinish: null },
      ),
    ).toEqual({ actualStart: '2023-03-10', actualFinish: '2023-03-15' });
    expect(mergedStageDates({ actualStart: '2023-03-11', actualFinish: null }, undefined)).toEqual({
      actualStart: '2023-03-11',
      actualFinish: null,
    });
  });
});
