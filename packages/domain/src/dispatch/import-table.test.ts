import { describe, expect, it } from 'vitest';
import { detectHeader } from '../ledger-import/header.ts';
import type { Grid } from '../ledger-import/values.ts';
import { matchProjectName, planDispatchImport, type DispatchImportTarget } from './import-plan.ts';
import {
  dispatchFieldForLabel,
  mapDispatchColumns,
  parseDispatchRows,
  splitProblems,
} from './import-table.ts';

// The dispatch table's own layout, as write-dispatch-table.ts writes it (two header rows).
const grid: Grid = [
  ['乐陵市2023年3月重点项目调度表'],
  ['单位：万元\u3000序时进度：25%'],
  [
    '序号',
    '项目名称',
    '投资情况（万元）',
    '投资情况（万元）',
    '投资情况（万元）',
    '完成率',
    '投资情况（万元）',
    '形象进度',
    '当前工序',
    '存在问题',
    '下一步计划',
  ],
  [
    '序号',
    '项目名称',
    '年度计划投资',
    '本月完成',
    '1-3月累计',
    '完成率',
    '序时进度',
    '形象进度',
    '当前工序',
    '存在问题',
    '下一步计划',
  ],
  [null, '合计（3个）', 3000, 30, 530, 17.7, 750],
  [null, '一、省级重点项目小计（1个）', 1000, 10, 210, 21, 250],
  [
    1,
    '德州高铁新区综合体',
    1000,
    10,
    210,
    21,
    250,
    '主体施工',
    null,
    '1. 用地指标待落实\n2. 资金到位滞后',
    '主体封顶',
  ],
  [null, '二、市级重点项目小计（2个）', 2000, 20, 320, 16, 500],
  [2, '乐陵市污水处理厂扩建', 1000, null, 150, null, 250, null, null, '管网迁改；电力接入'],
  [3, '乐陵市人民医院新院区', 1000, 5, 200, null, 250],
  [null, null],
  ['注：本表由各专班填报'],
];

const target = (
  projectId: number,
  name: string,
  over: Partial<DispatchImportTarget> = {},
): DispatchImportTarget => ({
  projectId,
  name,
  annualPlan: 10_000_000,
  completedThisMonth: 0,
  progressText: null,
  problems: [],
  nextMonthPlan: null,
  reportStatus: null,
  starting: null,
  otherMonths: [],
  ...over,
});

describe('dispatch table import', () => {
  it('maps the usual layout by its labels; 完成率 and 序时进度 are never read', () => {
    const header = detectHeader(grid);
    expect(header).toMatchObject({ found: true, headerStart: 2, headerEnd: 3 });
    expect(mapDispatchColumns(header).map((c) => c.field)).toEqual([
      'seq',
      'name',
      'annualPlan',
      'completedThisMonth',
      'completedYtd',
      null,
      null,
      'progressText',
      'currentStage',
      'problems',
      'nextMonthPlan',
    ]);
    expect(dispatchFieldForLabel('1－11月累计完成投资（万元）')).toBe('completedYtd');
    expect(dispatchFieldForLabel('3月完成投资')).toBe('completedThisMonth');
    expect(dispatchFieldForLabel('2023年计划投资')).toBe('annualPlan');
  });

  it('skips 合计, 小计, blank and note rows and reads 万元 and the problems list', () => {
    const header = detectHeader(grid);
    const { records, skipped } = parseDispatchRows(grid, header, mapDispatchColumns(header));
    expect(skipped.map((s) => [s.row, s.reason])).toEqual([
      [5, 'total'],
      [6, 'total'],
      [8, 'total'],
      [11, 'blank'],
      [12, 'note'],
    ]);
    expect(records.map((r) => [r.row, r.name, r.completedThisMonth, r.completedYtd, r.problems])).toEqual([
      [7, '德州高铁新区综合体', 100_000, 2_100_000, ['用地指标待落实', '资金到位滞后']],
      [9, '乐陵市污水处理厂扩建', null, 1_500_000, ['管网迁改', '电力接入']],
      [10, '乐陵市人民医院新院区', 50_000, 2_000_000, []],
    ]);
    expect(splitProblems('(1) 征地；(2)环评\n③ 资金')).toEqual(['征地', '环评', '资金']);
  });

  it('matches a near name to the one nearest project, never between two', () => {
    const ps = [{ name: '乐陵市污水处理厂扩建项目' }, { name: '乐陵市人民医院新院区' }];
    expect(matchProjectName('乐陵市污水处理厂扩建项目', ps)).toEqual({ project: ps[0], near: false });
    expect(matchProjectName('乐陵市污水处理厂扩建', ps)).toEqual({ project: ps[0], near: true });
    expect(matchProjectName('乐陵市人民医院', ps)).toBeNull();
    expect(matchProjectName('A区', [{ name: 'A区1' }, { name: 'A区2' }])).toBeNull();
  });

  it('computes this month from 累计 − last month, and refuses two figures that disagree', () => {
    const header = detectHeader(grid);
    const { records } = parseDispatchRows(grid, header, mapDispatchColumns(header));
    // Last month's YTD: the ledger's 200万 to February; 2023-02 reported nothing more.
    const starting = { ytd: 2_000_000, asOf: '2023-02-28' };
    const plan = planDispatchImport(
      '2023-03',
      records,
      [
        target(1, '德州高铁新区综合体', { starting }),
        target(2, '乐陵市污水处理厂扩建', { starting: { ytd: 1_200_000, asOf: '2023-02-28' } }),
        target(3, '乐陵市人民医院新院区', {
          starting,
          reportStatus: 'submitted',
          completedThisMonth: 40_000,
        }),
      ],
      { completedYtd: 'E' },
    );
    // Row 7: 10万 this month, 210万 = 200万 + 10万 → a new report.
    expect(plan[0]).toMatchObject({
      action: 'new',
      next: { completedThisMonth: 100_000, completedYtd: 2_100_000 },
    });
    // Row 9: blank this month, 150万 − 120万 = 30万.
    expect(plan[1]).toMatchObject({
      action: 'new',
      next: { completedThisMonth: 300_000, completedYtd: 1_500_000 },
    });
    // Row 10: 5万 this month but 200万 to date (200万 + 5万 = 205万 expected), and the table showed 204万.
    expect(plan[2]!.action).toBe('error');
    expect(plan[2]!.issues).toEqual([
      {
        code: 'ytd_mismatch',
        severity: 'error',
        column: 'E',
        params: { thisMonth: 5, ytd: 200, previous: 200, expected: 205 },
      },
    ]);
  });
});
