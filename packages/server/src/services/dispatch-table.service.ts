/**
 * A round's dispatch table (调度表, issue 10 item 6): its rows computed from the round's projects,
 * reports and plans, kept per counters' stamp and reader (portfolio/dispatch-round-cache.ts), as
 * JSON, a page, the xlsx or the CLI's answer. The rounds themselves: dispatch.service.ts.
 */
import type { DispatchTable, DispatchTableQuery, DispatchTableRow } from '@guatu/contracts';
import { DISPATCH_TABLE_PAGE_SIZE } from '@guatu/contracts';
import {
  completedYtd,
  completionRate,
  levels,
  paceRate,
  pacePlan,
  paceWarning,
  reportingWarning,
  shanghaiToday,
  statsWarning,
  yearOfMonth,
  type ReportStatus,
} from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { dispatchTableTitle, writeDispatchTableWorkbook } from '../excel/write-dispatch-table.ts';
import type { Actor } from '../policies/actor.ts';
import { canSeeRound } from '../policies/dispatch.policy.ts';
import { canReadLedger, projectReadGrants } from '../policies/project.policy.ts';
import {
  cachedDispatchAnswer,
  dispatchStamp,
  peekDispatchAnswer,
} from '../portfolio/dispatch-round-cache.ts';
import * as reportRepo from '../repositories/dispatch-report.repository.ts';
import * as repo from '../repositories/dispatch.repository.ts';
import { recordExport } from './audit.service.ts';
import { currentStagesOf } from './dispatch-current-stage.ts';
import { roundAnswer, visibleRound } from './dispatch.service.ts';

/**
 * The dispatch table (调度表) of a round: one row per project the actor reads, in the layout
 * 序号—项目名称—年度计划投资—本月完成—1-N月累计—完成率—序时进度—形象进度—当前工序—存在问题—下一步计划,
 * ordered by level then annual plan, with totals.
 */
export async function roundTable(
  db: Db,
  actor: Actor,
  id: number,
  now: Date,
  q: DispatchTableQuery = {},
): Promise<DispatchTable> {
  const at = await roundTableStamp(db, actor, id, now);
  if (q.page === undefined && q.pageSize === undefined)
    return (await roundTableAt(db, actor, id, now, at)).table;
  // A page: the rows of the table without 当前工序 (kept), then the 当前工序 of the page's rows alone.
  const { table, projects } = await roundTableAt(db, actor, id, now, at, false);
  const size = q.pageSize ?? DISPATCH_TABLE_PAGE_SIZE;
  const from = ((q.page ?? 1) - 1) * size;
  const rows = table.rows.slice(from, from + size);
  const stages = await currentStagesOf(
    db,
    id,
    rows.map((r) => projects.get(r.projectId)!),
    actor.lang,
  );
  return { ...table, rows: rows.map((r) => ({ ...r, currentStage: stages.get(r.projectId) ?? null })) };
}

/** The JSON of each kept full table, made once (the route sends it as it is: ~18 MB at 40,000 rows). */
const tableJson = new WeakMap<DispatchTable, Buffer>();

/**
 * roundTable as the JSON the API answers: the kept table's text made once per table, so that
 * reading it again costs no serialisation (nor the response schema's check of every row).
 */
export async function roundTableJson(
  db: Db,
  actor: Actor,
  id: number,
  now: Date,
  q: DispatchTableQuery = {},
): Promise<Buffer> {
  if (q.page !== undefined || q.pageSize !== undefined)
    return Buffer.from(JSON.stringify(await roundTable(db, actor, id, now, q)));
  const at = await roundTableStamp(db, actor, id, now);
  const { table } = await roundTableAt(db, actor, id, now, at);
  let json = tableJson.get(table);
  if (!json) tableJson.set(table, (json = Buffer.from(JSON.stringify(table))));
  return json;
}

/** What a round's table is kept under: the counters' stamp and the key of the reader's answer. */
export type RoundTableStamp = { stamp: string; key: string };

/**
 * Checks that the actor sees the round (every request) and reads the counters' stamp the table is
 * computed at (portfolio/dispatch-round-cache.ts); the key holds what the answer depends on besides:
 * the round, the reader's grants and language, and today.
 */
export async function roundTableStamp(db: Db, actor: Actor, id: number, now: Date): Promise<RoundTableStamp> {
  await visibleRound(db, actor, id);
  const stamp = await dispatchStamp(db);
  const key = JSON.stringify([id, projectReadGrants(actor), actor.lang, shanghaiToday(now)]);
  return { stamp, key };
}

/**
 * The table (and its project rows) computed by buildRoundTable at `at`, kept while the counters
 * hold: the figures, pages of the table and its export read it without the joins again. Shared
 * between requests: never modified.
 */
export function roundTableAt(
  db: Db,
  actor: Actor,
  id: number,
  now: Date,
  at: RoundTableStamp,
  withStages = true,
): Promise<{ table: DispatchTable; projects: Map<number, repo.RoundProjectRow> }> {
  const full = () =>
    cachedDispatchAnswer(db, 'table', at.stamp, at.key, () => buildRoundTable(db, actor, id, now));
  if (withStages) return full();
  // Without 当前工序 (figures, pages): the full table when it is kept, else one without stages.
  return (
    peekDispatchAnswer<Awaited<ReturnType<typeof full>>>(db, 'table', at.stamp, at.key) ??
    cachedDispatchAnswer(db, 'light', at.stamp, at.key, () => buildRoundTable(db, actor, id, now, false))
  );
}

/**
 * The table and the round's project rows behind it (leader, department, region) by project id,
 * computed from SQL (the reference the kept answers are checked against; the import's checks
 * read it directly).
 */
export async function buildRoundTable(
  db: Db,
  actor: Actor,
  id: number,
  now: Date,
  withStages = true,
): Promise<{ table: DispatchTable; projects: Map<number, repo.RoundProjectRow> }> {
  const row = await visibleRound(db, actor, id);
  const round = await roundAnswer(db, id, now);
  const today = shanghaiToday(now);
  const [projects, reports, months] = await Promise.all([
    repo.findRoundProjects(db, id, row.year, projectReadGrants(actor)),
    reportRepo.findReportsOfRound(db, id),
    reportRepo.findReportedMonths(db, row.regionId, row.year, row.month),
  ]);
  // Without stages (the figures, pages of the table): 当前工序 is left out (null) for every row.
  const stages = withStages ? await currentStagesOf(db, id, projects, actor.lang) : new Map<number, null>();
  const reportOf = new Map(reports.map((r) => [r.projectId, r]));
  const monthsOf = new Map<number, Array<{ month: string; amount: number }>>();
  for (const m of months) {
    const list = monthsOf.get(m.projectId) ?? [];
    list.push(m);
    monthsOf.set(m.projectId, list);
  }
  const rows: DispatchTableRow[] = projects.map((p) => {
    const report = reportOf.get(p.projectId) ?? null;
    const counted = report && (report.status === 'submitted' || report.status === 'accepted');
    const thisMonth = counted ? (report.completedThisMonth ?? 0) : 0;
    const starting =
      p.reportedYtd !== null && p.reportedAsOf !== null ? { ytd: p.reportedYtd, asOf: p.reportedAsOf } : null;
    const ytd = completedYtd(row.month, starting, monthsOf.get(p.projectId) ?? []);
    const status = (report?.status ?? null) as ReportStatus | null;
    return {
      projectId: p.projectId,
      name: p.name,
      level: p.level,
      category: p.category,
      regionName: p.regionName,
      annualPlan: p.annualPlan,
      completedThisMonth: thisMonth,
      completedYtd: ytd,
      completionRate: completionRate(ytd, p.annualPlan),
      pacePlan: pacePlan(p.annualPlan, row.month),
      paceWarning: paceWarning(ytd, p.annualPlan, row.month).level,
      statsWarning: statsWarning(
        {
          totalInvestment: p.totalInvestment,
          actualStart: p.actualStart,
          statsIncluded: p.statsIncluded === 1,
        },
        today,
      ),
      reportingWarning: reportingWarning(status ? { status } : null, row.deadline, today),
      reportStatus: status,
      late: report?.late === 1,
      progressText: (counted ? report.progressText : null) ?? p.reportedProgress,
      currentStage: stages.get(p.projectId) ?? null,
      problems: counted ? (JSON.parse(report.problems) as string[]) : [],
      nextMonthPlan: counted ? report.nextMonthPlan : null,
    };
  });
  const levelRank = (l: string) => (levels as readonly string[]).indexOf(l) >>> 0;
  rows.sort(
    (a, b) =>
      levelRank(a.level) - levelRank(b.level) || b.annualPlan - a.annualPlan || a.projectId - b.projectId,
  );
  const sum = (f: (r: DispatchTableRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const annualPlan = sum((r) => r.annualPlan);
  const ytd = sum((r) => r.completedYtd);
  const table: DispatchTable = {
    round,
    paceRate: paceRate(row.month),
    rows,
    totals: {
      projects: rows.length,
      annualPlan,
      completedThisMonth: sum((r) => r.completedThisMonth),
      completedYtd: ytd,
      completionRate: completionRate(ytd, annualPlan),
      pacePlan: sum((r) => r.pacePlan),
    },
  };
  return { table, projects: new Map(projects.map((p) => [p.projectId, p])) };
}

/** The dispatch table as an .xlsx (the same rows and totals as roundTable), audited as an export. */
export async function exportRoundTable(
  db: Db,
  actor: Actor,
  id: number,
  now: Date,
): Promise<{ fileName: string; data: Buffer; rows: number }> {
  const table = await roundTable(db, actor, id, now);
  const title = dispatchTableTitle(table.round.regionName, table.round.month);
  const data = await writeDispatchTableWorkbook({ title, table, generatedAt: shanghaiToday(now) });
  await recordExport(
    db,
    actor,
    'dispatch_round',
    { roundId: id, month: table.round.month },
    table.rows.length,
  );
  return { fileName: `${title}.xlsx`, data, rows: table.rows.length };
}

/**
 * The table of a month's round the actor sees (the CLI's dispatch-table): the round of `regionId`
 * when given, else the only round of that month (404 when none; 409 duplicate naming the month when
 * several regions have one and none is named).
 */
export async function roundTableOfMonth(
  db: Db,
  actor: Actor,
  month: string,
  regionId: number | undefined,
  now: Date,
): Promise<DispatchTable> {
  if (!canReadLedger(actor)) throw new AppError('forbidden');
  const found = (await repo.findRoundsOfYear(db, actor.regionPath, yearOfMonth(month))).filter(
    (r) => r.month === month && canSeeRound(actor, r) && (regionId === undefined || r.regionId === regionId),
  );
  if (found.length === 0) throw new AppError('not_found', { entity: 'dispatchRound' });
  if (found.length > 1) throw new AppError('duplicate', { field: 'dispatchMonth', value: month });
  return roundTable(db, actor, found[0]!.id, now);
}
