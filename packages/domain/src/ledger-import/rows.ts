/**
 * The rows under the header: section rows (一、省级重点项目（6个）) set the level or category of
 * the rows below them; totals (合计/小计/总计), blank rows and notes (注：…) are skipped and
 * listed; every other row becomes a record of typed values with its problems.
 */
import type { MoneyUnit } from '../money.ts';
import { fieldOfImport, type FieldValue, type projectFieldCatalogue } from '../project-fields.ts';
import type { Category, Level } from '../vocabulary.ts';
import { asOfFromGrid } from './as-of.ts';
import { importTextLimit, type ImportField } from './fields.ts';
import { columnLetter, type HeaderDetection } from './header.ts';
import {
  cellText,
  halfWidth,
  parseCategory,
  parseCode,
  parseDateOrMonth,
  parseLevel,
  parseMoney,
  parseNature,
  parseText,
  parseYesNo,
  type Cell,
  type Grid,
  type Parsed,
  type ValueProblem,
} from './values.ts';

/** What the import understood of one cell, row or file: a code and its parameters, translated by the server. */
export type IssueCode =
  | ValueProblem
  | 'missing_name'
  | 'missing_total'
  | 'missing_level'
  | 'missing_town'
  | 'duplicate_in_file'
  | 'unknown_town'
  | 'town_out_of_scope'
  | 'unknown_leader'
  | 'ambiguous_leader'
  | 'several_leaders'
  | 'unknown_department'
  | 'code_taken'
  | 'ambiguous_name'
  | 'started_without_date'
  | 'started_undated'
  | 'not_started_with_date'
  | 'plan_over_total'
  | 'default_nature'
  | 'default_category'
  | 'masked_phone';

export type RowIssue = {
  severity: 'error' | 'warning';
  code: IssueCode;
  /** Excel column letter of the cell, or null for the row as a whole. */
  column: string | null;
  field: ImportField | null;
  /** The cell's text as read, for the message. */
  value: string | null;
};

export type SkipReason = 'blank' | 'total' | 'section' | 'note';
export type SkippedRow = { row: number; reason: SkipReason; text: string | null };

type ImportEntry<F> = Extract<(typeof projectFieldCatalogue)[number], { import: { field: F } }>;

/** The mapped, typed values of one data row; a key is present only when its column is mapped. */
export type RecordValues = { [F in ImportField]?: FieldValue<ImportEntry<F>['type'], string> | null };

export type ImportRecord = {
  /** 1-based sheet row, as Excel shows it. */
  row: number;
  values: RecordValues;
  /** The level and category given by the section rows above, if any. */
  sectionLevel: Level | null;
  sectionCategory: Category | null;
  issues: RowIssue[];
};

/** One column's confirmed meaning: which field, and for money which unit. */
export type ColumnMapping = { index: number; field: ImportField | null; unit?: MoneyUnit | null };

export type ParsedSheet = { records: ImportRecord[]; skipped: SkippedRow[] };

const ordinal = /^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|[IVX]+[、.])/;
const totalWords = /合计|小计|总计|累计/;
const noteStart = /^(注|备注|说明|填报说明|填表说明|制表|填表人|审核人|数据来源)[:：]/;

function sectionMeaning(text: string): { level: Level | null; category: Category | null } {
  const t = halfWidth(text).replace(/\s+/g, '');
  const level: Level | null = /省级|省重点/.test(t)
    ? 'province'
    : /市级|市重点/.test(t)
      ? 'city'
      : /县级|县重点|区级|区重点|县\(市、区\)级/.test(t)
        ? 'county'
        : null;
  const category: Category | null = /实施类|实施项目/.test(t)
    ? 'implementation'
    : /储备类|储备项目/.test(t)
      ? 'reserve'
      : null;
  return { level, category };
}

function parseField(field: ImportField, cell: Cell, unit: MoneyUnit): Parsed<unknown> {
  const type = fieldOfImport(field)!.type;
  switch (type.kind) {
    case 'money':
      return parseMoney(cell, unit);
    case 'date':
      // 开工时间 written as 已开工/未开工 instead of a date: read as the started flag by the caller.
      return parseDateOrMonth(cell);
    case 'boolean':
      return parseYesNo(cell);
    case 'enum':
      return type.of === 'level'
        ? parseLevel(cell)
        : type.of === 'category'
          ? parseCategory(cell)
          : parseNature(cell);
    default:
      return field === 'code' ? parseCode(cell) : parseText(cell, importTextLimit(field));
  }
}

/**
 * Reads the data rows under a detected header with the confirmed mapping.
 * `defaultUnit` applies to money columns whose label and sheet state no unit (offices' 万元).
 */
export function parseLedgerRows(
  grid: Grid,
  header: Pick<HeaderDetection, 'headerEnd' | 'unit'> &
    Partial<Pick<HeaderDetection, 'headerStart' | 'year'>>,
  mapping: readonly ColumnMapping[],
  defaultUnit: MoneyUnit = 'wan',
): ParsedSheet {
  const mapped = mapping.filter((m): m is ColumnMapping & { field: ImportField } => m.field !== null);
  const nameCol = mapped.find((m) => m.field === 'name')?.index ?? -1;
  const records: ImportRecord[] = [];
  const skipped: SkippedRow[] = [];
  let level: Level | null = null;
  let category: Category | null = null;
  let lastContent = header.headerEnd;
  // The reported figures are as of the date the title lines (or a note under the table) give.
  const asOf = asOfFromGrid(grid, header.headerStart ?? 0, header.year ?? null);
  for (let r = grid.length - 1; r > header.headerEnd; r--) {
    if ((grid[r] ?? []).some((c) => cellText(c) !== null)) {
      lastContent = r;
      break;
    }
  }
  for (let r = header.headerEnd + 1; r <= lastContent; r++) {
    const row = grid[r] ?? [];
    const texts = row.map((c) => cellText(c));
    const first = texts.find((t) => t !== null) ?? null;
    const rowNo = r + 1;
    if (first === null) {
      skipped.push({ row: rowNo, reason: 'blank', text: null });
      continue;
    }
    const nameText = nameCol >= 0 ? (texts[nameCol] ?? null) : null;
    const lead = texts.slice(0, Math.max(nameCol + 1, 2)).filter((t): t is string => t !== null);
    const leadText = lead.join(' ');
    if (noteStart.test(halfWidth(first))) {
      skipped.push({ row: rowNo, reason: 'note', text: first });
      continue;
    }
    const sectionText = lead.find((t) => ordinal.test(halfWidth(t)));
    const filled = texts.filter((t) => t !== null).length;
    const bareSection =
      sectionText === undefined &&
      nameText !== null &&
      filled <= 2 &&
      /项目|类/.test(nameText) &&
      /[(（]\s*\d+\s*个/.test(nameText);
    if (sectionText !== undefined || bareSection) {
      const m = sectionMeaning(sectionText !== undefined ? leadText : nameText!);
      if (m.level) {
        level = m.level;
        category = null;
      }
      if (m.category) category = m.category;
      skipped.push({ row: rowNo, reason: 'section', text: leadText });
      continue;
    }
    if (lead.some((t) => totalWords.test(t.replace(/\s+/g, '')))) {
      skipped.push({ row: rowNo, reason: 'total', text: leadText });
      continue;
    }
    const rec: ImportRecord = {
      row: rowNo,
      values: {},
      sectionLevel: level,
      sectionCategory: category,
      issues: [],
    };
    const values = rec.values as Record<string, unknown>;
    for (const m of mapped) {
      const cell = row[m.index] ?? null;
      const unit = m.unit ?? header.unit ?? defaultUnit;
      let parsed = parseField(m.field, cell, unit);
      if (!parsed.ok && m.field === 'actualStart') {
        const yn = parseYesNo(cell);
        if (yn.ok) {
          // 开工时间 written as 已开工/未开工: keep it as the started flag.
          if (values.started === undefined || values.started === null) values.started = yn.value;
          parsed = { ok: true, value: null };
        }
      }
      if (parsed.ok) values[m.field] = parsed.value;
      else {
        values[m.field] = null;
        rec.issues.push({
          severity: 'error',
          code: parsed.problem,
          column: columnLetter(m.index),
          field: m.field,
          value: cellText(cell),
        });
      }
    }
    if (
      asOf !== null &&
      (values.reportedAsOf === undefined || values.reportedAsOf === null) &&
      ((values.reportedYtd ?? null) !== null || (values.reportedProgress ?? null) !== null)
    )
      values.reportedAsOf = asOf;
    if (nameCol < 0 || values.name === null || values.name === undefined) {
      if (!rec.issues.some((i) => i.field === 'name'))
        rec.issues.push({
          severity: 'error',
          code: 'missing_name',
          column: nameCol >= 0 ? columnLetter(nameCol) : null,
          field: 'name',
          value: null,
        });
    }
    records.push(rec);
  }
  return { records, skipped };
}
