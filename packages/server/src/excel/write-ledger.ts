/**
 * The ledger in the standard layout leaders read: title line, unit line, a two-row header
 * (投资情况（万元） over 总投资 / 2023年计划投资), a 合计 row, then per level a 小计 row
 * followed by its projects; frozen header, set widths, money in 万元 as numbers shown with
 * two decimals. The import reads this layout back unchanged (round trip).
 */
import {
  exportColumns,
  ledgerWords,
  levels,
  projectField,
  toWan,
  type LedgerSnapshot,
  type ProjectFieldKey,
} from '@guatu/domain';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs.ts';
import { applyPrintSetup } from './print-setup.ts';

/** A project's row of the ledger: its catalogue fields with the names of its town, leader and department. */
export type ExportRow = LedgerSnapshot & {
  regionName: string;
  leaderName: string | null;
  departmentName: string | null;
};

const levelNames = ledgerWords.level;
const ordinals = ['一', '二', '三', '四', '五', '六'];

type Col = {
  header: string;
  width: number;
  value: (r: ExportRow) => string | number | null;
  /** The yuan a total row sums, for a money column. */
  yuan?: (r: ExportRow) => number;
};

/** The cell of one catalogue field: names for references, the ledger's words, 万元, 是/否. */
function cellOf(key: ProjectFieldKey, r: ExportRow): string | number | null {
  switch (key) {
    case 'regionId':
      return r.regionName;
    case 'leaderId':
      return r.leaderName;
    case 'departmentId':
      return r.departmentName;
    case 'level':
      return ledgerWords.level[r.level];
    case 'category':
      return ledgerWords.category[r.category];
    case 'nature':
      return ledgerWords.nature[r.nature];
    // 已开工 without a date reads back as started with the date unknown.
    case 'actualStart':
      return r.actualStart ?? (r.startedUndated ? '已开工' : null);
    default:
      break;
  }
  const v = (r as unknown as Record<string, string | number | boolean | null>)[key] ?? null;
  const kind = projectField(key).type.kind;
  if (kind === 'money') return v === null ? null : toWan(v as number);
  if (kind === 'boolean') return v ? '是' : '否';
  return v as string | number | null;
}

/** 序号, then the catalogue's export columns in order. */
const columnsFor = (year: number): Col[] => [
  { header: '序号', width: 6, value: () => null },
  ...exportColumns(year).map((c) => ({
    header: c.header,
    width: c.width,
    value: (r: ExportRow) => cellOf(c.key, r),
    ...(c.money
      ? { yuan: (r: ExportRow) => (r as unknown as Record<string, number | null>)[c.key] ?? 0 }
      : {}),
  })),
];

// Fast deflate: the export of 10,000 rows spends more time compressing than building at the default level.
const zipOptions = {
  zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } },
} as unknown as Partial<ExcelJS.XlsxWriteOptions>;

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** Builds the workbook; `rows` in ledger order (they are grouped by level here). Empty rows: the blank template. */
export async function writeLedgerWorkbook(opts: {
  title: string;
  year: number;
  rows: readonly ExportRow[];
  generatedAt?: string;
}): Promise<Buffer> {
  const cols = columnsFor(opts.year);
  const money = cols.flatMap((c, i) => (c.yuan ? [i] : []));
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Guatu 挂图';
  const ws = wb.addWorksheet(`${opts.year}年台账`, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 4 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = cols.map((c, i) => ({
    key: String(i),
    width: c.width,
    style: c.yuan ? { numFmt: '0.00' } : {},
  }));
  const last = cols.length;

  ws.getRow(1).values = [opts.title];
  ws.mergeCells(1, 1, 1, last);
  ws.getRow(1).font = { size: 16, bold: true };
  ws.getRow(1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.getRow(2).values = ['单位：万元'];
  if (opts.generatedAt) ws.getCell(2, last).value = `导出时间：${opts.generatedAt}`;

  const top = cols.map((c) => (c.yuan ? '投资情况（万元）' : c.header));
  const bottom = cols.map((c) => c.header);
  ws.getRow(3).values = top;
  ws.getRow(4).values = bottom;
  ws.mergeCells(3, money[0]! + 1, 3, money[money.length - 1]! + 1);
  cols.forEach((c, i) => {
    if (!c.yuan) ws.mergeCells(3, i + 1, 4, i + 1);
  });
  for (const r of [3, 4]) {
    const row = ws.getRow(r);
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c);
      cell.border = border;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    }
  }
  // Print setup on the blank template too; after the rows again, for their borders and dates.
  const printSetup = { headerRows: [3, 4], lang: 'zh-CN', columns: last } as const;
  applyPrintSetup(ws, printSetup);
  if (opts.rows.length === 0) return Buffer.from(await wb.xlsx.writeBuffer(zipOptions));

  const sum = (rows: readonly ExportRow[], i: number) =>
    toWan(rows.reduce((s, r) => s + cols[i]!.yuan!(r), 0));
  const totalRow = (label: string, rows: readonly ExportRow[]) => {
    const values: Array<string | number | null> = cols.map(() => null);
    values[1] = label;
    for (const i of money) values[i] = sum(rows, i);
    const row = ws.addRow(values);
    row.font = { bold: true };
  };
  totalRow(`合计（${opts.rows.length}个）`, opts.rows);
  let seq = 0;
  let k = 0;
  for (const level of levels) {
    const group = opts.rows.filter((r) => r.level === level);
    if (group.length === 0) continue;
    totalRow(`${ordinals[k++]}、${levelNames[level]}重点项目小计（${group.length}个）`, group);
    for (const r of group) {
      const values = cols.map((c) => c.value(r));
      values[0] = ++seq;
      ws.addRow(values);
    }
  }
  applyPrintSetup(ws, printSetup);
  return Buffer.from(await wb.xlsx.writeBuffer(zipOptions));
}
