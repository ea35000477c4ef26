import {
  maskPhone,
  type Category,
  type ExistingProject,
  type LedgerSnapshot,
  type Level,
  type Nature,
} from '@guatu/domain';
import { sql } from 'kysely';
import { dataCodec, openPersonal, type DataCodec } from '../crypto/personal-data.ts';
import type { Db } from '../db/connect.ts';
import type { NewProject } from '../db/schema.ts';
import { escapeLike, sealProjectValues } from './project.repository.ts';

/**
 * The ledger import and export: batch reads and writes of projects, their years and members.
 */
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
  'p.startedUndated',
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
  'py.reportedYtd',
  'py.reportedProgress',
  'py.reportedAsOf',
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
  return [...inScope, ...outside].map((p) => {
    // The phone plain, to compare with the file's value; the preview and the audit show it masked.
    const { id, version, regionPath, level, category, annualPlan, ...rest } = decodeRow(p);
    const { reportedYtd, reportedProgress, reportedAsOf, ...own } = rest;
    return {
      id,
      version,
      inScope: regionPath.startsWith(path),
      hasYear: level !== null,
      snapshot: {
        ...own,
        ...(level === null
          ? {}
          : {
              level,
              category: category!,
              annualPlan: annualPlan!,
              reportedYtd,
              reportedProgress,
              reportedAsOf,
            }),
      },
    };
  });
}

type Decoded =
  | 'nature'
  | 'totalInvestment'
  | 'statsIncluded'
  | 'startedUndated'
  | 'contactPhone'
  | 'level'
  | 'category'
  | 'annualPlan'
  | 'reportedYtd';

/** A row of `projectColumns` decoded: vocabularies typed, money as numbers, 0/1 as booleans, the phone opened. */
function decodeRow<
  R extends {
    id: number;
    nature: string;
    totalInvestment: number;
    statsIncluded: number;
    startedUndated: number;
    contactPhone: string | null;
    level: string | null;
    category: string | null;
    annualPlan: number | null;
    reportedYtd: number | null;
  },
>(
  p: R,
): Omit<R, Decoded> & {
  nature: Nature;
  totalInvestment: number;
  statsIncluded: boolean;
  startedUndated: boolean;
  contactPhone: string | null;
  level: Level | null;
  category: Category | null;
  annualPlan: number | null;
  reportedYtd: number | null;
} {
  const { nature: _n, ...rest } = p;
  return {
    ...(rest as unknown as Omit<R, Decoded>),
    nature: p.nature as Nature,
    totalInvestment: Number(p.totalInvestment),
    statsIncluded: p.statsIncluded === 1,
    startedUndated: p.startedUndated === 1,
    contactPhone: openPersonal('projects.contact_phone', p.contactPhone, p.id),
    level: p.level as Level | null,
    category: p.category as Category | null,
    annualPlan: p.annualPlan === null ? null : Number(p.annualPlan),
    reportedYtd: p.reportedYtd === null ? null : Number(p.reportedYtd),
  };
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
  reportedYtd?: number | null;
  reportedProgress?: string | null;
  reportedAsOf?: string | null;
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

/** Adds task-force members (people) of many projects (the seeders, the import). */
export async function insertProjectMembersBatch(
  db: Db,
  rows: ReadonlyArray<{ projectId: number; personId: number }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('projectMembers')
      .values(rows.slice(i, i + 500) as Array<{ projectId: number; personId: number }>)
      .execute();
}

/**
 * What the ledger export reads of a project at the time its row is written: the columns the
 * portfolio index does not hold (or may hold stale: leader and department names), phone masked.
 */
export type ExportDetailRow = Pick<
  LedgerSnapshot,
  | 'address'
  | 'content'
  | 'statsCode'
  | 'statsDate'
  | 'leaderId'
  | 'departmentId'
  | 'contactName'
  | 'contactPhone'
  | 'notes'
  | 'reportedProgress'
  | 'reportedAsOf'
> & { id: number; leaderName: string | null; departmentName: string | null };

/** Ids per export read: one query for the service's whole batch (far below either engine's parameter limit). */
const EXPORT_CHUNK = 1000;

/**
 * Masked phones by sealed value, per installed codec (a rotated key is another codec). The
 * sealed text changes whenever the phone does, so an entry is never stale; bounded, oldest first
 * out. Opening (SM4 in JavaScript) was a quarter of a 50,000-row export's time; the export shows
 * only the masked form, which is all this keeps.
 */
const maskedPhones = new WeakMap<DataCodec, Map<string, string | null>>();
const MASKED_PHONES_MAX = 100_000;

/** The masked phone of a stored (sealed) value, opened through the one codec on a miss. */
export function maskedPhoneOf(stored: string | null, id: number): string | null {
  if (stored === null) return null;
  const codec = dataCodec();
  let cache = maskedPhones.get(codec);
  if (!cache) maskedPhones.set(codec, (cache = new Map()));
  const hit = cache.get(stored);
  if (hit !== undefined) return hit;
  const masked = maskPhone(openPersonal('projects.contact_phone', stored, id));
  if (cache.size >= MASKED_PHONES_MAX) cache.delete(cache.keys().next().value!);
  cache.set(stored, masked);
  return masked;
}

/**
 * The export's columns of the given projects for one year, in the order of `ids`, phones
 * masked; projects not on the year's list are left out. One plain query per 1,000 ids, its
 * columns named as the rows' keys (no per-row renaming).
 */
export async function findExportRows(
  db: Db,
  ids: readonly number[],
  year: number,
): Promise<ExportDetailRow[]> {
  const out = new Map<number, ExportDetailRow>();
  const raw = db.withoutPlugins();
  for (let i = 0; i < ids.length; i += EXPORT_CHUNK) {
    const part = ids.slice(i, i + EXPORT_CHUNK);
    const { rows } = await sql<ExportDetailRow>`
      select p.id, p.address, p.content, p.stats_code as "statsCode", p.stats_date as "statsDate",
        p.leader_id as "leaderId", p.department_id as "departmentId", p.contact_name as "contactName",
        p.contact_phone as "contactPhone", p.notes, py.reported_progress as "reportedProgress",
        py.reported_as_of as "reportedAsOf", l.name as "leaderName", d.name as "departmentName"
      from projects p
      join project_years py on py.project_id = p.id and py.year = ${year}
      left join people l on l.id = p.leader_id
      left join departments d on d.id = p.department_id
      where p.id in (${sql.join(part)})`.execute(raw);
    for (const p of rows) {
      // A file leaves the system and its readers cannot be audited: phones go out masked.
      p.contactPhone = maskedPhoneOf(p.contactPhone, p.id);
      out.set(p.id, p);
    }
  }
  const ordered: ExportDetailRow[] = [];
  for (const id of ids) {
    const r = out.get(id);
    if (r) ordered.push(r);
  }
  return ordered;
}
