/**
 * The plan of a dispatch table import (issue 10, item 6): each read row (import-table.ts) matched to
 * a round project by name — exact, then one near name — and what the import does for it: a new
 * report, the replacement of a draft or returned report, a conflict with a submitted one, nothing
 * (unchanged), or an error keeping the whole file out. Money is integer yuan.
 */
import { toWan } from '../money.ts';
import { editDistance } from '../ledger-import/near-name.ts';
import { halfWidth } from '../ledger-import/values.ts';
import { completedYtd, type StartingFigure } from './figures.ts';
import type { DispatchImportField, DispatchImportRecord, DispatchRowIssue } from './import-table.ts';

/** A project's name as compared: half-width, no spaces, no quotes or brackets' spacing. */
export const projectNameKey = (name: string) =>
  halfWidth(name)
    .normalize('NFKC')
    .replace(/[\s"“”'‘’]/g, '');

/**
 * The round project a name means: the same name (after projectNameKey), else the one project whose
 * name is nearest and near enough — one edit for names of 4–9 characters, two from 10 — with a
 * warning naming it; two equally near projects, or none, leave the name unmatched.
 */
export function matchProjectName<T extends { name: string }>(
  name: string,
  projects: readonly T[],
): { project: T; near: boolean } | null {
  const key = projectNameKey(name);
  const exact = projects.filter((p) => projectNameKey(p.name) === key);
  if (exact.length === 1) return { project: exact[0]!, near: false };
  if (exact.length > 1) return null;
  const len = [...key].length;
  const allowed = len >= 10 ? 2 : len >= 4 ? 1 : 0;
  let best: T[] = [];
  let bestD = Infinity;
  for (const p of projects) {
    const d = editDistance(key, projectNameKey(p.name));
    if (d > allowed) continue;
    if (d < bestD) {
      bestD = d;
      best = [p];
    } else if (d === bestD) best.push(p);
  }
  return best.length === 1 ? { project: best[0]!, near: true } : null;
}

/** What the round's table shows for a project now, and its report's status (null: none). */
export type DispatchImportTarget = {
  projectId: number;
  name: string;
  annualPlan: number;
  completedThisMonth: number;
  progressText: string | null;
  problems: readonly string[];
  nextMonthPlan: string | null;
  reportStatus: 'draft' | 'submitted' | 'accepted' | 'returned' | null;
  /** The ledger's imported figure and the other reported months of the year (for the YTD). */
  starting: StartingFigure;
  otherMonths: ReadonlyArray<{ month: string; amount: number }>;
};

/**
 * new: no report yet → a submitted report; replace: a draft or a returned report → replaced by the
 * submitted import; conflict: a report the task force submitted (or the admin accepted) differs →
 * kept unless the admin chooses to overwrite; unchanged: the row says what the table says.
 */
export type DispatchImportAction = 'new' | 'replace' | 'conflict' | 'unchanged' | 'error';

export type DispatchPlannedRow = {
  row: number;
  name: string | null;
  projectId: number | null;
  action: DispatchImportAction;
  reportStatus: DispatchImportTarget['reportStatus'];
  before: { completedThisMonth: number; completedYtd: number } | null;
  next: {
    completedThisMonth: number;
    completedYtd: number;
    progressText: string | null;
    problems: string[];
    nextMonthPlan: string | null;
  } | null;
  issues: DispatchRowIssue[];
};

/** Year-to-date rounding an office may type: less than 0.01万元 (100元) either way is the same figure. */
export const YTD_TOLERANCE = 100;

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Plans every record against the round's projects (see DispatchImportAction). */
export function planDispatchImport(
  month: string,
  records: readonly DispatchImportRecord[],
  targets: readonly DispatchImportTarget[],
  letters: Partial<Record<DispatchImportField, string>>,
): DispatchPlannedRow[] {
  const taken = new Map<number, number>();
  return records.map((rec): DispatchPlannedRow => {
    const issues = [...rec.issues];
    const out = (
      t: DispatchImportTarget | null,
      action: DispatchImportAction,
      rest: Partial<DispatchPlannedRow> = {},
    ) =>
      ({
        row: rec.row,
        name: rec.name,
        projectId: t?.projectId ?? null,
        action: issues.some((i) => i.severity === 'error') ? 'error' : action,
        reportStatus: t?.reportStatus ?? null,
        before: null,
        next: null,
        issues,
        ...rest,
      }) satisfies DispatchPlannedRow;
    if (rec.name === null) return out(null, 'error');
    const hit = matchProjectName(rec.name, targets);
    if (!hit) {
      issues.push({
        code: 'unknown_project',
        severity: 'error',
        column: letters.name ?? null,
        params: { name: rec.name },
      });
      return out(null, 'error');
    }
    const t = hit.project;
    if (hit.near)
      issues.push({
        code: 'near_name',
        severity: 'warning',
        column: letters.name ?? null,
        params: { name: rec.name, project: t.name },
      });
    const earlier = taken.get(t.projectId);
    if (earlier !== undefined)
      issues.push({
        code: 'duplicate_project',
        severity: 'error',
        column: letters.name ?? null,
        params: { project: t.name, row: earlier },
      });
    else taken.set(t.projectId, rec.row);
    if (rec.annualPlan !== null && rec.annualPlan !== t.annualPlan)
      issues.push({
        code: 'plan_mismatch',
        severity: 'warning',
        column: letters.annualPlan ?? null,
        params: { file: toWan(rec.annualPlan), ledger: toWan(t.annualPlan) },
      });
    const ytdWith = (amount: number) =>
      completedYtd(month, t.starting, [...t.otherMonths.filter((m) => m.month !== month), { month, amount }]);
    const previous = ytdWith(0);
    const counted = t.reportStatus === 'submitted' || t.reportStatus === 'accepted';
    const before = {
      completedThisMonth: t.completedThisMonth,
      completedYtd: ytdWith(counted ? t.completedThisMonth : 0),
    };
    let amount = rec.completedThisMonth;
    // 1-N月累计 left as exported (the table's figure now) while 本月完成 was filled in: not a second
    // figure, just the export's stale one — the new year to date is computed.
    const staleYtd =
      amount !== null &&
      rec.completedYtd !== null &&
      Math.abs(rec.completedYtd - before.completedYtd) < YTD_TOLERANCE;
    if (amount !== null && rec.completedYtd !== null && !staleYtd) {
      if (Math.abs(ytdWith(amount) - rec.completedYtd) >= YTD_TOLERANCE)
        issues.push({
          code: 'ytd_mismatch',
          severity: 'error',
          column: letters.completedYtd ?? null,
          params: {
            thisMonth: toWan(amount),
            ytd: toWan(rec.completedYtd),
            previous: toWan(previous),
            expected: toWan(ytdWith(amount)),
          },
        });
    } else if (amount === null && rec.completedYtd !== null) {
      amount = rec.completedYtd - previous;
      if (amount < 0) {
        issues.push({
          code: 'ytd_below_previous',
          severity: 'error',
          column: letters.completedYtd ?? null,
          params: { ytd: toWan(rec.completedYtd), previous: toWan(previous) },
        });
        amount = null;
      }
    }
    const same =
      (amount ?? t.completedThisMonth) === t.completedThisMonth &&
      (rec.progressText ?? null) === (t.progressText ?? null) &&
      sameList(rec.problems, t.problems) &&
      (rec.nextMonthPlan ?? null) === (t.nextMonthPlan ?? null);
    if (issues.some((i) => i.severity === 'error')) return out(t, 'error', { before });
    if (same) return out(t, 'unchanged', { before });
    if (amount === null) {
      issues.push({
        code: 'missing_amount',
        severity: 'error',
        column: letters.completedThisMonth ?? null,
        params: {},
      });
      return out(t, 'error', { before });
    }
    const next = {
      completedThisMonth: amount,
      completedYtd: ytdWith(amount),
      progressText: rec.progressText,
      problems: rec.problems,
      nextMonthPlan: rec.nextMonthPlan,
    };
    const action: DispatchImportAction = counted ? 'conflict' : t.reportStatus === null ? 'new' : 'replace';
    return out(t, action, { before, next });
  });
}
