import { projectCreate, projectFields, projectYear } from '@guatu/contracts';
import {
  detectHeader,
  exportColumns,
  projectField,
  projectOwnFields,
  projectYearFields,
  type Cell,
} from '@guatu/domain';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeLedgerWorkbook } from '../src/excel/write-ledger.ts';

// The derivations of the project field catalogue (packages/domain/src/project-fields.ts).
describe('project field catalogue derivations', () => {
  it('gives the contracts every field: the project shape and the year shape', () => {
    const own = projectOwnFields.map((f) => f.key).sort();
    expect(Object.keys(projectFields).sort()).toEqual(own);
    expect(Object.keys(projectCreate.shape).sort()).toEqual([...own, 'years'].sort());
    expect(Object.keys(projectYear.shape).sort()).toEqual(
      ['year', ...projectYearFields.map((f) => f.key)].sort(),
    );
  });

  it('applies each field type and its empty value', () => {
    const base = {
      name: '甲',
      nature: 'new',
      regionId: 1,
      totalInvestment: 1,
      years: [{ year: 2023, level: 'county', category: 'implementation', annualPlan: 0 }],
    };
    const parsed = projectCreate.parse(base);
    expect(parsed).toMatchObject({
      code: null,
      statsIncluded: false,
      startedUndated: false,
      taskForceIds: [],
    });
    expect(projectCreate.safeParse({ ...base, code: 'abc' }).success).toBe(false);
    expect(projectCreate.safeParse({ ...base, name: '' }).success).toBe(false);
    expect(projectCreate.safeParse({ ...base, notes: 'x'.repeat(4001) }).success).toBe(false);
    expect(projectCreate.safeParse({ ...base, latitude: 91 }).success).toBe(false);
    expect(projectCreate.safeParse({ ...base, plannedStart: '2023-3' }).success).toBe(false);
    expect(projectCreate.safeParse({ ...base, totalInvestment: -1 }).success).toBe(false);
    expect(
      projectYear.safeParse({
        ...base.years[0],
        reportedYtd: 5,
        reportedAsOf: '2023-03-31',
        reportedProgress: '主体',
      }).success,
    ).toBe(true);
    expect(projectYear.safeParse({ ...base.years[0], reportedYtd: 1.5 }).success).toBe(false);
  });

  it('writes the catalogue export columns in order, and the import reads each back as its field', async () => {
    const data = await writeLedgerWorkbook({ title: '乐陵市2023年重点项目台账', year: 2023, rows: [] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const cols = exportColumns(2023);
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual(['序号', ...cols.map((c) => c.header)]);
    const grid: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      grid[n - 1] = (row.values as unknown[]).slice(1).map((v) => (typeof v === 'string' ? v : null));
    });
    const header = detectHeader(grid);
    expect(header.columns.map((c) => c.field)).toEqual([
      null,
      ...cols.map((c) => projectField(c.key).import!.field),
    ]);
  });
});
