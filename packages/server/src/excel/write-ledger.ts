/**
 * The ledger in the standard layout leaders read: title line, unit line, a two-row header
 * (投资情况（万元） over 总投资 / 2023年计划投资), a 合计 row, then per level a 小计 row
 * followed by its projects; frozen header, set widths, money in 万元 as numbers shown with
 * two decimals. The import reads this layout back unchanged (round trip).
 *
 * Streamed (xlsx-stream.ts): the totals come first, from the export's light first pass, and the
 * project rows follow level by level as the service reads them, so that 50,000 projects go out
 * in seconds without ever being a workbook in memory.
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
import { PassThrough, type Writable } from 'node:stream';
import { isValidIsoDate, type Level } from '@guatu/domain';
import { applyPrintSetup, DATE_FORMAT, excelDate } from './print-setup.ts';
import { closeWorkbook, openWorkbook, SheetRows, type CellValue } from './xlsx-stream.ts';

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

/**
 * The cell of one catalogue field: names for references, the ledger's words, 万元, 是/否. Made
 * once per column (the field's kind looked up once, not per cell).
 */
function cellOf(key: ProjectFieldKey): (r: ExportRow) => string | number | null {
  switch (key) {
    case 'regionId':
      return (r) => r.regionName;
    case 'leaderId':
      return (r) => r.leaderName;
    case 'departmentId':
      return (r) => r.departmentName;
    case 'level':
      return (r) => ledgerWords.level[r.level];
    case 'category':
      return (r) => ledgerWords.category[r.category];
    case 'nature':
      return (r) => ledgerWords.nature[r.nature];
    // 已开工 without a date reads back as started with the date unknown.
    case 'actualStart':
      return (r) => r.actualStart ?? (r.startedUndated ? '已开工' : null);
    default:
      break;
  }
  const get = (r: ExportRow) =>
    (r as unknown as Record<string, string | number | boolean | null>)[key] ?? null;
  const kind = projectField(key).type.kind;
  if (kind === 'money')
    return (r) => {
      const v = get(r);
      return v === null ? null : toWan(v as number);
    };
  if (kind === 'boolean') return (r) => (get(r) ? '是' : '否');
  return get as (r: ExportRow) => string | number | null;
}

/** 序号, then the catalogue's export columns in order. */
const columnsFor = (year: number): Col[] => [
  { header: '序号', width: 6, value: () => null },
  ...exportColumns(year).map((c) => ({
    header: c.header,
    width: c.width,
    value: cellOf(c.key),
    ...(c.money
      ? { yuan: (r: ExportRow) => (r as unknown as Record<string, number | null>)[c.key] ?? 0 }
      : {}),
  })),
];

/** A full date 'YYYY-MM-DD' (written as a date cell); the cheap test first, most text is not one. */
const isFullDate = (v: string): boolean =>
  v.length === 10 &&
  v.charCodeAt(4) === 45 &&
  v.charCodeAt(7) === 45 &&
  /^\d{4}-\d{2}-\d{2}$/.test(v) &&
  isValidIsoDate(v);

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** The money fields the ledger totals (元), by export column. */
export const ledgerMoneyKeys = (year: number): ProjectFieldKey[] =>
  exportColumns(year).flatMap((c) => (c.money ? [c.key] : []));

/** One level's 小计: how many projects and the sums (元) of each money field. */
export type LedgerGroupTotal = {
  level: Level;
  count: number;
  sums: Partial<Record<ProjectFieldKey, number>>;
};

export type StreamedLedger = {
  title: string;
  year: number;
  generatedAt?: string;
  /** The levels with projects, in `levels` order, with their totals; 合计 is their sum. */
  groups: readonly LedgerGroupTotal[];
  /** The project rows, level by level as in `groups` (ledger order inside a level), in chunks. */
  rows: AsyncIterable<readonly ExportRow[]>;
};

/** The groups' totals of rows held in memory (the template, tests). */
export function ledgerGroups(year: number, rows: readonly ExportRow[]): LedgerGroupTotal[] {
  const keys = ledgerMoneyKeys(year);
  return levels.flatMap((level) => {
    const group = rows.filter((r) => r.level === level);
    if (group.length === 0) return [];
    const sums: LedgerGroupTotal['sums'] = {};
    for (const k of keys)
      sums[k] = group.reduce((s, r) => s + ((r as unknown as Record<string, number | null>)[k] ?? 0), 0);
    return [{ level, count: group.length, sums }];
  });
}

/**
 * Writes the ledger to `out` as its rows arrive; resolves once `out` has every byte. Rejects
 * (the caller destroys `out`) if the rows do not match the announced totals: a file whose 合计
 * is not the sum of its rows must not go out.
 */
export async function writeLedger(sheet: StreamedLedger, out: Writable): Promise<void> {
  const cols = columnsFor(sheet.year);
  const money = cols.flatMap((c, i) => (c.yuan ? [i] : []));
  const keys = ledgerMoneyKeys(sheet.year);
  const wb = await openWorkbook(out);
  const ws = wb.addWorksheet(`${sheet.year}年台账`, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 4 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = cols.map((c, i) => ({
    key: String(i),
    width: c.width,
    style: c.yuan ? { numFmt: '0.00' } : {},
  }));
  const last = cols.length;
  // A3 landscape, one page wide, the header rows on every page; data cells style themselves below.
  applyPrintSetup(ws, { headerRows: [3, 4], lang: 'zh-CN' });

  ws.getRow(1).values = [sheet.title];
  ws.mergeCells(1, 1, 1, last);
  ws.getRow(1).font = { size: 16, bold: true };
  ws.getRow(1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.getRow(2).values = ['单位：万元'];
  if (sheet.generatedAt) ws.getCell(2, last).value = `导出时间：${sheet.generatedAt}`;

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
  for (let r = 1; r <= 4; r++) ws.getRow(r).commit();

  // Every data cell bordered (print-setup.ts), money with two decimals, full dates as date cells.
  const rows = new SheetRows(wb, ws, out, last);
  const plainId = rows.styleId({ border });
  const seqId = rows.styleId({ border }, 'number');
  const moneyStyle = { border, numFmt: '0.00' };
  const dateId = rows.styleId({ border, numFmt: DATE_FORMAT }, 'date');
  const boldId = rows.styleId({ border, font: { bold: true } });
  const boldMoneyId = rows.styleId({ border, font: { bold: true }, numFmt: '0.00' }, 'number');
  const base = cols.map((c) => (c.yuan ? rows.styleId(moneyStyle, 'number') : plainId));
  base[0] = seqId;
  const totalStyles = cols.map((c) => (c.yuan ? boldMoneyId : boldId));
  const styles = [...base];
  const values: CellValue[] = new Array<CellValue>(last).fill(null);
  const getters = cols.map((c) => c.value);
  let r = 5;

  const totalRow = (label: string, sums: (k: ProjectFieldKey) => number) => {
    const v: CellValue[] = cols.map(() => null);
    v[1] = label;
    money.forEach((i, k) => (v[i] = toWan(sums(keys[k]!))));
    rows.row(r++, v, totalStyles);
  };
  const count = sheet.groups.reduce((n, g) => n + g.count, 0);
  // No project (the blank template, or nothing matches): the header alone, no 合计.
  if (count > 0)
    totalRow(`合计（${count}个）`, (k) => sheet.groups.reduce((s, g) => s + (g.sums[k] ?? 0), 0));

  let seq = 0;
  let g = -1;
  let leftInGroup = 0;
  for await (const chunk of sheet.rows) {
    for (const p of chunk) {
      if (leftInGroup === 0) {
        const group = sheet.groups[++g];
        if (!group || group.level !== p.level) throw new Error('ledger export: rows out of their level');
        totalRow(
          `${ordinals[g]}、${levelNames[group.level]}重点项目小计（${group.count}个）`,
          (k) => group.sums[k] ?? 0,
        );
        leftInGroup = group.count;
      } else if (p.level !== sheet.groups[g]!.level)
        throw new Error('ledger export: rows out of their level');
      leftInGroup--;
      for (let i = 1; i < last; i++) {
        const v = getters[i]!(p);
        if (typeof v === 'string' && isFullDate(v)) {
          values[i] = excelDate(v);
          styles[i] = dateId;
        } else {
          values[i] = v;
          styles[i] = base[i]!;
        }
      }
      values[0] = ++seq;
      rows.row(r++, values, styles);
    }
    await rows.breathe();
  }
  if (seq !== count || leftInGroup !== 0 || g !== sheet.groups.length - 1)
    throw new Error(`ledger export: ${seq} rows written of ${count} announced`);
  rows.flush();
  await closeWorkbook(wb, ws, out);
}

/** The workbook of rows held in memory, as a Buffer: the blank template (no rows) and tests. */
export async function writeLedgerWorkbook(opts: {
  title: string;
  year: number;
  rows: readonly ExportRow[];
  generatedAt?: string;
}): Promise<Buffer> {
  const groups = ledgerGroups(opts.year, opts.rows);
  const ordered = groups.flatMap((g) => opts.rows.filter((r) => r.level === g.level));
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeLedger(
    {
      title: opts.title,
      year: opts.year,
      ...(opts.generatedAt ? { generatedAt: opts.generatedAt } : {}),
      groups,
      rows: (async function* () {
        yield ordered;
      })(),
    },
    out,
  );
  return Buffer.concat(chunks);
}
