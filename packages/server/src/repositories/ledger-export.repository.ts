import type { Db } from '../db/connect.ts';

/** What the ledger export's 合计 and 小计 rows need of a project: its level and its money (元). */
export type ExportTotalsRow = {
  level: string;
  totalInvestment: number;
  annualPlan: number;
  reportedYtd: number | null;
};

const CHUNK = 1000;

/**
 * The level and money of each project of `ids` on the year's list (the export's first, light
 * pass: its totals come before its rows). Projects missing from the year are left out.
 */
export async function findExportTotalsRows(
  db: Db,
  ids: readonly number[],
  year: number,
): Promise<Map<number, ExportTotalsRow>> {
  const out = new Map<number, ExportTotalsRow>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('projects as p')
      .innerJoin('projectYears as py', (j) => j.onRef('py.projectId', '=', 'p.id').on('py.year', '=', year))
      .where('p.id', 'in', ids.slice(i, i + CHUNK) as number[])
      .select(['p.id', 'py.level', 'p.totalInvestment', 'py.annualPlan', 'py.reportedYtd'])
      .execute();
    for (const r of rows)
      out.set(r.id, {
        level: r.level,
        totalInvestment: Number(r.totalInvestment),
        annualPlan: Number(r.annualPlan),
        reportedYtd: r.reportedYtd === null ? null : Number(r.reportedYtd),
      });
  }
  return out;
}
