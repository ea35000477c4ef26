/**
 * The dispatch table (调度表) of a round as offices print it: a title with the jurisdiction and the
 * month, a unit line (万元, the month's 序时进度), a two-row header in the usual layout
 * 序号—项目名称—年度计划投资—本月完成—1-N月累计—完成率—序时进度—形象进度—当前工序—存在问题—下一步计划,
 * a 合计 row, then per level a 小计 row followed by its projects. Money in 万元 (numbers shown with
 * two decimals), rates in percent with one decimal; print-ready through print-setup.ts.
 */
import type { DispatchTable, DispatchTableRow } from '@guatu/contracts';
import { completionRate, ledgerWords, levels, monthNumber, toWan } from '@guatu/domain';
import { loadExcelJS } from './exceljs.ts';
import { applyPrintSetup, cellBorder } from './print-setup.ts';

const ordinals = ['一', '二', '三', '四', '五', '六'];
const MONEY = '0.00';
const RATE = '0.0"%"';

type Col = {
  header: string;
  /** Under 投资情况（万元） in the header's first row. */
  money?: boolean;
  width: number;
  numFmt?: string;
  value: (r: DispatchTableRow) => string | number | null;
};

const columnsFor = (month: string): Col[] => [
  { header: '序号', width: 6, value: () => null },
  { header: '项目名称', width: 34, value: (r) => r.name },
  { header: '年度计划投资', money: true, width: 13, numFmt: MONEY, value: (r) => toWan(r.annualPlan) },
  { header: '本月完成', money: true, width: 12, numFmt: MONEY, value: (r) => toWan(r.completedThisMonth) },
  {
    header: `1-${monthNumber(month)}月累计`,
    money: true,
    width: 12,
    numFmt: MONEY,
    value: (r) => toWan(r.completedYtd),
  },
  { header: '完成率', width: 9, numFmt: RATE, value: (r) => r.completionRate },
  { header: '序时进度', money: true, width: 12, numFmt: MONEY, value: (r) => toWan(r.pacePlan) },
  { header: '形象进度', width: 30, value: (r) => r.progressText },
  { header: '当前工序', width: 12, value: (r) => r.currentStage },
  {
    header: '存在问题',
    width: 30,
    value: (r) => (r.problems.length === 0 ? null : r.problems.map((p, i) => `${i + 1}. ${p}`).join('\n')),
  },
  { header: '下一步计划', width: 30, value: (r) => r.nextMonthPlan },
];

/** The title of a round's table: 乐陵市2023年3月重点项目调度表. */
export const dispatchTableTitle = (regionName: string, month: string) =>
  `${regionName}${month.slice(0, 4)}年${monthNumber(month)}月重点项目调度表`;

export async function writeDispatchTableWorkbook(opts: {
  title: string;
  table: DispatchTable;
  generatedAt: string;
}): Promise<Buffer> {
  const { table } = opts;
  const cols = columnsFor(table.round.month);
  const last = cols.length;
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Guatu 挂图';
  const ws = wb.addWorksheet(`${monthNumber(table.round.month)}月调度表`, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 4 }],
  });
  ws.columns = cols.map((c, i) => ({
    key: String(i),
    width: c.width,
    style: c.numFmt ? { numFmt: c.numFmt } : {},
  }));

  ws.getRow(1).values = [opts.title];
  ws.mergeCells(1, 1, 1, last);
  ws.getRow(1).font = { size: 16, bold: true };
  ws.getRow(1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.getRow(2).values = [`单位：万元\u3000序时进度：${table.paceRate}%`];
  ws.getCell(2, last).value = `导出时间：${opts.generatedAt}`;

  const firstMoney = cols.findIndex((c) => c.money);
  const moneyRun = cols.slice(firstMoney).findIndex((c) => !c.money);
  const lastMoney = firstMoney + moneyRun - 1;
  ws.getRow(3).values = cols.map((c, i) =>
    i >= firstMoney && i <= lastMoney ? '投资情况（万元）' : c.header,
  );
  ws.getRow(4).values = cols.map((c) => c.header);
  ws.mergeCells(3, firstMoney + 1, 3, lastMoney + 1);
  cols.forEach((c, i) => {
    if (i < firstMoney || i > lastMoney) ws.mergeCells(3, i + 1, 4, i + 1);
  });
  for (const r of [3, 4]) {
    const row = ws.getRow(r);
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c);
      cell.border = cellBorder;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    }
  }

  const totalRow = (label: string, rows: readonly DispatchTableRow[]) => {
    const sum = (f: (r: DispatchTableRow) => number) => rows.reduce((s, r) => s + f(r), 0);
    const plan = sum((r) => r.annualPlan);
    const ytd = sum((r) => r.completedYtd);
    const values: Array<string | number | null> = cols.map(() => null);
    values[1] = label;
    values[2] = toWan(plan);
    values[3] = toWan(sum((r) => r.completedThisMonth));
    values[4] = toWan(ytd);
    values[5] = completionRate(ytd, plan);
    values[6] = toWan(sum((r) => r.pacePlan));
    ws.addRow(values).font = { bold: true };
  };
  totalRow(`合计（${table.rows.length}个）`, table.rows);
  const known = new Set<string>(levels);
  const groups: Array<[string, DispatchTableRow[]]> = levels.map((l) => [
    `${ledgerWords.level[l]}重点项目`,
    table.rows.filter((r) => r.level === l),
  ]);
  groups.push(['其他项目', table.rows.filter((r) => !known.has(r.level))]);
  let seq = 0;
  let k = 0;
  for (const [name, group] of groups) {
    if (group.length === 0) continue;
    totalRow(`${ordinals[k++]}、${name}小计（${group.length}个）`, group);
    for (const r of group) {
      const values = cols.map((c) => c.value(r));
      values[0] = ++seq;
      const row = ws.addRow(values);
      row.alignment = { vertical: 'top', wrapText: true };
    }
  }
  applyPrintSetup(ws, { headerRows: [3, 4], lang: 'zh-CN', columns: last });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
