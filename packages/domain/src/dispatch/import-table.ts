/**
 * Importing a filled dispatch table (调度表) into a round (issue 10, item 6): offices that still
 * collect reports in Excel. The header is found by the ledger import's detection
 * (ledger-import/header.ts); this module maps its columns to the table's own fields by their
 * labels and reads the rows (合计, 小计 and 省级/市级… section rows are skipped); import-plan.ts
 * matches them to the round's projects and plans what the import does per project.
 * Money is integer yuan; the sheet's unit is 万元 unless a label or the title says otherwise.
 */
import type { MoneyUnit } from '../money.ts';
import type { HeaderDetection } from '../ledger-import/header.ts';
import { normaliseLabel } from '../ledger-import/fields.ts';
import { cellText, halfWidth, parseMoney, type Cell, type Grid } from '../ledger-import/values.ts';

export const dispatchImportFields = [
  'seq',
  'name',
  'annualPlan',
  'completedThisMonth',
  'completedYtd',
  'progressText',
  'currentStage',
  'problems',
  'nextMonthPlan',
] as const;
export type DispatchImportField = (typeof dispatchImportFields)[number];

/** Labels by field, tried in this order (完成率 and 序时进度 are computed: never read). */
const labelPatterns: ReadonlyArray<[DispatchImportField | null, RegExp]> = [
  [null, /完成率|序时进度|完成比例/],
  ['seq', /^(序号|编号|序|排序)$/],
  ['name', /^(项目名称|项目名|项目|名称|工程名称)$/],
  ['completedYtd', /^1[-~—–至]\d{1,2}月(份)?(累计)?(完成)?(投资)?(累计)?$|累计完成|^(本年|年度|全年)累计/],
  ['completedThisMonth', /^(本月|当月)(完成)?(投资)?(完成)?$|^\d{1,2}月(份)?完成(投资)?$/],
  ['annualPlan', /计划投资|投资计划|年度计划/],
  ['progressText', /形象进度|进展情况|工程进度|项目进度/],
  ['currentStage', /当前工序|工序/],
  ['problems', /问题/],
  ['nextMonthPlan', /下一步|下步|下月计划|下阶段/],
];

/** The field a header label means (the bottom label of a two-row header), or null. */
export function dispatchFieldForLabel(label: string): DispatchImportField | null {
  const bottom = label.includes(' / ') ? label.slice(label.lastIndexOf(' / ') + 3) : label;
  const norm = normaliseLabel(bottom).replace(/[－～]/g, '-');
  if (norm === '') return null;
  for (const [field, re] of labelPatterns) if (re.test(norm)) return field;
  return null;
}

export type DispatchColumn = {
  index: number;
  letter: string;
  label: string;
  field: DispatchImportField | null;
};

/**
 * The columns of a detected header with the field each maps to: by label, then the confirmed
 * choices (`confirmed`, by column index) on top; a field named twice keeps its first column.
 */
export function mapDispatchColumns(
  header: Pick<HeaderDetection, 'columns'>,
  confirmed: ReadonlyArray<{ index: number; field: DispatchImportField | null }> = [],
): DispatchColumn[] {
  const cols: DispatchColumn[] = header.columns.map((c) => ({
    index: c.index,
    letter: c.letter,
    label: c.label,
    field: dispatchFieldForLabel(c.label),
  }));
  for (const m of confirmed) {
    const col = cols.find((c) => c.index === m.index);
    if (col) col.field = m.field;
  }
  const seen = new Set<DispatchImportField>();
  for (const c of cols) {
    if (c.field === null) continue;
    if (seen.has(c.field)) c.field = null;
    else seen.add(c.field);
  }
  return cols;
}

export type DispatchIssueCode =
  | 'bad_number'
  | 'negative'
  | 'too_long'
  | 'missing_name'
  | 'unknown_project'
  | 'duplicate_project'
  | 'ytd_mismatch'
  | 'ytd_below_previous'
  | 'missing_amount'
  | 'near_name'
  | 'plan_mismatch';

/** Warnings are shown and committed; any error keeps the whole file out. */
export const dispatchWarningCodes: ReadonlySet<DispatchIssueCode> = new Set(['near_name', 'plan_mismatch']);

export type DispatchRowIssue = {
  code: DispatchIssueCode;
  severity: 'error' | 'warning';
  column: string | null;
  params: Record<string, string | number>;
};

export type DispatchImportRecord = {
  /** 1-based sheet row. */
  row: number;
  name: string | null;
  annualPlan: number | null;
  completedThisMonth: number | null;
  completedYtd: number | null;
  progressText: string | null;
  problems: string[];
  nextMonthPlan: string | null;
  issues: DispatchRowIssue[];
};

export type DispatchSkipped = {
  row: number;
  reason: 'blank' | 'total' | 'section' | 'note';
  text: string | null;
};

const TEXT_LIMIT = 2000;
const PROBLEM_LIMIT = 500;
const PROBLEMS_MAX = 50;
const totalWords = /合计|小计|总计/;
const ordinal = /^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])/;
const sectionName = /^(省级|市级|县级|区级|县\(市、区\)级|其他)(重点)?项目|^(省|市|县|区)重点项目/;
const noteStart = /^(注|备注|说明|填报说明|填表说明|制表|填表人|审核人|数据来源)[:：]/;

/** 存在问题 as a list: one per line or separated by ；, a leading 1. / 1、/ (1) numbering dropped. */
export function splitProblems(text: string | null): string[] {
  if (text === null) return [];
  return text
    .split(/\r?\n|[；;]/)
    .map((s) => s.replace(/^\s*([(（]?\d{1,2}[)）.、．]|[①-⑳])\s*/, '').trim())
    .filter((s) => s !== '');
}

/** Reads the rows under the header with the mapped columns; totals, sections, notes and blanks are skipped. */
export function parseDispatchRows(
  grid: Grid,
  header: Pick<HeaderDetection, 'headerEnd' | 'unit'>,
  columns: readonly DispatchColumn[],
): { records: DispatchImportRecord[]; skipped: DispatchSkipped[] } {
  const col = (f: DispatchImportField) => columns.find((c) => c.field === f) ?? null;
  const nameCol = col('name');
  const seqCol = col('seq');
  const unit: MoneyUnit = header.unit ?? 'wan';
  const records: DispatchImportRecord[] = [];
  const skipped: DispatchSkipped[] = [];
  let last = header.headerEnd;
  for (let r = grid.length - 1; r > header.headerEnd; r--)
    if ((grid[r] ?? []).some((c) => cellText(c) !== null)) {
      last = r;
      break;
    }
  for (let r = header.headerEnd + 1; r <= last; r++) {
    const row = grid[r] ?? [];
    const cell = (c: DispatchColumn | null): Cell => (c ? (row[c.index] ?? null) : null);
    const texts = row.map((c) => cellText(c));
    const first = texts.find((t) => t !== null) ?? null;
    const rowNo = r + 1;
    if (first === null) {
      skipped.push({ row: rowNo, reason: 'blank', text: null });
      continue;
    }
    if (noteStart.test(halfWidth(first))) {
      skipped.push({ row: rowNo, reason: 'note', text: first });
      continue;
    }
    const name = cellText(cell(nameCol));
    const seq = cellText(cell(seqCol));
    const lead = [seq, name]
      .filter((t): t is string => t !== null)
      .map((t) => halfWidth(t).replace(/\s+/g, ''));
    if (lead.some((t) => totalWords.test(t))) {
      skipped.push({ row: rowNo, reason: 'total', text: lead.join(' ') });
      continue;
    }
    if (lead.some((t) => ordinal.test(t) || sectionName.test(t))) {
      skipped.push({ row: rowNo, reason: 'section', text: lead.join(' ') });
      continue;
    }
    const issues: DispatchRowIssue[] = [];
    const money = (f: 'annualPlan' | 'completedThisMonth' | 'completedYtd'): number | null => {
      const c = col(f);
      if (!c) return null;
      const p = parseMoney(cell(c), unit);
      if (p.ok) return p.value;
      issues.push({
        code: p.problem === 'negative' ? 'negative' : 'bad_number',
        severity: 'error',
        column: c.letter,
        params: { value: cellText(cell(c)) ?? '' },
      });
      return null;
    };
    const text = (f: 'progressText' | 'nextMonthPlan' | 'problems', max: number): string | null => {
      const c = col(f);
      const t = c ? cellText(cell(c)) : null;
      if (t !== null && t.length > max && f !== 'problems') {
        issues.push({ code: 'too_long', severity: 'error', column: c!.letter, params: { max } });
        return null;
      }
      return t;
    };
    const problems = splitProblems(text('problems', Infinity));
    const problemsCol = col('problems');
    if (problems.length > PROBLEMS_MAX || problems.some((p) => p.length > PROBLEM_LIMIT))
      issues.push({
        code: 'too_long',
        severity: 'error',
        column: problemsCol?.letter ?? null,
        params: { max: PROBLEM_LIMIT },
      });
    if (name === null)
      issues.push({ code: 'missing_name', severity: 'error', column: nameCol?.letter ?? null, params: {} });
    records.push({
      row: rowNo,
      name,
      annualPlan: money('annualPlan'),
      completedThisMonth: money('completedThisMonth'),
      completedYtd: money('completedYtd'),
      progressText: text('progressText', TEXT_LIMIT),
      problems,
      nextMonthPlan: text('nextMonthPlan', TEXT_LIMIT),
      issues,
    });
  }
  return { records, skipped };
}
