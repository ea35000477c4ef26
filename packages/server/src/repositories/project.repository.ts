import type { LedgerQuery, LedgerRow, Project, ProjectYear } from '@guatu/contracts';
import {
  isStarted,
  levels,
  maskPhone,
  type Category,
  type ExistingProject,
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

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

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
          return eb('p.leaderId', '=', g.userId);
        case 'member':
          return eb.exists(
            eb
              .selectFrom('projectMembers as pm')
              .select('pm.projectId')
              .whereRef('pm.projectId', '=', 'p.id')
              .where('pm.userId', '=', g.userId),
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
  // The same rule as isStarted() in the domain: a start date on or before today.
  if (f.started === 'yes') q = q.where('p.actualStart', 'is not', null).where('p.actualStart', '<=', f.today);
  if (f.started === 'no')
    q = q.where((eb) => eb.or([eb('p.actualStart', 'is', null), eb('p.actualStart', '>', f.today)]));
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
    case 'plannedStart':
      return q.orderBy('p.plannedStart', o).orderBy('p.id', 'asc') as T;
    case 'actualStart':
      return q.orderBy('p.actualStart', o).orderBy('p.id', 'asc') as T;
    case 'updatedAt':
      return q.orderBy('p.updatedAt', o).orderBy('p.id', 'asc') as T;
  }
}

/** One page of one year's ledger, filtered to the caller's grants. */
export async function findLedgerPage(
  db: Db,
  f: LedgerFilter,
  grants: readonly ProjectGrant[],
  page: { sort: LedgerQuery['sort']; order: 'asc' | 'desc'; page: number; pageSize: number },
): Promise<{ items: LedgerRow[]; total: number }> {
  if (grants.length === 0) return { items: [], total: 0 };
  const base = ledgerBase(db, f, grants);
  const countRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  // Sort and cut the page on the narrow rows first; names are joined for the page's rows only.
  const pageIds = await sortLedger(base.select('p.id') as unknown as Sortable, page.sort, page.order)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  const ids = (pageIds as unknown as Array<{ id: number }>).map((r) => r.id);
  if (ids.length === 0) return { total: Number(countRow?.n ?? 0), items: [] };
  const rows = await db
    .selectFrom('projects as p')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .innerJoin('projectYears as py', (j) => j.onRef('py.projectId', '=', 'p.id').on('py.year', '=', f.year))
    .leftJoin('users as l', 'l.id', 'p.leaderId')
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
      'p.statsIncluded',
      'p.leaderId',
      'l.displayName as leaderName',
      'p.departmentId',
      'd.name as departmentName',
      'p.archivedAt',
      'p.version',
    ])
    .execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return {
    total: Number(countRow?.n ?? 0),
    items: rows.map(({ archivedAt, statsIncluded, ...r }) => ({
      ...r,
      level: r.level as Level,
      category: r.category as Category,
      nature: r.nature as Nature,
      totalInvestment: Number(r.totalInvestment),
      annualPlan: Number(r.annualPlan),
      statsIncluded: statsIncluded === 1,
      started: isStarted(r.actualStart, f.today),
      archived: archivedAt !== null,
    })),
  };
}

/** The light rows the domain's summariseLedger needs, under the same filters as the ledger. */
export async function findSummaryRows(
  db: Db,
  f: LedgerFilter,
  grants: readonly ProjectGrant[],
): Promise<SummaryRow[]> {
  if (grants.length === 0) return [];
  const rows = await ledgerBase(db, f, grants)
    .select(['py.level', 'py.category', 'p.totalInvestment', 'py.annualPlan', 'p.actualStart'])
    .execute();
  return rows.map((r) => ({
    level: r.level as Level,
    category: r.category as Category,
    totalInvestment: Number(r.totalInvestment),
    annualPlan: Number(r.annualPlan),
    started: isStarted(r.actualStart, f.today),
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
    .leftJoin('users as l', 'l.id', 'p.leaderId')
    .leftJoin('departments as d', 'd.id', 'p.departmentId')
    .leftJoin('users as u', 'u.id', 'p.updatedBy')
    .where('p.id', '=', id)
    .selectAll('p')
    .select([
      'r.name as regionName',
      'r.path as regionPath',
      'l.displayName as leaderName',
      'd.name as departmentName',
      'u.displayName as updatedByName',
    ])
    .executeTakeFirst();
  if (!p) return null;
  const [years, members] = await Promise.all([
    db
      .selectFrom('projectYears')
      .where('projectId', '=', id)
      .select(['year', 'level', 'category', 'annualPlan'])
      .orderBy('year', 'desc')
      .execute(),
    db
      .selectFrom('projectMembers as pm')
      .innerJoin('users as u', 'u.id', 'pm.userId')
      .where('pm.projectId', '=', id)
      .select(['u.id', 'u.displayName as name'])
      .orderBy('u.id')
      .execute(),
  ]);
  const { archivedAt, statsIncluded, createdAt: _c, updatedBy: _u, ...rest } = p;
  return {
    ...rest,
    // Every answer carries the phone masked; the plain one only from GET /api/projects/:id/contact-phone.
    contactPhone: maskPhone(openPersonal('projects.contact_phone', rest.contactPhone, id)),
    nature: rest.nature as Nature,
    totalInvestment: Number(rest.totalInvestment),
    statsIncluded: statsIncluded === 1,
    started: false, // set by the service, which knows today
    archived: archivedAt !== null,
    years: years.map((y) => ({
      year: Number(y.year),
      level: y.level as Level,
      category: y.category as Category,
      annualPlan: Number(y.annualPlan),
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

export async function upsertProjectYears(db: Db, projectId: number, years: readonly ProjectYear[]) {
  for (const y of years) {
    await db
      .deleteFrom('projectYears')
      .where('projectId', '=', projectId)
      .where('year', '=', y.year)
      .execute();
    await db
      .insertInto('projectYears')
      .values({ projectId, year: y.year, level: y.level, category: y.category, annualPlan: y.annualPlan })
      .execute();
  }
}

export async function replaceProjectMembers(db: Db, projectId: number, userIds: readonly number[]) {
  await db.deleteFrom('projectMembers').where('projectId', '=', projectId).execute();
  if (userIds.length > 0)
    await db
      .insertInto('projectMembers')
      .values([...new Set(userIds)].map((userId) => ({ projectId, userId })))
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

// ---- the ledger import and export: batch reads and writes --------------
// One query per kind of row instead of one per row keeps a 10,000-row import within seconds.

/** The columns of a project and its year that the import compares and the export writes. */
const projectColumns = [
  'p.id',
  'p.version',
  'p.code',
  'p.name',
  'p.nature',
  'p.industry',
  'p.ownerUnit',
  'p.regionId',
  'p.address',
  'p.content',
  'p.totalInvestment',
  'p.plannedStart',
  'p.plannedFinish',
  'p.actualStart',
  'p.statsIncluded',
  'p.statsCode',
  'p.statsDate',
  'p.leaderId',
  'p.departmentId',
  'p.contactName',
  'p.contactPhone',
  'p.notes',
  'r.path as regionPath',
  'py.level',
  'py.category',
  'py.annualPlan',
] as const;

/**
 * Every project an import could match, in two queries: those of the actor's subtree (by name
 * or code) and, for codes of the file, projects elsewhere (to refuse taking their code).
 */
export async function findImportCandidates(
  db: Db,
  path: string,
  year: number,
  codes: readonly string[],
): Promise<ExistingProject[]> {
  const base = () =>
    db
      .selectFrom('projects as p')
      .innerJoin('regions as r', 'r.id', 'p.regionId')
      .leftJoin('projectYears as py', (j) => j.onRef('py.projectId', '=', 'p.id').on('py.year', '=', year))
      .select(projectColumns);
  const inScope = await base()
    .where('r.path', 'like', `${escapeLike(path)}%`)
    .execute();
  const outside: typeof inScope = [];
  for (let i = 0; i < codes.length; i += 500) {
    const part = codes.slice(i, i + 500);
    outside.push(
      ...(await base()
        .where('p.code', 'in', part)
        .where('r.path', 'not like', `${escapeLike(path)}%`)
        .execute()),
    );
  }
  return [...inScope, ...outside].map((p) => ({
    id: p.id,
    version: p.version,
    inScope: p.regionPath.startsWith(path),
    hasYear: p.level !== null,
    snapshot: {
      name: p.name,
      code: p.code,
      nature: p.nature as Nature,
      industry: p.industry,
      ownerUnit: p.ownerUnit,
      regionId: p.regionId,
      address: p.address,
      content: p.content,
      totalInvestment: Number(p.totalInvestment),
      plannedStart: p.plannedStart,
      plannedFinish: p.plannedFinish,
      actualStart: p.actualStart,
      statsIncluded: p.statsIncluded === 1,
      statsCode: p.statsCode,
      statsDate: p.statsDate,
      leaderId: p.leaderId,
      departmentId: p.departmentId,
      contactName: p.contactName,
      // Plain, to compare with the file's value; the preview and the audit show it masked.
      contactPhone: openPersonal('projects.contact_phone', p.contactPhone, p.id),
      notes: p.notes,
      ...(p.level === null
        ? {}
        : { level: p.level as Level, category: p.category as Category, annualPlan: Number(p.annualPlan) }),
    },
  }));
}

const CHUNK = 200;

/** Inserts projects in chunks; returns their ids in input order. */
export async function insertProjectsBatch(db: Db, rows: readonly NewProject[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const res = await db
      .insertInto('projects')
      .values(rows.slice(i, i + CHUNK).map(sealProjectValues) as NewProject[])
      .returning('id')
      .execute();
    ids.push(...res.map((r) => r.id));
  }
  return ids;
}

export type YearRow = {
  projectId: number;
  year: number;
  level: string;
  category: string;
  annualPlan: number;
};

/** Writes year entries; `replace` deletes the projects' entries for those years first (existing projects). */
export async function insertYearsBatch(db: Db, rows: readonly YearRow[], replace: boolean): Promise<void> {
  if (replace) {
    const byYear = new Map<number, number[]>();
    for (const r of rows) {
      const ids = byYear.get(r.year);
      if (ids) ids.push(r.projectId);
      else byYear.set(r.year, [r.projectId]);
    }
    for (const [year, ids] of byYear)
      for (let i = 0; i < ids.length; i += 500)
        await db
          .deleteFrom('projectYears')
          .where('year', '=', year)
          .where('projectId', 'in', ids.slice(i, i + 500))
          .execute();
  }
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('projectYears')
      .values(rows.slice(i, i + 500) as YearRow[])
      .execute();
}

/** Adds task-force members of many projects (the seeders). */
export async function insertProjectMembersBatch(
  db: Db,
  rows: ReadonlyArray<{ projectId: number; userId: number }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('projectMembers')
      .values(rows.slice(i, i + 500) as Array<{ projectId: number; userId: number }>)
      .execute();
}

/** The full ledger fields of the given projects for one year (the export's rows), by id. */
export async function findExportRows(db: Db, ids: readonly number[], year: number) {
  const out = new Map<number, Awaited<ReturnType<typeof exportChunk>>[number]>();
  for (let i = 0; i < ids.length; i += 500)
    for (const r of await exportChunk(db, ids.slice(i, i + 500), year)) out.set(r.id, r);
  return ids.flatMap((id) => (out.has(id) ? [out.get(id)!] : []));
}

function exportChunk(db: Db, ids: readonly number[], year: number) {
  return db
    .selectFrom('projects as p')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .innerJoin('projectYears as py', (j) => j.onRef('py.projectId', '=', 'p.id').on('py.year', '=', year))
    .leftJoin('users as l', 'l.id', 'p.leaderId')
    .leftJoin('departments as d', 'd.id', 'p.departmentId')
    .where('p.id', 'in', ids as number[])
    .select(projectColumns)
    .select(['r.name as regionName', 'l.displayName as leaderName', 'd.name as departmentName'])
    .execute();
}
