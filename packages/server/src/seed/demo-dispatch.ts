/**
 * Seeds the demo's monthly dispatch (domain: demo/laoling-dispatch.ts) inside the demo's
 * transaction: the county's rounds from January 2023 to last month, the projects each covers, the
 * reports and their kept versions (submitted, returned, resubmitted, accepted; see `kept`) — many
 * rows per statement. Like the rest of the seed it writes no audit row per change (the seed's one row says
 * what was loaded). Rounds keep the hand status 'open': past their deadline they are closed.
 */
import { randomUUID } from 'node:crypto';
import type { DemoDispatch, DemoReport, DemoReportValues } from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import {
  insertReportsBatch,
  insertReportVersionsBatch,
  insertRoundProjectsBatch,
  insertRoundsBatch,
} from '../repositories/demo-dispatch.repository.ts';
import type { DemoIds } from './demo.ts';

/** A report's values as the report service stores them (0/1 flags, JSON lists). */
const stored = (v: DemoReportValues) => ({
  completedThisMonth: v.completedThisMonth,
  progressText: v.progressText,
  workersOnSite: v.workersOnSite,
  fundsInPlace: v.fundsInPlace,
  statsIncluded: v.statsIncluded === null ? null : v.statsIncluded ? 1 : 0,
  statsCode: v.statsCode,
  statsDate: v.statsDate,
  problems: JSON.stringify(v.problems),
  nextMonthPlan: v.nextMonthPlan,
  stages: '[]',
});

/** What was seeded: counts, for the seed's audit row. */
export async function seedDemoDispatch(
  db: Db,
  dispatch: DemoDispatch,
  ids: DemoIds,
): Promise<{ rounds: number; reports: number }> {
  const regionId = ids.regions.get(dispatch.regionKey)!;
  const user = (username: string | null) => (username === null ? null : (ids.users.get(username) ?? null));
  const roundIds = await insertRoundsBatch(
    db,
    dispatch.rounds.map((r) => ({
      regionId,
      year: r.year,
      month: r.month,
      deadline: r.deadline,
      status: 'open',
      closedAt: null,
      reopenedAt: null,
      includeReserve: 0,
      createdAt: r.createdAt,
      createdBy: user(r.createdBy),
      updatedAt: r.createdAt,
      updatedBy: user(r.createdBy),
      version: 1,
    })),
  );
  await insertRoundProjectsBatch(
    db,
    dispatch.rounds.flatMap((r) =>
      r.projectNames.map((name) => ({ roundId: roundIds.get(r.month)!, projectId: ids.projects.get(name)! })),
    ),
  );
  const keys = dispatch.reports.map(() => randomUUID());
  const reportIds = await insertReportsBatch(
    db,
    dispatch.reports.map((r, k) => ({
      roundId: roundIds.get(r.month)!,
      projectId: ids.projects.get(r.projectName)!,
      status: r.status,
      ...stored(r.values),
      submittedAt: r.submittedAt,
      submittedBy: user(r.submittedBy),
      late: r.late ? 1 : 0,
      returnReason: r.returnReason,
      idempotencyKey: keys[k]!,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      updatedBy: user(r.updatedBy),
      version: Math.max(1, r.versions.length),
    })),
  );
  // Versions kept as rows: those of every report that was returned (its history is worth reading)
  // and of last month's round (reviewed from now on); a report accepted as first submitted keeps
  // its version number without the rows — the demo seeds in a moment (thousands fewer rows).
  const lastMonth = dispatch.rounds.at(-1)?.month;
  const kept = (r: DemoReport) => r.month === lastMonth || r.versions.some((v) => v.status === 'returned');
  await insertReportVersionsBatch(
    db,
    dispatch.reports.flatMap((r, k) => {
      if (!kept(r)) return [];
      let submittedAt: string | null = null;
      return r.versions.map((v) => {
        if (v.status === 'submitted') submittedAt = v.at;
        return {
          reportId: reportIds.get(keys[k]!)!,
          version: v.version,
          status: v.status,
          // The report as it stood: the report service's shape (dispatch-report.service.ts).
          data: JSON.stringify({
            ...stored(v.values),
            status: v.status,
            submittedAt,
            submittedBy: user(r.submittedBy),
            late: v.late ? 1 : 0,
            returnReason: v.returnReason,
          }),
          at: v.at,
          by: user(v.by),
        };
      });
    }),
  );
  return { rounds: dispatch.rounds.length, reports: dispatch.reports.length };
}
