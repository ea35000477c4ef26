/**
 * The war chart (挂图) as a coloured .xlsx for printing and for offices that work in Excel:
 * title, one row per project grouped as on screen, one column per stage under its stage group,
 * each cell filled by warning (else by status) and showing its date and flag, a legend, and
 * frozen project and header panes. Streamed (xlsx-stream.ts): 50,000 rows × 19 stages go out
 * as they are written, never held as a workbook.
 */
import type { Writable } from 'node:stream';
import {
  cellFlag,
  shownFlag,
  cellStatus,
  cellStatusOf,
  cellWarning,
  cellWarningOf,
  encodeCell,
  type WarChartDto,
  type WarChartQuery,
} from '@guatu/contracts';
import { NO_DATE, fromOrdinal, type StageGroup } from '@guatu/domain';
import type ExcelJS from 'exceljs';
import { translate, type Lang } from '../messages.ts';
import { applyPrintSetup, printPageSetup } from './print-setup.ts';
import { closeWorkbook, openWorkbook, SheetRows, type CellValue } from './xlsx-stream.ts';

const groupKeys: Record<StageGroup, `war_chart_stage_group_${StageGroup}`> = {
  landing: 'war_chart_stage_group_landing',
  procedures: 'war_chart_stage_group_procedures',
  construction: 'war_chart_stage_group_construction',
  completion: 'war_chart_stage_group_completion',
};

// Indexed by the cell codec's status and warning codes (contracts war-chart-cell.ts).
const statusFill = ['FFFFFFFF', 'FF91CAFF', 'FFB7EB8F', 'FFFF7875', 'FFD9D9D9'];
const statusKeys = [
  'war_chart_status_not_started',
  'war_chart_status_in_progress',
  'war_chart_status_done',
  'war_chart_status_late',
  'war_chart_status_not_applicable',
] as const;
const warningFill = [null, 'FF95DE64', 'FFFFE58F', 'FFFF4D4F'];
const warningKeys = [
  null,
  'war_chart_warning_green',
  'war_chart_warning_yellow',
  'war_chart_warning_red',
] as const;
const statusMarks = ['', '▶', '✔', '✖', '—'];

const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

// One style object per distinct cell code, shared by every cell with that code.
// The flag shown follows the screen's rule (shownFlag): a milestone on time, any stage finished late.
const styles = new Map<number, Partial<ExcelJS.Style>>();
function styleOf(code: number, milestone = false): Partial<ExcelJS.Style> {
  const key = code + (milestone ? 128 : 0);
  let style = styles.get(key);
  if (!style) {
    const status = cellStatusOf(code);
    const warning = cellWarningOf(code);
    const flag = cellFlag[shownFlag(code, milestone)];
    style = {
      fill: fill(warningFill[warning] ?? statusFill[status] ?? 'FFFFFFFF'),
      font: {
        size: 9,
        color: {
          argb: flag === cellFlag.black ? 'FF000000' : flag === cellFlag.red ? 'FFC00000' : 'FF595959',
        },
        bold: flag !== cellFlag.none,
      },
      alignment: { horizontal: 'center', vertical: 'middle' },
      border: thin,
    };
    styles.set(key, style);
  }
  return style;
}

// A chart of 50,000 projects has about a million cells but a few thousand distinct days and marks.
const days = new Map<number, string>();
const marks = new Map<number, string>();
function cellText(code: number, date: number, milestone: boolean): string {
  const key = code + (milestone ? 128 : 0);
  let mark = marks.get(key);
  if (mark === undefined) {
    const flag = cellFlag[shownFlag(code, milestone)];
    mark = `${flag !== cellFlag.none ? '⚑' : ''}${statusMarks[cellStatusOf(code)] ?? ''}`;
    marks.set(key, mark);
  }
  if (date === NO_DATE) return mark;
  let day = days.get(date);
  if (day === undefined) {
    // Four-digit years: a printed chart is read for years (2023-04-13, not 23-04-13).
    day = fromOrdinal(date);
    if (days.size > 100_000) days.clear();
    days.set(date, day);
  }
  return mark ? `${mark} ${day}` : day;
}

/**
 * Writes the chart's workbook to `out` as it goes (header through exceljs, the project rows and
 * the legend through SheetRows); resolves once `out` has every byte, rejects on a failure midway.
 */
export async function writeWarChartWorkbook(
  opts: {
    title: string;
    chart: WarChartDto;
    dates: Int32Array;
    /** The grouping (level, town, leader, department), named in `lang`. */
    groupBy: WarChartQuery['groupBy'];
    /** The request's language: every word of the sheet but the data (names) follows it. */
    lang: Lang;
  },
  out: Writable,
): Promise<void> {
  const { chart, dates, lang } = opts;
  const w = (key: Parameters<typeof translate>[0], params?: Record<string, string | number>) =>
    translate(key, lang, params);
  const width = chart.stages.length;
  const wb = await openWorkbook(out);
  const ws = wb.addWorksheet(w('war_chart_sheet'), {
    views: [{ state: 'frozen', xSplit: 3, ySplit: 4 }],
    pageSetup: printPageSetup([3, 4]),
  });
  // A3 landscape, header rows on every page, page numbers (the cells style their own borders).
  applyPrintSetup(ws, { headerRows: [3, 4], lang });
  ws.columns = [{ width: 6 }, { width: 14 }, { width: 36 }, ...chart.stages.map(() => ({ width: 13 }))];
  const lastCol = 3 + width;

  const title = ws.getRow(1);
  title.getCell(1).value = opts.title;
  title.getCell(1).font = { size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: 'center' };
  title.height = 28;
  ws.mergeCells(1, 1, 1, lastCol);
  title.commit();
  const sub = ws.getRow(2);
  sub.getCell(1).value = w('war_chart_subtitle', {
    today: chart.today,
    groupBy: w(`war_chart_group_by_${opts.groupBy}`),
    count: chart.projects.ids.length,
  });
  sub.getCell(1).font = { size: 10, color: { argb: 'FF595959' } };
  ws.mergeCells(2, 1, 2, lastCol);
  sub.commit();

  const head = {
    font: { bold: true, size: 10 },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: thin,
    fill: fill('FFF0F0F0'),
  } as const;
  const groupRow = ws.getRow(3);
  const nameRow = ws.getRow(4);
  [w('war_chart_column_seq'), w('war_chart_column_group'), w('war_chart_column_name')].forEach((label, i) => {
    Object.assign(groupRow.getCell(i + 1), { value: label, style: head });
    Object.assign(nameRow.getCell(i + 1), { style: head });
  });
  const merges: Array<[number, number]> = [];
  chart.stages.forEach((s, i) => {
    const col = 4 + i;
    Object.assign(groupRow.getCell(col), { value: w(groupKeys[s.group]), style: head });
    Object.assign(nameRow.getCell(col), { value: s.name, style: head });
    const last = merges[merges.length - 1];
    if (last && chart.stages[i - 1]?.group === s.group) last[1] = col;
    else merges.push([col, col]);
  });
  nameRow.height = 42;
  for (let c = 1; c <= 3; c++) ws.mergeCells(3, c, 4, c);
  for (const [from, to] of merges) if (to > from) ws.mergeCells(3, from, 3, to);
  groupRow.commit();
  nameRow.commit();

  // The project rows: the same cells and styles as exceljs's rows, written as they are produced.
  const rows = new SheetRows(wb, ws, out, lastCol);
  const plain = { font: { size: 10 }, border: thin, alignment: { vertical: 'middle' } } as const;
  const groupStyle = { ...plain, alignment: { vertical: 'top', wrapText: true } } as const;
  const seqId = rows.styleId(plain, 'number');
  const plainId = rows.styleId(plain);
  const groupId = rows.styleId(groupStyle);
  const milestones = chart.stages.map((s) => s.milestone);
  const values: CellValue[] = new Array<CellValue>(lastCol).fill(null);
  const styleIds: number[] = new Array<number>(lastCol).fill(0);
  styleIds[0] = seqId;
  styleIds[1] = groupId;
  styleIds[2] = plainId;
  const n = chart.projects.ids.length;
  for (let p = 0; p < n; p++) {
    values[0] = p + 1;
    // The group's name once, on its first row (projects come sorted by group); blank below it.
    const group = chart.projects.group[p]!;
    const first = p === 0 || chart.projects.group[p - 1] !== group;
    values[1] = first ? (chart.groups[group]?.label ?? '') : null;
    values[2] = chart.projects.names[p] ?? null;
    for (let s = 0; s < width; s++) {
      const code = chart.cells[p * width + s]!;
      const milestone = milestones[s]!;
      values[3 + s] = cellText(code, dates[p * width + s]!, milestone);
      styleIds[3 + s] = rows.styleId(styleOf(code, milestone));
    }
    rows.row(5 + p, values, styleIds);
    await rows.breathe();
  }

  let r = 5 + n + 1;
  const legendText = rows.styleId({ font: { size: 10 } });
  const legendRow = (sample: Partial<ExcelJS.Style> | null, text: string, mark = '') =>
    rows.row(r++, [null, sample ? mark : null, text], [0, sample ? rows.styleId(sample) : 0, legendText]);
  legendRow(null, w('war_chart_legend'));
  statusKeys.forEach((key, status) =>
    legendRow(
      styleOf(encodeCell(status, cellWarning.none, cellFlag.none)),
      w('war_chart_legend_status', { name: w(key) }),
      statusMarks[status],
    ),
  );
  [cellWarning.green, cellWarning.yellow, cellWarning.red].forEach((warning) =>
    legendRow(styleOf(encodeCell(cellStatus.not_started, warning, cellFlag.none)), w(warningKeys[warning]!)),
  );
  legendRow(
    styleOf(encodeCell(cellStatus.done, cellWarning.none, cellFlag.red), true),
    w('war_chart_flag_red'),
    '⚑✔',
  );
  legendRow(
    styleOf(encodeCell(cellStatus.done, cellWarning.none, cellFlag.black)),
    w('war_chart_flag_black'),
    '⚑✖',
  );
  rows.flush();
  await closeWorkbook(wb, ws, out);
}
