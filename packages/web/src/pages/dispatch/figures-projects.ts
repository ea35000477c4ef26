import type { DispatchTableRow } from '@guatu/contracts';
import { roundCounts } from '@guatu/domain/dispatch/figures';

/** A figure of 调度分析 that opens the projects behind it. */
export const figureKinds = [
  'projects',
  'reported',
  'missing',
  'late',
  'returned',
  'paceYellow',
  'paceRed',
  'statsYellow',
  'statsRed',
  'reportingYellow',
  'reportingRed',
] as const;
export type FigureKind = (typeof figureKinds)[number];

/** One row counted by the domain's rule (roundCounts), so a figure and its projects never disagree. */
function countsOfRow(r: DispatchTableRow) {
  return roundCounts(1, r.reportStatus ? [{ status: r.reportStatus, late: r.late }] : []);
}

function counts(kind: FigureKind, r: DispatchTableRow): boolean {
  switch (kind) {
    case 'projects':
      return true;
    case 'reported':
    case 'missing':
    case 'late':
    case 'returned':
      return countsOfRow(r)[kind] === 1;
    case 'paceYellow':
      return r.paceWarning === 'yellow';
    case 'paceRed':
      return r.paceWarning === 'red';
    case 'statsYellow':
      return r.statsWarning === 'yellow';
    case 'statsRed':
      return r.statsWarning === 'red';
    case 'reportingYellow':
      return r.reportingWarning === 'yellow';
    case 'reportingRed':
      return r.reportingWarning === 'red';
  }
}

/**
 * The projects behind a figure: of the rows (the round table's, in its order) those among `ids`
 * (a group's projectIds; null: all) that the figure counts.
 */
export function figureRows(
  rows: readonly DispatchTableRow[],
  kind: FigureKind,
  ids: readonly number[] | null,
): DispatchTableRow[] {
  const among = ids === null ? null : new Set(ids);
  return rows.filter((r) => (among === null || among.has(r.projectId)) && counts(kind, r));
}
