/**
 * Finds the header of a ledger sheet by itself: any of the first 15 rows, one or two rows
 * deep (a merged group such as 投资情况（万元） over 总投资 / 2023年计划投资), and reads the
 * unit and the year from the header or the title lines above it.
 */
import type { MoneyUnit } from '../money.ts';
import { fieldForLabel, isHeaderLabel, type ImportField } from './fields.ts';
import { cellText, halfWidth, unitOfLabel, type Cell, type Grid } from './values.ts';

export type DetectedColumn = {
  /** 0-based column index. */
  index: number;
  /** Excel column letter, e.g. 'B'. */
  letter: string;
  /** The header text, e.g. '总投资' or '投资情况（万元）/ 总投资'. */
  label: string;
  /** The field the label means, or null. */
  field: ImportField | null;
  /** The unit stated for this column (its label or its group's), or null. */
  unit: MoneyUnit | null;
  /** A year in the label (2023年计划投资), or null. */
  year: number | null;
};

export type HeaderDetection = {
  found: boolean;
  /** 0-based index of the first and the last header row. */
  headerStart: number;
  headerEnd: number;
  columns: DetectedColumn[];
  /** The sheet-wide unit (from a title/unit line), or null when none is stated. */
  unit: MoneyUnit | null;
  /** The year from the title line (乐陵市2023年重点项目台账) or a column label, or null. */
  year: number | null;
  /** The first non-empty text above the header, e.g. the title line. */
  title: string | null;
};

export const HEADER_SEARCH_ROWS = 15;

/** Excel's column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const yearOf = (s: string): number | null => {
  const m = /(20\d{2})年/.exec(halfWidth(s));
  return m ? Number(m[1]) : null;
};

type Candidate = {
  start: number;
  end: number;
  labels: Array<{ label: string; group: string | null }>;
  score: number;
};

function width(grid: Grid, from: number, to: number): number {
  let w = 0;
  for (let r = from; r <= to && r < grid.length; r++) w = Math.max(w, grid[r]?.length ?? 0);
  return w;
}

function singleRow(grid: Grid, r: number): Candidate {
  const row = grid[r] ?? [];
  const labels = row.map((c) => ({ label: cellText(c) ?? '', group: null }));
  return { start: r, end: r, labels, score: scoreLabels(labels.map((l) => l.label)) };
}

/** Two rows: a group label on top (repeated across a merge, or only in its first cell in a CSV). */
function twoRows(grid: Grid, r: number): Candidate {
  const top = grid[r] ?? [];
  const bottom = grid[r + 1] ?? [];
  const w = width(grid, r, r + 1);
  const labels: Candidate['labels'] = [];
  let lastGroup: string | null = null;
  for (let c = 0; c < w; c++) {
    const t = cellText(top[c] ?? null);
    const b = cellText(bottom[c] ?? null);
    if (t !== null && b !== null && t !== b) {
      labels.push({ label: b, group: t });
      lastGroup = t;
    } else if (t === null && b !== null && lastGroup !== null) {
      labels.push({ label: b, group: lastGroup });
    } else {
      labels.push({ label: t ?? b ?? '', group: null });
      lastGroup = null;
    }
  }
  const headerCells = (row: readonly Cell[]) =>
    row.filter((c) => {
      const s = cellText(c);
      return s !== null && isHeaderLabel(s);
    }).length;
  // Only a real two-row header counts: both rows hold header labels (a title line above does not).
  const score =
    headerCells(bottom) === 0 || headerCells(top) < 2 ? -1 : scoreLabels(labels.map((l) => l.label));
  return { start: r, end: r + 1, labels, score };
}

function scoreLabels(labels: string[]): number {
  const fields = new Set<ImportField>();
  let headers = 0;
  for (const l of labels) {
    if (l === '') continue;
    const f = fieldForLabel(l);
    if (f) fields.add(f);
    if (isHeaderLabel(l)) headers++;
  }
  if (!fields.has('name')) return 0;
  return fields.size * 2 + headers;
}

/** Detects the header in the first 15 rows of a sheet; `found` is false when no row names the projects. */
export function detectHeader(grid: Grid): HeaderDetection {
  let best: Candidate | null = null;
  const limit = Math.min(HEADER_SEARCH_ROWS, grid.length);
  for (let r = 0; r < limit; r++) {
    for (const cand of [singleRow(grid, r), twoRows(grid, r)]) {
      if (cand.score >= 3 && (best === null || cand.score > best.score)) best = cand;
    }
  }
  let title: string | null = null;
  let unit: MoneyUnit | null = null;
  let year: number | null = null;
  const above = best ? best.start : Math.min(3, grid.length);
  for (let r = 0; r < above; r++) {
    for (const c of grid[r] ?? []) {
      const s = cellText(c);
      if (s === null) continue;
      title ??= s;
      unit ??= unitOfLabel(s);
      year ??= yearOf(s);
    }
  }
  if (!best) return { found: false, headerStart: 0, headerEnd: -1, columns: [], unit, year, title };
  const columns: DetectedColumn[] = best.labels.map((l, index) => {
    const label = l.group ? `${l.group} / ${l.label}` : l.label;
    const columnYear = yearOf(l.label) ?? (l.group ? yearOf(l.group) : null);
    return {
      index,
      letter: columnLetter(index),
      label,
      field: fieldForLabel(l.label),
      unit: unitOfLabel(l.label) ?? (l.group ? unitOfLabel(l.group) : null),
      year: columnYear,
    };
  });
  // Two columns naming one field: the first keeps it (the wizard shows both for correction).
  const seen = new Set<ImportField>();
  for (const col of columns) {
    if (col.field === null) continue;
    if (seen.has(col.field)) col.field = null;
    else seen.add(col.field);
  }
  year ??= columns.find((c) => c.field === 'annualPlan')?.year ?? null;
  return { found: true, headerStart: best.start, headerEnd: best.end, columns, unit, year, title };
}
