import { describe, expect, it } from 'vitest';
import type { DispatchFigures, DispatchTableRow } from '@guatu/contracts';
import { figuresCsv } from './figures-export.ts';
import { figureRows } from './figures-projects.ts';
import { displayRows, filterFromSearch, filterRows } from './review-table-rows.ts';

const row = (projectId: number, over: Partial<DispatchTableRow> = {}): DispatchTableRow => ({
  projectId,
  name: `项目${projectId}`,
  level: 'county',
  category: 'implementation',
  regionName: '乐陵市',
  annualPlan: 0,
  completedThisMonth: 0,
  completedYtd: 0,
  completionRate: null,
  pacePlan: 0,
  paceWarning: null,
  statsWarning: null,
  reportingWarning: 'green',
  reportStatus: null,
  late: false,
  progressText: null,
  currentStage: null,
  problems: [],
  nextMonthPlan: null,
  ...over,
});

// Three levels in the server's order (province, city, county) and one of an unknown level.
const rows = [
  row(1, {
    level: 'province',
    annualPlan: 100_000_000,
    completedYtd: 20_000_000,
    completedThisMonth: 5_000_000,
    pacePlan: 25_000_000,
    reportStatus: 'submitted',
    paceWarning: 'green',
  }),
  row(2, {
    level: 'city',
    annualPlan: 30_000_000,
    completedYtd: 3_000_000,
    pacePlan: 7_500_000,
    reportStatus: 'returned',
    late: true,
    paceWarning: 'red',
  }),
  row(3, {
    level: 'city',
    annualPlan: 10_000_000,
    completedYtd: 2_000_000,
    pacePlan: 2_500_000,
    reportStatus: 'draft',
    statsWarning: 'yellow',
    reportingWarning: 'yellow',
  }),
  row(4, { level: 'county', annualPlan: 0, reportStatus: 'accepted', late: true }),
  row(5, {
    level: 'other',
    annualPlan: 1_000_000,
    completedYtd: 0,
    pacePlan: 250_000,
    reportingWarning: 'red',
  }),
];

describe('调度表 rows', () => {
  it('lays out 合计 first, then per level a 小计 and its projects, numbering projects only (as the .xlsx)', () => {
    const shown = displayRows(rows);
    expect(
      shown.map((r) => (r.kind === 'project' ? r.seq : `${r.kind}:${r.kind === 'subtotal' ? r.level : ''}`)),
    ).toEqual([
      'total:',
      'subtotal:province',
      1,
      'subtotal:city',
      2,
      3,
      'subtotal:county',
      4,
      'subtotal:null',
      5,
    ]);
    const total = shown[0]!;
    // 1亿 + 3000万 + 1000万 + 0 + 100万 = 1.41亿; 2000万 + 300万 + 200万 = 2500万; 2500万 / 1.41亿 = 17.7%
    expect(total.kind === 'total' && total.sums).toEqual({
      projects: 5,
      annualPlan: 141_000_000,
      completedThisMonth: 5_000_000,
      completedYtd: 25_000_000,
      completionRate: 17.7,
      pacePlan: 35_250_000,
    });
    const city = shown[3]!;
    // (300万 + 200万) / 4000万 = 12.5%
    expect(city.kind === 'subtotal' && [city.ordinal, city.sums.projects, city.sums.completionRate]).toEqual([
      2, 2, 12.5,
    ]);
  });

  it('filters by status (未报 = no report), late and warnings, and by the ids of a figure', () => {
    const ids = (search: string) =>
      filterRows(rows, filterFromSearch(new URLSearchParams(search))).map((r) => r.projectId);
    expect(ids('')).toEqual([1, 2, 3, 4, 5]);
    expect(ids('status=none')).toEqual([5]);
    expect(ids('status=draft')).toEqual([3]);
    expect(ids('status=submitted')).toEqual([1]);
    expect(ids('status=returned')).toEqual([2]);
    expect(ids('status=accepted')).toEqual([4]);
    expect(ids('late=1')).toEqual([2, 4]);
    expect(ids('warning=pace')).toEqual([2]);
    expect(ids('warning=stats')).toEqual([3]);
    expect(ids('warning=reporting')).toEqual([3, 5]);
    expect(ids('warning=any')).toEqual([2, 3, 5]);
    expect(ids('ids=5,1,x')).toEqual([1, 5]);
    expect(ids('ids=1,2,3&late=1')).toEqual([2]);
    // Unknown values are no filter.
    expect(ids('status=nonsense&warning=nonsense')).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('调度分析 figures', () => {
  it('opens exactly the projects a count counts (reported: submitted or accepted; missing: none or draft; late: not a draft)', () => {
    const of = (kind: Parameters<typeof figureRows>[1], ids: number[] | null = null) =>
      figureRows(rows, kind, ids).map((r) => r.projectId);
    expect(of('projects')).toEqual([1, 2, 3, 4, 5]);
    expect(of('reported')).toEqual([1, 4]);
    expect(of('missing')).toEqual([3, 5]);
    expect(of('returned')).toEqual([2]);
    expect(of('late')).toEqual([2, 4]);
    expect(of('paceRed')).toEqual([2]);
    expect(of('statsYellow')).toEqual([3]);
    expect(of('reportingRed')).toEqual([5]);
    expect(of('reported', [2, 3, 4])).toEqual([4]);
  });

  it('exports the group table as CSV in 万元 with a BOM, a 合计 line and quoted texts', () => {
    const group = {
      key: '7',
      label: '张建国, 副市长',
      projects: 2,
      annualPlan: 123_456_700,
      completedYtd: 10_000_000,
      completionRate: 8.1,
      pacePlan: 113_168_642,
      paceWarning: 'red' as const,
      reported: 1,
      missing: 1,
      late: 0,
      returned: 0,
      statsWarnings: { yellow: 1, red: 0 },
      reportingWarnings: { yellow: 0, red: 1 },
      projectIds: [1, 2],
    };
    const { key: _k, label: _l, reported: _r, missing: _m, late: _la, returned: _re, ...overall } = group;
    const figures: DispatchFigures = {
      round: {} as DispatchFigures['round'],
      by: 'leader',
      paceRate: 91.7,
      counts: { projects: 2, reported: 1, missing: 1, late: 0, returned: 0 },
      overall,
      groups: [group],
    };
    const csv = figuresCsv(
      figures,
      { group: '包保领导', total: '合计', columns: ['项目数', '年度计划'] },
      (w) => w ?? '—',
    );
    expect(csv.startsWith('\uFEFF包保领导,项目数,年度计划\r\n')).toBe(true);
    expect(csv.split('\r\n').slice(1)).toEqual([
      '"张建国, 副市长",2,12345.67,1000,8.1,11316.8642,red,1,1,0,0,1,0,0,1',
      '合计,2,12345.67,1000,8.1,11316.8642,red,1,1,0,0,1,0,0,1',
      '',
    ]);
  });
});
