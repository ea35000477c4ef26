/**
 * The war chart (挂图) as a coloured .xlsx for printing and for offices that work in Excel:
 * title, one row per project grouped as on screen, one column per stage under its stage group,
 * each cell filled by warning (else by status) and showing its date and flag, a legend, and
 * frozen project and header panes. Written with exceljs's streaming writer: 50,000 rows × 19
 * stages do not fit comfortably in an in-memory workbook.
 */
import { PassThrough } from 'node:stream';
import type { WarChartDto } from '@guatu/contracts';
import { NO_DATE, fromOrdinal, type StageGroup } from '@guatu/domain';
import ExcelJS from 'exceljs';

const groupNames: Record<StageGroup, string> = {
  landing: '落地',
  procedures: '手续',
  construction: '建设',
  completion: '竣工',
};

// Cell codes: status + 8 × warning + 32 × flag (see the contract).
const statusFill = ['FFFFFFFF', 'FF91CAFF', 'FFB7EB8F', 'FFFF7875', 'FFD9D9D9'];
const statusNames = ['未开始', '进行中', '已完成', '逾期未完成', '不适用'];
const warningFill = [null, 'FF95DE64', 'FFFFE58F', 'FFFF4D4F'];
const warningNames = ['', '绿色预警（正常）', '黄色预警', '红色预警'];
const statusMarks = ['', '▶', '✔', '✖', '—'];
const cellStatusDone = 2;

const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

// One style object per distinct cell code, shared by every cell with that code.
const styles = new Map<number, Partial<ExcelJS.Style>>();
function styleOf(code: number): Partial<ExcelJS.Style> {
  let style = styles.get(code);
  if (!style) {
    const status = code & 7;
    const warning = (code >> 3) & 3;
    const flag = code >> 5;
    style = {
      fill: fill(warningFill[warning] ?? statusFill[status] ?? 'FFFFFFFF'),
      font: {
        size: 9,
        color: { argb: flag === 2 ? 'FF000000' : flag === 1 ? 'FFC00000' : 'FF595959' },
        bold: flag > 0,
      },
      alignment: { horizontal: 'center', vertical: 'middle' },
      border: thin,
    };
    styles.set(code, style);
  }
  return style;
}

function cellText(code: number, date: number): string {
  const status = code & 7;
  const flag = code >> 5;
  const day = date === NO_DATE ? '' : fromOrdinal(date).slice(2);
  return `${flag > 0 ? '⚑' : ''}${statusMarks[status] ?? ''}${day ? ` ${day}` : ''}`.trim();
}

export async function writeWarChartWorkbook(opts: {
  title: string;
  chart: WarChartDto;
  dates: Int32Array;
  groupByName: string;
}): Promise<Buffer> {
  const { chart, dates } = opts;
  const width = chart.stages.length;
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('挂图作战', {
    views: [{ state: 'frozen', xSplit: 3, ySplit: 4 }],
    pageSetup: {
      orientation: 'landscape',
      paperSize: 8 as never,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  ws.columns = [{ width: 6 }, { width: 14 }, { width: 36 }, ...chart.stages.map(() => ({ width: 11 }))];
  const lastCol = 3 + width;

  const title = ws.getRow(1);
  title.getCell(1).value = opts.title;
  title.getCell(1).font = { size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: 'center' };
  title.height = 28;
  ws.mergeCells(1, 1, 1, lastCol);
  title.commit();
  const sub = ws.getRow(2);
  sub.getCell(1).value =
    `数据日期 ${chart.today}；按${opts.groupByName}分组；共 ${chart.projects.ids.length} 个项目；单元格：标记 + 日期（已完成为实际完成日期，其余为最迟完成日期）`;
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
  ['序号', '分组', '项目名称'].forEach((label, i) => {
    Object.assign(groupRow.getCell(i + 1), { value: label, style: head });
    Object.assign(nameRow.getCell(i + 1), { style: head });
  });
  const merges: Array<[number, number]> = [];
  chart.stages.forEach((s, i) => {
    const col = 4 + i;
    Object.assign(groupRow.getCell(col), { value: groupNames[s.group], style: head });
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

  const plain = { font: { size: 10 }, border: thin, alignment: { vertical: 'middle' } } as const;
  for (let p = 0; p < chart.projects.ids.length; p++) {
    const row = ws.getRow(5 + p);
    Object.assign(row.getCell(1), { value: p + 1, style: plain });
    Object.assign(row.getCell(2), {
      value: chart.groups[chart.projects.group[p]!]?.label ?? '',
      style: plain,
    });
    Object.assign(row.getCell(3), { value: chart.projects.names[p], style: plain });
    for (let s = 0; s < width; s++) {
      const code = chart.cells[p * width + s]!;
      const cell = row.getCell(4 + s);
      cell.value = cellText(code, dates[p * width + s]!);
      cell.style = styleOf(code);
    }
    row.commit();
  }

  let r = 5 + chart.projects.ids.length + 1;
  const legendRow = (sample: Partial<ExcelJS.Style> | null, text: string, mark = '') => {
    const row = ws.getRow(r++);
    if (sample) Object.assign(row.getCell(2), { value: mark, style: sample });
    Object.assign(row.getCell(3), { value: text, style: { font: { size: 10 } } });
    row.commit();
  };
  legendRow(null, '图例');
  statusNames.forEach((name, status) => legendRow(styleOf(status), `状态：${name}`, statusMarks[status]));
  [1, 2, 3].forEach((w) => legendRow(styleOf(8 * w), warningNames[w]!));
  legendRow(styleOf(cellStatusDone + 32), '红旗 ⚑：按期（不晚于最迟完成日期）完成', '⚑✔');
  legendRow(styleOf(cellStatusDone + 64), '黑旗 ⚑：超过最迟完成日期才完成，或逾期仍未完成', '⚑✖');
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
