import type { DispatchTableRow } from '@guatu/contracts';
import { completionRate } from '@guatu/domain/dispatch/figures';
import { levels } from '@guatu/domain/vocabulary';

/** The status filter of the 调度表: 未报 (no report) or a report's status. */
export const reviewStatusFilters = ['none', 'draft', 'submitted', 'returned', 'accepted'] as const;
export type ReviewStatusFilter = (typeof reviewStatusFilters)[number];

/** The warning filter: rows with a yellow or red warning of that kind (any: of any kind). */
export const reviewWarningFilters = ['any', 'pace', 'stats', 'reporting'] as const;
export type ReviewWarningFilter = (typeof reviewWarningFilters)[number];

export type ReviewTableFilter = {
  status: ReviewStatusFilter | null;
  late: boolean;
  warning: ReviewWarningFilter | null;
  /** The projects behind a figure of 调度分析; null: every row. */
  ids: ReadonlySet<number> | null;
};

const raised = (w: 'green' | 'yellow' | 'red' | null) => w === 'yellow' || w === 'red';

function hasWarning(r: DispatchTableRow, kind: ReviewWarningFilter): boolean {
  if (kind === 'pace') return raised(r.paceWarning);
  if (kind === 'stats') return raised(r.statsWarning);
  if (kind === 'reporting') return raised(r.reportingWarning);
  return raised(r.paceWarning) || raised(r.statsWarning) || raised(r.reportingWarning);
}

/** The rows a filter keeps, in the table's order. */
export function filterRows(rows: readonly DispatchTableRow[], f: ReviewTableFilter): DispatchTableRow[] {
  return rows.filter(
    (r) =>
      (f.ids === null || f.ids.has(r.projectId)) &&
      (f.status === null || (r.reportStatus ?? 'none') === f.status) &&
      (!f.late || r.late) &&
      (f.warning === null || hasWarning(r, f.warning)),
  );
}

export type ReviewSums = {
  projects: number;
  annualPlan: number;
  completedThisMonth: number;
  completedYtd: number;
  completionRate: number | null;
  pacePlan: number;
};

/** 合计 / 小计 of some rows: the sums, and the completion of the sums (as the .xlsx). */
export function sumRows(rows: readonly DispatchTableRow[]): ReviewSums {
  const sum = (f: (r: DispatchTableRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const annualPlan = sum((r) => r.annualPlan);
  const completedYtd = sum((r) => r.completedYtd);
  return {
    projects: rows.length,
    annualPlan,
    completedThisMonth: sum((r) => r.completedThisMonth),
    completedYtd,
    completionRate: completionRate(completedYtd, annualPlan),
    pacePlan: sum((r) => r.pacePlan),
  };
}

export type ReviewDisplayRow =
  | { kind: 'total'; key: string; sums: ReviewSums }
  | { kind: 'subtotal'; key: string; ordinal: number; level: string | null; sums: ReviewSums }
  | { kind: 'project'; key: string; seq: number; row: DispatchTableRow };

/**
 * The rows of the 调度表 as the .xlsx lays them out: 合计 first, then per level (省级, 市级, 县级,
 * then any other) a 小计 row followed by its projects; 序号 counts projects only.
 */
export function displayRows(rows: readonly DispatchTableRow[]): ReviewDisplayRow[] {
  const out: ReviewDisplayRow[] = [{ kind: 'total', key: 'total', sums: sumRows(rows) }];
  const known = new Set<string>(levels);
  const groups: Array<[string | null, DispatchTableRow[]]> = levels.map((l) => [
    l,
    rows.filter((r) => r.level === l),
  ]);
  groups.push([null, rows.filter((r) => !known.has(r.level))]);
  let seq = 0;
  let ordinal = 0;
  for (const [level, group] of groups) {
    if (group.length === 0) continue;
    out.push({
      kind: 'subtotal',
      key: `subtotal-${level ?? 'other'}`,
      ordinal: ++ordinal,
      level,
      sums: sumRows(group),
    });
    for (const row of group) out.push({ kind: 'project', key: `p${row.projectId}`, seq: ++seq, row });
  }
  return out;
}

/** The filter written in the page's address (?status=&late=1&warning=&ids=1,2,3). */
export function filterFromSearch(search: URLSearchParams): ReviewTableFilter {
  const status = search.get('status');
  const warning = search.get('warning');
  const ids = search.get('ids');
  return {
    status: (reviewStatusFilters as readonly string[]).includes(status ?? '')
      ? (status as ReviewStatusFilter)
      : null,
    late: search.get('late') === '1',
    warning: (reviewWarningFilters as readonly string[]).includes(warning ?? '')
      ? (warning as ReviewWarningFilter)
      : null,
    ids: ids
      ? new Set(
          ids
            .split(',')
            .map(Number)
            .filter((n) => Number.isInteger(n) && n > 0),
        )
      : null,
  };
}
