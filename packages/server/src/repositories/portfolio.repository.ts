import type { Db } from '../db/connect.ts';
import { findChanges, portfolioLog, pruneChanges, readChangeState } from './change-log.repository.ts';
import type { PortfolioRow } from '../portfolio/portfolio-index.ts';

/** The portfolio's change counter and log (migrations 0025, 0029; see portfolio/portfolio.ts). */
export const readPortfolioState = (db: Db) => readChangeState(db, portfolioLog);
/** The projects changed after `since` up to `through` (0: a region or name changed, everything). */
export const findPortfolioChanges = (db: Db, since: number, through: number) =>
  findChanges(db, portfolioLog, since, through);
export const prunePortfolioChanges = (db: Db, through: number) => pruneChanges(db, portfolioLog, through);

/** Every year with a list, newest first. */
export async function findPortfolioYears(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('projectYears')
    .select('year')
    .distinct()
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => Number(r.year));
}

/** SQLite's limit on bound parameters is 32,766; stay well below it. */
const CHUNK = 5000;

/**
 * One year's portfolio rows: every project with a list entry that year (all of them, or only
 * `ids`), with its region's path, the names the ledger shows (region, leader, department: a
 * rename of a person or department is a change too, migration 0029) and its task force. Read in one transaction so that the rows
 * and the counter read with them agree.
 */
export async function loadPortfolioRows(
  db: Db,
  year: number,
  ids?: readonly number[],
): Promise<PortfolioRow[]> {
  if (ids && ids.length === 0) return [];
  const chunks = ids ? chunkOf(ids) : [null];
  const out: PortfolioRow[] = [];
  for (const chunk of chunks) {
    let q = db
      .selectFrom('projects as p')
      .innerJoin('regions as r', 'r.id', 'p.regionId')
      .innerJoin('projectYears as py', (j) => j.onRef('py.projectId', '=', 'p.id').on('py.year', '=', year))
      .leftJoin('people as l', 'l.id', 'p.leaderId')
      .leftJoin('departments as d', 'd.id', 'p.departmentId')
      .select([
        'p.id',
        'p.name',
        'p.code',
        'p.ownerUnit',
        'p.regionId',
        'r.path as regionPath',
        'r.name as regionName',
        'p.nature',
        'py.level',
        'py.category',
        'p.industry',
        'p.totalInvestment',
        'py.annualPlan',
        'p.plannedStart',
        'p.plannedFinish',
        'p.actualStart',
        'p.startedUndated',
        'p.statsIncluded',
        'p.leaderId',
        'l.name as leaderName',
        'p.departmentId',
        'd.name as departmentName',
        'p.archivedAt',
        'p.updatedAt',
        'p.version',
      ]);
    if (chunk) q = q.where('p.id', 'in', chunk);
    const rows = await q.execute();
    const members = new Map<number, number[]>();
    let mq = db
      .selectFrom('projectMembers as pm')
      .innerJoin('projectYears as py', (j) =>
        j.onRef('py.projectId', '=', 'pm.projectId').on('py.year', '=', year),
      )
      .select(['pm.projectId', 'pm.personId']);
    if (chunk) mq = mq.where('pm.projectId', 'in', chunk);
    for (const m of await mq.execute()) {
      const list = members.get(m.projectId);
      if (list) list.push(m.personId);
      else members.set(m.projectId, [m.personId]);
    }
    for (const r of rows) {
      out.push({
        id: r.id,
        name: r.name,
        code: r.code,
        ownerUnit: r.ownerUnit,
        regionId: r.regionId,
        regionPath: r.regionPath,
        regionName: r.regionName,
        nature: r.nature,
        level: r.level,
        category: r.category,
        industry: r.industry,
        totalInvestment: Number(r.totalInvestment),
        annualPlan: Number(r.annualPlan),
        plannedStart: r.plannedStart,
        plannedFinish: r.plannedFinish,
        actualStart: r.actualStart,
        startedUndated: r.startedUndated === 1,
        statsIncluded: r.statsIncluded === 1,
        leaderId: r.leaderId,
        leaderName: r.leaderName,
        departmentId: r.departmentId,
        departmentName: r.departmentName,
        archived: r.archivedAt !== null,
        updatedAt: r.updatedAt,
        version: r.version,
        memberIds: members.get(r.id) ?? [],
      });
    }
  }
  return out;
}

function chunkOf(ids: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(ids.slice(i, i + CHUNK));
  return out;
}
