import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldForLabel, importFieldLabels, importFields } from './fields.ts';
import { columnLetter, detectHeader } from './header.ts';
import { planImport, type ExistingProject, type ImportLookups } from './plan.ts';
import { parseLedgerRows, type ColumnMapping } from './rows.ts';
import {
  excelSerialToIso,
  parseCategory,
  parseDateOrMonth,
  parseLevel,
  parseMoney,
  parseNature,
  parseYesNo,
  type Grid,
} from './values.ts';

const value = <T>(p: { ok: true; value: T } | { ok: false }) => (p.ok ? p.value : 'FAIL');

describe('header labels', () => {
  it('maps synonyms, spaces, units and year-named columns', () => {
    expect(fieldForLabel('项目名称')).toBe('name');
    expect(fieldForLabel('项目 名称')).toBe('name');
    expect(fieldForLabel('名称')).toBe('name');
    expect(fieldForLabel('总投资（万元）')).toBe('totalInvestment');
    expect(fieldForLabel('总投资(亿元)')).toBe('totalInvestment');
    expect(fieldForLabel('计划总投资')).toBe('totalInvestment');
    expect(fieldForLabel('2023年计划投资')).toBe('annualPlan');
    expect(fieldForLabel('2023年度计划投资（万元）')).toBe('annualPlan');
    expect(fieldForLabel('1-3月完成投资')).toBe('reportedYtd');
    expect(fieldForLabel('3月完成投资')).toBeNull();
    expect(fieldForLabel('包保领导')).toBe('leader');
    expect(fieldForLabel('包保市领导')).toBe('leader');
    expect(fieldForLabel('责任领导')).toBe('leader');
    expect(fieldForLabel('乡镇（街道）')).toBe('town');
    expect(fieldForLabel('是否纳统')).toBe('statsIncluded');
    expect(fieldForLabel('序号')).toBeNull();
  });
  it('reads back every label of the standard layout as its own field', () => {
    for (const f of importFields) expect(fieldForLabel(importFieldLabels[f])).toBe(f);
  });
  it('names columns like Excel', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('values', () => {
  it('converts money in 万元, 亿元 and 元 to integer yuan, with separators and full-width digits', () => {
    expect(value(parseMoney(1234.56, 'wan'))).toBe(12_345_600);
    expect(value(parseMoney('1,234.56', 'wan'))).toBe(12_345_600);
    expect(value(parseMoney('１２３４', 'wan'))).toBe(12_340_000);
    expect(value(parseMoney(' 3.2 ', 'yi'))).toBe(320_000_000);
    expect(value(parseMoney('500元', 'wan'))).toBe(500);
    expect(value(parseMoney('2亿', 'wan'))).toBe(200_000_000);
    expect(value(parseMoney(1.005, 'yuan'))).toBe(1);
    expect(value(parseMoney('', 'wan'))).toBeNull();
    expect(value(parseMoney('—', 'wan'))).toBeNull();
    expect(parseMoney('约100', 'wan')).toEqual({ ok: false, problem: 'bad_number' });
    expect(parseMoney(-5, 'wan')).toEqual({ ok: false, problem: 'negative' });
  });
  it('reads every date form offices write, keeping month precision', () => {
    const cases: Array<[string | number, string]> = [
      ['2023-03-15', '2023-03-15'],
      ['2023/3/15', '2023-03-15'],
      ['2023.3.15', '2023-03-15'],
      ['2023年3月15日', '2023-03-15'],
      ['２０２３年３月', '2023-03'],
      ['2023.3', '2023-03'],
      ['2023.03', '2023-03'],
      ['2023-3', '2023-03'],
      ['2023年3月', '2023-03'],
      ['2023年10月底', '2023-10'],
      [2023.3, '2023-03'],
      [2023.12, '2023-12'],
      [45000, '2023-03-15'],
      ['45000', '2023-03-15'],
      [45000.5, '2023-03-15'],
      ['20230315', '2023-03-15'],
    ];
    for (const [input, expected] of cases)
      expect(value(parseDateOrMonth(input)), String(input)).toBe(expected);
    expect(parseDateOrMonth('2023-02-30')).toEqual({ ok: false, problem: 'bad_date' });
    expect(parseDateOrMonth('2023年')).toEqual({ ok: false, problem: 'year_only' });
    expect(parseDateOrMonth(2023)).toEqual({ ok: false, problem: 'year_only' });
    expect(parseDateOrMonth('下半年')).toEqual({ ok: false, problem: 'bad_date' });
    expect(value(parseDateOrMonth(null))).toBeNull();
  });
  it('serial numbers agree with the calendar (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 18264, max: 73050 }), (serial) => {
        const iso = excelSerialToIso(serial);
        const back = Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000 + 25569;
        return back === serial && value(parseDateOrMonth(serial)) === iso;
      }),
    );
  });
  it('reads yes/no, levels, categories and natures in short and long forms', () => {
    expect(['是', '已开工', '√', 'Y', true, 1].map((c) => value(parseYesNo(c)))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['否', '未开工', '×', 'n', false, 0].map((c) => value(parseYesNo(c)))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(parseYesNo('也许').ok).toBe(false);
    expect(['省级', '省重点', '省', '省级重点项目'].map((c) => value(parseLevel(c)))).toEqual(
      Array(4).fill('province'),
    );
    expect(['市级', '市', '县级', '县'].map((c) => value(parseLevel(c)))).toEqual([
      'city',
      'city',
      'county',
      'county',
    ]);
    expect(parseLevel('国家级').ok).toBe(false);
    expect(['实施类', '实施', '储备类', '储备'].map((c) => value(parseCategory(c)))).toEqual([
      'implementation',
      'implementation',
      'reserve',
      'reserve',
    ]);
    expect(['新建', '续建', '改扩建', '扩建'].map((c) => value(parseNature(c)))).toEqual([
      'new',
      'continuing',
      'expansion',
      'expansion',
    ]);
  });
});

const grid: Grid = [
  ['乐陵市2023年重点项目台账', null, null, null, null, null],
  ['单位：亿元', null, null, null, null, null],
  ['序号', '项目 名称', '建设性质', '投资情况', '投资情况', '所在乡镇'],
  ['序号', '项目 名称', '建设性质', '总投资', '2023年计划投资', '所在乡镇'],
  ['', '合  计', null, 3, 1, null],
  ['一、省级重点项目（1个）', null, null, null, null, null],
  [1, '甲项目', '新建', 1.5, 0.5, '朱集镇'],
  ['二、县级重点项目（1个）', null, null, null, null, null],
  ['（一）储备类', null, null, null, null, null],
  [2, '乙项目', '续建', '１.５', '0.5', '朱集'],
  [null, null, null, null, null, null],
  ['注：本表数据截至3月底。', null, null, null, null, null],
];

describe('header and rows', () => {
  it('finds a two-row merged header under a title and unit line', () => {
    const h = detectHeader(grid);
    expect(h).toMatchObject({
      found: true,
      headerStart: 2,
      headerEnd: 3,
      unit: 'yi',
      year: 2023,
      title: '乐陵市2023年重点项目台账',
    });
    expect(h.columns.map((c) => c.field)).toEqual([
      null,
      'name',
      'nature',
      'totalInvestment',
      'annualPlan',
      'town',
    ]);
    expect(h.columns[4]).toMatchObject({ label: '投资情况 / 2023年计划投资', year: 2023 });
  });
  it('finds a one-row header with a CSV-style group (label in the first cell only)', () => {
    const csv: Grid = [
      ['名称', '投资情况（万元）', null, '计划开工'],
      [null, '总投资', '年度计划投资', null],
      ['丙项目', 100, 50, '2023.3'],
    ];
    const h = detectHeader(csv);
    expect(h.headerEnd).toBe(1);
    expect(h.columns.map((c) => [c.field, c.unit])).toEqual([
      ['name', null],
      ['totalInvestment', 'wan'],
      ['annualPlan', 'wan'],
      ['plannedStart', null],
    ]);
  });
  it('reports no header when nothing names the projects', () => {
    expect(
      detectHeader([
        ['a', 'b'],
        [1, 2],
      ]).found,
    ).toBe(false);
  });
  it('skips totals, sections, blanks and notes, and gives rows the section level and category', () => {
    const h = detectHeader(grid);
    const mapping: ColumnMapping[] = h.columns.map((c) => ({ index: c.index, field: c.field, unit: c.unit }));
    const { records, skipped } = parseLedgerRows(grid, h, mapping);
    expect(skipped.map((s) => [s.row, s.reason])).toEqual([
      [5, 'total'],
      [6, 'section'],
      [8, 'section'],
      [9, 'section'],
      [11, 'blank'],
      [12, 'note'],
    ]);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ row: 7, sectionLevel: 'province', sectionCategory: null });
    expect(records[0]!.values).toMatchObject({
      name: '甲项目',
      totalInvestment: 150_000_000,
      annualPlan: 50_000_000,
    });
    expect(records[1]).toMatchObject({ row: 10, sectionLevel: 'county', sectionCategory: 'reserve' });
    expect(records[1]!.values.nature).toBe('continuing');
  });
  it('records a bad cell with its column', () => {
    const g: Grid = [
      ['项目名称', '总投资', '计划开工'],
      ['丁', 'abc', '明年'],
    ];
    const h = detectHeader(g);
    const { records } = parseLedgerRows(
      g,
      h,
      h.columns.map((c) => ({ index: c.index, field: c.field })),
    );
    expect(records[0]!.issues.map((i) => [i.code, i.column])).toEqual([
      ['bad_number', 'B'],
      ['bad_date', 'C'],
    ]);
  });
});

describe('planImport', () => {
  const lookups: ImportLookups = {
    regionsInScope: [
      { id: 3, name: '乐陵市' },
      { id: 10, name: '朱集镇' },
      { id: 11, name: '市中街道' },
    ],
    regionsOutOfScope: ['津城街道'],
    leaders: [{ id: 7, name: '张建国' }],
    departments: [{ id: 5, name: '市自然资源局' }],
    defaultRegionId: 3,
  };
  const existing: ExistingProject[] = [
    {
      id: 100,
      version: 3,
      inScope: true,
      hasYear: true,
      snapshot: {
        name: '甲项目',
        code: null,
        level: 'province',
        category: 'implementation',
        nature: 'new',
        industry: null,
        ownerUnit: null,
        regionId: 10,
        address: null,
        content: null,
        totalInvestment: 150_000_000,
        annualPlan: 50_000_000,
        plannedStart: null,
        plannedFinish: null,
        actualStart: null,
        startedUndated: false,
        statsIncluded: false,
        statsCode: null,
        statsDate: null,
        leaderId: null,
        departmentId: null,
        contactName: null,
        contactPhone: null,
        notes: null,
      },
    },
  ];
  const rec = (row: number, values: Record<string, unknown>) => ({
    row,
    values,
    sectionLevel: 'county' as const,
    sectionCategory: null,
    issues: [],
  });
  const cols = new Map([['town', 'F'] as const, ['leader', 'G'] as const]);

  it('classifies new, changed (with a diff), unchanged and error rows', () => {
    const rows = planImport(
      [
        rec(5, { name: '甲项目', totalInvestment: 150_000_000, level: 'province' }),
        rec(6, { name: '甲项目', totalInvestment: 1 }),
        rec(7, {
          name: '新项目',
          totalInvestment: 10,
          town: '朱集',
          leader: '张建国（副市长）',
          department: '自然资源局',
        }),
        rec(8, { name: '坏项目', totalInvestment: 10, town: '津城街道' }),
        rec(9, { name: '怪项目', totalInvestment: 10, town: '火星镇', leader: '无名氏' }),
      ],
      existing,
      lookups,
      cols,
    );
    expect(rows.map((r) => r.status)).toEqual(['unchanged', 'error', 'new', 'error', 'error']);
    expect(rows[1]!.issues.map((i) => i.code)).toContain('duplicate_in_file');
    expect(rows[2]!.next).toMatchObject({
      regionId: 10,
      leaderId: 7,
      departmentId: 5,
      level: 'county',
      nature: 'new',
    });
    expect(rows[3]!.issues.map((i) => [i.code, i.column])).toEqual([['town_out_of_scope', 'F']]);
    expect(rows[4]!.issues.map((i) => i.code)).toEqual(['unknown_town', 'unknown_leader']);
  });
  it('diffs changed fields with names for references', () => {
    const [row] = planImport(
      [rec(5, { name: '甲项目', totalInvestment: 160_000_000, town: '市中街道' })],
      existing,
      lookups,
      cols,
    );
    expect(row!.status).toBe('changed');
    expect(row!.diff).toEqual([
      { field: 'level', before: 'province', after: 'county' },
      { field: 'regionId', before: '朱集镇', after: '市中街道' },
      { field: 'totalInvestment', before: 150_000_000, after: 160_000_000 },
    ]);
  });
  it('refuses a new project without total investment or level', () => {
    const [row] = planImport(
      [{ ...rec(5, { name: '无级别' }), sectionLevel: null }],
      existing,
      lookups,
      cols,
    );
    expect(row!.issues.map((i) => i.code).sort()).toEqual(['missing_level', 'missing_total']);
  });
});

describe('planImport across counties (issue 7)', () => {
  it('does not take another county’s office for one of the importer’s by its short name', () => {
    const lookups: ImportLookups = {
      regionsInScope: [{ id: 3, name: '乐陵市' }],
      regionsOutOfScope: ['山东省', '德州市', '宁津县'],
      leaders: [],
      departments: [{ id: 5, name: '发展和改革局' }],
      defaultRegionId: 3,
    };
    const rec = (row: number, department: string) => ({
      row,
      values: { name: `项目${row}`, totalInvestment: 10, department },
      sectionLevel: 'county' as const,
      sectionCategory: null,
      issues: [],
    });
    const rows = planImport(
      [rec(5, '宁津县发展和改革局'), rec(6, '乐陵市发展和改革局'), rec(7, '发展和改革局')],
      [],
      lookups,
      new Map(),
    );
    expect(rows.map((r) => [r.status, r.issues.map((i) => i.code)])).toEqual([
      ['error', ['unknown_department']],
      ['new', []],
      ['new', []],
    ]);
    expect(rows[1]!.next).toMatchObject({ departmentId: 5 });
  });
});
