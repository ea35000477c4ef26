/**
 * The change logs the in-memory caches follow (issue 11): a counter row and the projects each
 * change touched, written by triggers in the writing transaction — the portfolio's (migration
 * 0025, 0029) and the war chart's (0026). One set of reads for both: the counter (every request,
 * compiled once per handle), the projects changed between two versions, and pruning.
 */
import { runCompiled } from '../db/compiled-once.ts';
import type { Db } from '../db/connect.ts';

export type ChangeLog =
  | { state: 'portfolioState'; changes: 'portfolioChanges' }
  | { state: 'warChartState'; changes: 'warChartChanges' };

export const portfolioLog: ChangeLog = { state: 'portfolioState', changes: 'portfolioChanges' };
export const warChartLog: ChangeLog = { state: 'warChartState', changes: 'warChartChanges' };

export type ChangeState = { version: number; prunedThrough: number };

/** The counter and how far the log was pruned. */
export async function readChangeState(db: Db, log: ChangeLog): Promise<ChangeState> {
  const [row] = await runCompiled(
    db,
    `readChangeState:${log.state}`,
    (d) => d.selectFrom(log.state).select(['version', 'prunedThrough']).where('id', '=', 1),
    [],
  );
  return { version: Number(row?.version ?? 0), prunedThrough: Number(row?.prunedThrough ?? 0) };
}

/** The projects changed after `since` up to `through` (0 in the portfolio's: everything). */
export async function findChanges(db: Db, log: ChangeLog, since: number, through: number): Promise<number[]> {
  const rows = await db
    .selectFrom(log.changes)
    .select('projectId')
    .distinct()
    .where('version', '>', since)
    .where('version', '<=', through)
    .execute();
  return rows.map((r) => Number(r.projectId));
}

/** Forgets the changes at or below `through` (every reader older than it reloads everything). */
export async function pruneChanges(db: Db, log: ChangeLog, through: number): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const res = await tx.deleteFrom(log.changes).where('version', '<=', through).executeTakeFirst();
    await tx
      .updateTable(log.state)
      .set({ prunedThrough: through })
      .where('id', '=', 1)
      .where('prunedThrough', '<', through)
      .execute();
    return Number(res.numDeletedRows);
  });
}
