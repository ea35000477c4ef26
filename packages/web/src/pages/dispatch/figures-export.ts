import type { DispatchFigures } from '@guatu/contracts';
import { toWan } from '../../format.ts';

/** A CSV field: quoted when it holds a comma, a quote or a line break; a leading =+-@ neutralised. */
function field(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  // A spreadsheet runs a cell starting with = + - @ as a formula: a label is text, never code.
  if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The group table of 调度分析 as CSV (UTF-8 with a BOM, so Excel opens the Chinese right): one line
 * per group and a 合计 line, money in 万元, the headers in the reader's language.
 */
export function figuresCsv(
  figures: DispatchFigures,
  headers: { group: string; total: string; columns: readonly string[] },
  warningWord: (w: 'green' | 'yellow' | 'red' | null) => string,
): string {
  const line = (values: Array<string | number | null>) => values.map(field).join(',');
  const body = [...figures.groups, { ...figures.overall, ...figures.counts, label: headers.total }].map((g) =>
    line([
      g.label,
      g.projects,
      toWan(g.annualPlan),
      toWan(g.completedYtd),
      g.completionRate,
      toWan(g.pacePlan),
      warningWord(g.paceWarning),
      g.reported,
      g.missing,
      g.late,
      g.returned,
      g.statsWarnings.yellow,
      g.statsWarnings.red,
      g.reportingWarnings.yellow,
      g.reportingWarnings.red,
    ]),
  );
  return `\uFEFF${[line([headers.group, ...headers.columns]), ...body].join('\r\n')}\r\n`;
}

/** Saves a text as a file through the browser (a click on a temporary link). */
export function saveText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
