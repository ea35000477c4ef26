import type { LedgerQuery, LedgerRow, Project, ProjectYear } from '@guatu/contracts';
import {
  isStarted,
  levels,
  maskPhone,
  type Category,
  type Level,
  type Nature,
  type SummaryRow,
} from '@guatu/domain';
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { openPersonal, sealPersonal } from '../crypto/personal-data.ts';
import type { Db } from '../db/connect.ts';
import type { Database, NewProject, ProjectPatch } from '../db/schema.ts';
import type { ProjectGrant } from '../policies/project.policy.ts';

type From = Database & { p: Database['projects']; r: Database['regions']; py: Database['projectYears'] };
type Eb = ExpressionBuilder<From, 'p' | 'r'>;

/** The ledger filters after the service resolved names to ids and paths. */
export type LedgerFilter = Omit<LedgerQuery, 'sort' | 'order' | 'page' | 'pageSize' | 'regionId'> & {
  year: number;
  regionPath?: string;
  today: string;
};

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The projects the grants reach: any one grant suffices (`p` projects, `r` their regions). */
export function grantExpr(eb: Eb, grants: readonly ProjectGrant[]) {
  return eb.or(
    grants.map((g) => {
      switch (g.kind) {
        case 'region':
          return eb('r.path', 'like', `${escapeLike(g.path)}%`);
        case 'department':
          return eb('p.departmentId', '=', g.departmentId);
        case 'leader':
          return eb('p.leaderId', '=', g.personId);
        case 'member':
          return eb.exists(
            eb
              .selectFrom('projectMembers as pm')
              .select('pm.projectId')
              .whereRef('pm.projectId', '=', 'p.id')
              .where('pm.personId', '=', g.personId),
          );
      }
    }),
  );
}

/**
 * The ledger's rows of one year (`p` projects, `r` regions, `py` the year's list entry) under the
 * caller's grants and the ledger filters: the one filter and scope rule of the ledger, its summary
 * and the war chart. Callers select, join names and order on top of it.
 */
export function ledgerBase(db: Db, f: LedgerFilter, grants: readonly ProjectGrant[]) {
  let q = db
    .selectFrom('projects as p')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .innerJoin('projectYears as py', (j) => j.onRef('py.projectId', '=', 'p.id').on('py.year', '=', f.year))
    .where((eb) => grantExpr(eb as unknown as Eb, grants));
  if (f.archived === 'no') q = q.where('p.archivedAt', 'is', null);
  if (f.archived === 'yes') q = q.where('p.archivedAt', 'is not', null);
  if (f.level) q = q.where('py.level', '=', f.level);
  if (f.category) q = q.where('py.category', '=', f.category);
  // The same rule as isStarted() in the domain: a start date on or before today, or started undated.
  if (f.started === 'yes')
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('p.actualStart', 'is not', null), eb('p.actualStart', '<=', f.today)]),
        eb.and([eb('p.actualStart', 'is', null), eb('p.startedUndated', '=', 1)]),
      ]),
    );
  if (f.started === 'no')
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('p.actualStart', 'is', null), eb('p.startedUndated', '=', 0)]),
        eb('p.actualStart', '>', f.today),
      ]),
    );
  if (f.regionPath) q = q.where('r.path', 'like', `${escapeLike(f.regionPath)}%`);
  if (f.leaderId) q = q.where('p.leaderId', '=', f.leaderId);
  if (f.departmentId) q = q.where('p.departmentId', '=', f.departmentId);
  if (f.industry) q = q.where('p.industry', '=', f.industry);
  if (f.q) {
    const pattern = `%${escapeLike(f.q.toLowerCase())}%`;
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref('p.name')}) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('p.code')}) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('p.ownerUnit')}) like ${pattern} escape '\\'`,
      ]),
    );
  }
  return q;
}

/** The year's level in the vocabulary's order (province, city, county), for ORDER BY. */
export const levelRank = sql<number>`case py.level ${sql.join(
  levels.map((level, i) => sql`when ${sql.lit(level)} then ${sql.lit(i)}`),
  sql` `,
)} else ${sql.lit(levels.length)} end`;

type Sortable = SelectQueryBuilder<From, 'p' | 'r' | 'py', object>;
function sortLedger<T extends Sortable>(q: T, sort: LedgerQuery['sort'], order: 'asc' | 'desc'): T {
  const o = order;
  switch (sort) {
    case 'level':
      return q.orderBy(levelRank, o).orderBy('py.annualPlan', 'desc').orderBy('p.id', 'asc') as T;
    case 'name':
      return q.orderBy('p.name', o).orderBy('p.id', 'asc') as T;
    case 'totalInvestment':
      return q.orderBy('p.totalInvestment', o).orderBy('p.id', 'asc') as T;
    case 'annualPlan':
      return q.orderBy('py.annualPlan', o).orderBy('p.id', 'asc') as T;
    // An empty date first ascending, last descending, on both engines (the portfolio index's rule).
    case 'plannedStart':
      return q
        .orderBy('p.plannedStart', (ob) => (o === 'asc' ? ob.asc().nullsFirst() : ob.desc().nullsLast()))
        .orderBy('p.id', 'asc') as T;
    case 'actualStart':
      return q
        .orderBy('p.actualStart', (ob) => (o === 'asc' ? ob.asc().nullsFirst() : ob.desc().nullsLast()))
        .orderBy('p.id', 'asc') as T;
    case 'updatedAt':
      return q.orderBy('p.updatedAt', o).orderBy('p.id', 'asc') as T;
  }
}

/**
 * One page of one year's ledger as ids and the count, in SQL: the reference the portfolio index
 * (portfolio/portfolio-index.ts, which serves the ledger) is property-tested against.
 */
export async function findLedgerPageIds(
  db: Db,
  f: LedgerFilter,
  grants: readonly ProjectGrant[],
  page: { sort: LedgerQuery['sort']; order: 'asc' | 'desc'; page: number; pageSize: number },
): Promise<{ ids: number[]; total: number }> {
  if (grants.length === 0) return { ids: [], total: 0 };
  const base = ledgerBase(db, f, grants);
  const countRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const pageIds = await sortLedger(base.select('p.id') as unknown as Sortable, page.sort, page.order)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return {
    ids: (pageIds as unknown as Array<{ id: number }>).map((r) => r.id),
    total: Number(countRow?.n ?? 0),
  };
}

/** The ledger rows of these projects in that year, in the order of `ids` (names joined here). */
export async function findLedgerRowsByIds(
  db: Db,
  ids: readonly number[],
  year: number,
  today: string,
): Promise<LedgerRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('projects as p')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .innerJoin('projectYears as py', (j) => j.onRef('py.projectId', '=', 'p.id').on('py.year', '=', year))
    .leftJoin('people as l', 'l.id', 'p.leaderId')
    .leftJoin('departments as d', 'd.id', 'p.departmentId')
    .where('p.id', 'in', ids)
    .select([
      'p.id',
      'p.code',
      'p.name',
      'py.level',
      'py.category',
      'p.nature',
      'p.industry',
      'p.regionId',
      'r.name as regionName',
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
      'p.version',
    ])
    .execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return rows.map(({ archivedAt, statsIncluded, startedUndated, ...r }) => ({
    ...r,
    level: r.level as Level,
    category: r.category as Category,
    nature: r.nature as Nature,
    totalInvestment: Number(r.totalInvestment),
    annualPlan: Number(r.annualPlan),
    statsIncluded: statsIncluded === 1,
    started: isStarted(r.actualStart, today, startedUndated === 1),
    archived: archivedAt !== null,
  }));
}

/** The light rows the domain's summariseLedger needs, under the same filters as the ledger. */
export async function findSummaryRows(
  db: Db,
  f: LedgerFilter,
  grants: readonly ProjectGrant[],
): Promise<SummaryRow[]> {
  if (grants.length === 0) return [];
  const rows = await ledgerBase(db, f, grants)
    .select([
      'py.level',
      'py.category',
      'p.totalInvestment',
      'py.annualPlan',
      'p.actualStart',
      'p.startedUndated',
    ])
    .execute();
  return rows.map((r) => ({
    level: r.level as Level,
    category: r.category as Category,
    totalInvestment: Number(r.totalInvestment),
    annualPlan: Number(r.annualPlan),
    started: isStarted(r.actualStart, f.today, r.startedUndated === 1),
  }));
}

/** Years that have a list, newest first, among the projects the grants reach. */
export async function findLedgerYears(db: Db, grants: readonly ProjectGrant[]): Promise<number[]> {
  if (grants.length === 0) return [];
  const rows = await db
    .selectFrom('projectYears as py')
    .innerJoin('projects as p', 'p.id', 'py.projectId')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .where((eb) => grantExpr(eb as unknown as Eb, grants))
    .select('py.year')
    .distinct()
    .orderBy('py.year', 'desc')
    .execute();
  return rows.map((r) => Number(r.year));
}

/** Whether the grants reach this project (the scope check for one row). */
export async function isProjectVisible(
  db: Db,
  id: number,
  grants: readonly ProjectGrant[],
): Promise<boolean> {
  if (grants.length === 0) return false;
  const row = await db
    .selectFrom('projects as p')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .where('p.id', '=', id)
    .where((eb) => grantExpr(eb as unknown as Eb, grants))
    .select('p.id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The whole project with its years, task force and names; no scope check. */
export async function findProjectById(
  db: Db,
  id: number,
): Promise<(Project & { regionPath: string }) | null> {
  const p = await db
    .selectFrom('projects as p')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .leftJoin('people as l', 'l.id', 'p.leaderId')
    .leftJoin('departments as d', 'd.id', 'p.departmentId')
    .leftJoin('users as u', 'u.id', 'p.updatedBy')
    .where('p.id', '=', id)
    .selectAll('p')
    .select([
      'r.name as regionName',
      'r.path as regionPath',
      'l.name as leaderName',
      'd.name as departmentName',
      'u.displayName as updatedByName',
    ])
    .executeTakeFirst();
  if (!p) return null;
  const [years, members] = await Promise.all([
    db
      .selectFrom('projectYears')
      .where('projectId', '=', id)
      .select(['year', 'level', 'category', 'annualPlan', 'reportedYtd', 'reportedProgress', 'reportedAsOf'])
      .orderBy('year', 'desc')
      .execute(),
    db
      .selectFrom('projectMembers as pm')
      .innerJoin('people as pe', 'pe.id', 'pm.personId')
      .where('pm.projectId', '=', id)
      .select(['pe.id', 'pe.name'])
      .orderBy('pe.id')
      .execute(),
  ]);
  const { archivedAt, statsIncluded, startedUndated, createdAt: _c, updatedBy: _u, ...rest } = p;
  return {
    ...rest,
    // Every answer carries the phone masked; the plain one only from GET /api/projects/:id/contact-phone.
    contactPhone: maskPhone(openPersonal('projects.contact_phone', rest.contactPhone, id)),
    nature: rest.nature as Nature,
    totalInvestment: Number(rest.totalInvestment),
    statsIncluded: statsIncluded === 1,
    startedUndated: startedUndated === 1,
    started: false, // set by the service, which knows today
    archived: archivedAt !== null,
    years: years.map((y) => ({
      year: Number(y.year),
      level: y.level as Level,
      category: y.category as Category,
      annualPlan: Number(y.annualPlan),
      reportedYtd: y.reportedYtd === null ? null : Number(y.reportedYtd),
      reportedProgress: y.reportedProgress,
      reportedAsOf: y.reportedAsOf,
    })),
    taskForce: members,
  };
}

/** The stored form of a row to write: the contact phone sealed (when it is written at all). */
export function sealProjectValues<T extends { contactPhone?: string | null }>(values: T): T {
  return values.contactPhone === undefined
    ? values
    : { ...values, contactPhone: sealPersonal('projects.contact_phone', values.contactPhone) };
}

export async function insertProject(db: Db, values: NewProject): Promise<number> {
  const row = await db
    .insertInto('projects')
    .values(sealProjectValues(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the patch only when the row still has `version`; returns false on a stale version. */
export async function updateProjectIfVersion(
  db: Db,
  id: number,
  version: number,
  patch: ProjectPatch,
): Promise<boolean> {
  const res = await db
    .updateTable('projects')
    .set({ ...sealProjectValues(patch), version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Writes the given years; the reported figures a year leaves out stay as they were. */
export async function upsertProjectYears(db: Db, projectId: number, years: readonly ProjectYear[]) {
  for (const y of years) {
    const { year, ...values } = y;
    const res = await db
      .updateTable('projectYears')
      .set(values)
      .where('projectId', '=', projectId)
      .where('year', '=', year)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0)
      await db
        .insertInto('projectYears')
        .values({ projectId, ...y })
        .execute();
  }
}

/** The task force (people ids, not accounts) of one project, replaced. */
export async function replaceProjectMembers(db: Db, projectId: number, personIds: readonly number[]) {
  await db.deleteFrom('projectMembers').where('projectId', '=', projectId).execute();
  if (personIds.length > 0)
    await db
      .insertInto('projectMembers')
      .values([...new Set(personIds)].map((personId) => ({ projectId, personId })))
      .execute();
}

export async function findProjectIdByCode(db: Db, code: string): Promise<number | null> {
  const row = await db.selectFrom('projects').where('code', '=', code).select('id').executeTakeFirst();
  return row?.id ?? null;
}

/** Distinct industries among the projects the grants reach, for the filter list. */
export async function findIndustries(db: Db, grants: readonly ProjectGrant[]): Promise<string[]> {
  if (grants.length === 0) return [];
  const rows = await db
    .selectFrom('projects as p')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .where((eb) => grantExpr(eb as unknown as Eb, grants))
    .where('p.industry', 'is not', null)
    .select('p.industry')
    .distinct()
    .orderBy('p.industry')
    .execute();
  return rows.map((r) => r.industry as string);
}
