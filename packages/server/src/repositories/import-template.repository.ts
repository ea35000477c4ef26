/**
 * SQL of the ledger import and export: mapping templates, uploads awaiting commit, and the
 * batch reads and writes that keep a 10,000-row import within seconds (one query per kind of
 * row instead of one per row). The tables of migration 0002 are typed here.
 */
import type { ExistingProject, Level, Category, Nature } from '@guatu/domain';
import type { Generated, Kysely } from 'kysely';
import { openPersonal } from '../crypto/personal-data.ts';
import type { Db } from '../db/connect.ts';
import { appendAudit } from './audit.repository.ts';
import type { Database, NewProject } from '../db/schema.ts';
import type { Actor } from '../policies/actor.ts';
import { sealProjectValues } from './project.repository.ts';

type ImportTemplateTable = {
  id: Generated<number>;
  userId: number;
  regionId: number;
  name: string;
  /** JSON: Array<{ label: string; field: string | null }>. */
  columns: string;
  createdAt: string;
  updatedAt: string;
};
type ImportUploadTable = {
  id: string;
  userId: number;
  regionId: number;
  fileName: string;
  /** JSON: Array<{ name: string; grid: Cell[][] }>. */
  sheets: string;
  createdAt: string;
  expiresAt: string;
};
type ImportDatabase = Database & { importTemplates: ImportTemplateTable; importUploads: ImportUploadTable };
const idb = (db: Db) => db as unknown as Kysely<ImportDatabase>;

export type TemplateRow = { id: number; name: string; columns: string; updatedAt: string };

export async function findTemplates(db: Db, userId: number): Promise<TemplateRow[]> {
  return idb(db)
    .selectFrom('importTemplates')
    .where('userId', '=', userId)
    .select(['id', 'name', 'columns', 'updatedAt'])
    .orderBy('updatedAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function findTemplate(db: Db, userId: number, id: number): Promise<TemplateRow | null> {
  return (
    (await idb(db)
      .selectFrom('importTemplates')
      .where('userId', '=', userId)
      .where('id', '=', id)
      .select(['id', 'name', 'columns', 'updatedAt'])
      .executeTakeFirst()) ?? null
  );
}

/** Saves a template under its name, replacing the user's template of the same name. */
export async function upsertTemplate(
  db: Db,
  v: { userId: number; regionId: number; name: string; columns: string; at: string },
): Promise<number> {
  const existing = await idb(db)
    .selectFrom('importTemplates')
    .where('userId', '=', v.userId)
    .where('name', '=', v.name)
    .select('id')
    .executeTakeFirst();
  if (existing) {
    await idb(db)
      .updateTable('importTemplates')
      .set({ columns: v.columns, regionId: v.regionId, updatedAt: v.at })
      .where('id', '=', existing.id)
      .execute();
    return existing.id;
  }
  const row = await idb(db)
    .insertInto('importTemplates')
    .values({
      userId: v.userId,
      regionId: v.regionId,
      name: v.name,
      columns: v.columns,
      createdAt: v.at,
      updatedAt: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteTemplate(db: Db, userId: number, id: number): Promise<boolean> {
  const res = await idb(db)
    .deleteFrom('importTemplates')
    .where('userId', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export async function insertUpload(db: Db, v: ImportUploadTable): Promise<void> {
  await idb(db).insertInto('importUploads').values(v).execute();
}

export async function findUpload(db: Db, id: string, userId: number, nowIso: string) {
  return (
    (await idb(db)
      .selectFrom('importUploads')
      .where('id', '=', id)
      .where('userId', '=', userId)
      .where('expiresAt', '>', nowIso)
      .selectAll()
      .executeTakeFirst()) ?? null
  );
}

export async function deleteUpload(db: Db, id: string): Promise<void> {
  await idb(db).deleteFrom('importUploads').where('id', '=', id).execute();
}

/** Deletes the uploads expired at `nowIso`; answers how many (the purge-expired-uploads job). */
export async function deleteExpiredUploads(db: Db, nowIso: string): Promise<number> {
  const res = await idb(db).deleteFrom('importUploads').where('expiresAt', '<=', nowIso).executeTakeFirst();
  return Number(res.numDeletedRows);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Towns and the county of the subtree; names of every other region (to say "outside your scope"). */
export async function findRegionNames(db: Db, path: string) {
  const rows = await db.selectFrom('regions').select(['id', 'name', 'path']).execute();
  return {
    inScope: rows.filter((r) => r.path.startsWith(path)).map((r) => ({ id: r.id, name: r.name })),
    outOfScope: rows.filter((r) => !r.path.startsWith(path)).map((r) => r.name),
  };
}

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

export type AuditRow = {
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

/** Appends audit rows to the tamper-evident chain in one go (see appendAudit), all stamped `at`. */
export async function insertAuditBatch(
  db: Db,
  actor: Pick<Actor, 'id' | 'displayName' | 'ip'>,
  at: string,
  rows: readonly AuditRow[],
) {
  await appendAudit(db, actor, rows, at);
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
