/**
 * SQL of people (issue 9, item 3): the leaders and task-force members of projects, who need not
 * have an account. Phones are sealed on write (crypto/personal-data.ts, field `people.phone`) and
 * masked in every answer built here.
 */
import type { Person, PersonQuery } from '@guatu/contracts';
import { maskPhone } from '@guatu/domain';
import { sql, type ExpressionBuilder } from 'kysely';
import { openPersonal, sealPersonal } from '../crypto/personal-data.ts';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { escapeLike } from './project.repository.ts';

/** A person as a row of one of the people tables' callers (import, project references). */
export type PersonRef = {
  id: number;
  regionId: number;
  regionPath: string;
  name: string;
  title: string | null;
  unit: string | null;
  userId: number | null;
};

/** What insertPeople writes for one person; `unit` '' or null when unknown. */
export type NewPerson = {
  regionId: number;
  name: string;
  title?: string | null;
  unit?: string | null;
  /** The plain phone; sealed here. */
  phone?: string | null;
  userId?: number | null;
  demo?: boolean;
};

const unitOf = (u: string) => (u === '' ? null : u);

type Eb = ExpressionBuilder<Database & { pe: Database['people']; r: Database['regions'] }, 'pe' | 'r'>;

function joined(db: Db) {
  return db
    .selectFrom('people as pe')
    .innerJoin('regions as r', 'r.id', 'pe.regionId')
    .leftJoin('users as u', 'u.id', 'pe.userId')
    .select((eb) => [
      'pe.id',
      'pe.regionId',
      'r.name as regionName',
      'r.path as regionPath',
      'pe.name',
      'pe.title',
      'pe.unit',
      'pe.phone',
      'pe.userId',
      'u.username',
      'pe.demo',
      'pe.version',
      'pe.updatedAt',
      eb
        .selectFrom('projects as p')
        .whereRef('p.leaderId', '=', 'pe.id')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .as('leads'),
      eb
        .selectFrom('projectMembers as pm')
        .whereRef('pm.personId', '=', 'pe.id')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .as('serves'),
    ]);
}
type Joined = Awaited<ReturnType<ReturnType<typeof joined>['executeTakeFirstOrThrow']>>;

export const toPerson = (p: Joined): Person => ({
  id: p.id,
  regionId: p.regionId,
  regionName: p.regionName,
  name: p.name,
  title: p.title,
  unit: unitOf(p.unit),
  phone: maskPhone(openPersonal('people.phone', p.phone, p.id)),
  userId: p.userId,
  username: p.username,
  leads: Number(p.leads ?? 0),
  serves: Number(p.serves ?? 0),
  demo: p.demo === 1,
  version: p.version,
});

/** People of the regions in the scope subtree (`path`), by region, keyword and link; one page. */
export async function findPeople(
  db: Db,
  path: string,
  q: Omit<PersonQuery, 'regionId'> & { regionPath?: string },
): Promise<{ items: Person[]; total: number }> {
  const where = (eb: Eb) => {
    const parts = [eb('r.path', 'like', `${escapeLike(path)}%`)];
    if (q.regionPath) parts.push(eb('r.path', 'like', `${escapeLike(q.regionPath)}%`));
    if (q.linked === 'yes') parts.push(eb('pe.userId', 'is not', null));
    if (q.linked === 'no') parts.push(eb('pe.userId', 'is', null));
    if (q.q) {
      const like = `%${escapeLike(q.q.toLowerCase())}%`;
      parts.push(
        eb.or([
          sql<boolean>`lower(${eb.ref('pe.name')}) like ${like} escape '\\'`,
          sql<boolean>`lower(${eb.ref('pe.title')}) like ${like} escape '\\'`,
          sql<boolean>`lower(${eb.ref('pe.unit')}) like ${like} escape '\\'`,
        ]),
      );
    }
    return eb.and(parts);
  };
  const count = await db
    .selectFrom('people as pe')
    .innerJoin('regions as r', 'r.id', 'pe.regionId')
    .where((eb) => where(eb as unknown as Eb))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await joined(db)
    .where((eb) => where(eb as unknown as Eb))
    .orderBy('pe.name')
    .orderBy('pe.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: rows.map(toPerson), total: Number(count.n) };
}

export async function findPersonJoined(db: Db, id: number) {
  return (await joined(db).where('pe.id', '=', id).executeTakeFirst()) ?? null;
}

/** The person an account is linked to, if any. */
export async function findPersonIdOfUser(db: Db, userId: number): Promise<number | null> {
  const row = await db.selectFrom('people').select('id').where('userId', '=', userId).executeTakeFirst();
  return row?.id ?? null;
}

/** The given people with their region's path (reference checks); unknown ids are left out. */
export async function findPeopleByIds(db: Db, ids: readonly number[]): Promise<PersonRef[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('people as pe')
    .innerJoin('regions as r', 'r.id', 'pe.regionId')
    .where('pe.id', 'in', [...ids])
    .select(['pe.id', 'pe.regionId', 'r.path as regionPath', 'pe.name', 'pe.title', 'pe.unit', 'pe.userId'])
    .execute();
  return rows.map((r) => ({ ...r, unit: unitOf(r.unit) }));
}

/**
 * The people of the regions `regionIds` whose name is one of `names` (exact, trimmed by the
 * caller), in id order: the import matches a ledger's leaders and task-force members with these.
 * One name may give several people (same name, other unit or region).
 */
export async function findPeopleByNames(
  db: Db,
  regionIds: readonly number[],
  names: readonly string[],
): Promise<PersonRef[]> {
  if (regionIds.length === 0 || names.length === 0) return [];
  const rows = await db
    .selectFrom('people as pe')
    .innerJoin('regions as r', 'r.id', 'pe.regionId')
    .where('pe.regionId', 'in', [...regionIds])
    .where('pe.name', 'in', [...new Set(names)])
    .select(['pe.id', 'pe.regionId', 'r.path as regionPath', 'pe.name', 'pe.title', 'pe.unit', 'pe.userId'])
    .orderBy('pe.id')
    .execute();
  return rows.map((r) => ({ ...r, unit: unitOf(r.unit) }));
}

/** Every person of the regions in `path`'s subtree, id and name (import matching, pickers). */
export async function findPeopleInScope(
  db: Db,
  path: string,
): Promise<Array<{ id: number; name: string; regionId: number; userId: number | null }>> {
  return db
    .selectFrom('people as pe')
    .innerJoin('regions as r', 'r.id', 'pe.regionId')
    .where('r.path', 'like', `${escapeLike(path)}%`)
    .select(['pe.id', 'pe.name', 'pe.regionId', 'pe.userId'])
    .orderBy('pe.id')
    .execute();
}

/** The people in `path`'s subtree who lead (role 'leader') or serve on (role 'member') a project. */
export async function findResponsiblePeople(db: Db, path: string, role: 'leader' | 'member') {
  return db
    .selectFrom('people as pe')
    .innerJoin('regions as r', 'r.id', 'pe.regionId')
    .where('r.path', 'like', `${escapeLike(path)}%`)
    .where((eb) =>
      role === 'leader'
        ? eb.exists(eb.selectFrom('projects as p').select('p.id').whereRef('p.leaderId', '=', 'pe.id'))
        : eb.exists(
            eb
              .selectFrom('projectMembers as pm')
              .select('pm.projectId')
              .whereRef('pm.personId', '=', 'pe.id'),
          ),
    )
    .select(['pe.id', 'pe.name'])
    .orderBy('pe.id')
    .execute();
}

/**
 * Inserts people in one statement per 200 (the caller's transaction), returning their ids in the
 * order of `rows`. A (region, name, unit) already taken is a unique violation (→ 409 duplicate).
 */
export async function insertPeople(
  db: Db,
  rows: readonly NewPerson[],
  options: { by?: number | null; now?: string } = {},
): Promise<number[]> {
  const now = options.now ?? new Date().toISOString();
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200).map((r) => ({
      regionId: r.regionId,
      name: r.name,
      title: r.title ?? null,
      unit: r.unit ?? '',
      phone: sealPersonal('people.phone', r.phone ?? null),
      userId: r.userId ?? null,
      demo: r.demo ? 1 : 0,
      createdAt: now,
      updatedAt: now,
      updatedBy: options.by ?? null,
      version: 1,
    }));
    const got = await db.insertInto('people').values(chunk).returning('id').execute();
    ids.push(...got.map((g) => g.id));
  }
  return ids;
}

export type PersonPatch = {
  regionId?: number;
  name?: string;
  title?: string | null;
  unit?: string | null;
  phone?: string | null;
};

/** Updates a person if `version` is still current; false when it is not (or the person is gone). */
export async function updatePersonIfVersion(
  db: Db,
  id: number,
  version: number,
  patch: PersonPatch,
  by: number | null,
  now: string,
): Promise<boolean> {
  const { phone, unit, ...rest } = patch;
  const res = await db
    .updateTable('people')
    .set({
      ...rest,
      ...(unit === undefined ? {} : { unit: unit ?? '' }),
      ...(phone === undefined ? {} : { phone: sealPersonal('people.phone', phone) }),
      updatedAt: now,
      updatedBy: by,
      version: version + 1,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The row's last change, for the stale-version 409. */
export async function findPersonLastChange(db: Db, id: number) {
  return (
    (await db
      .selectFrom('people as pe')
      .leftJoin('users as u', 'u.id', 'pe.updatedBy')
      .where('pe.id', '=', id)
      .select(['pe.version', 'pe.updatedAt', 'u.displayName as updatedByName'])
      .executeTakeFirst()) ?? null
  );
}

/** Links `userId` to the person (null: unlinks), bumping its version. */
export async function setPersonUser(
  db: Db,
  id: number,
  userId: number | null,
  by: number | null,
  now: string,
): Promise<void> {
  await db
    .updateTable('people')
    .set((eb) => ({ userId, updatedAt: now, updatedBy: by, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Unlinks whichever person `userId` is linked to. */
export async function unlinkUser(db: Db, userId: number, by: number | null, now: string): Promise<void> {
  await db
    .updateTable('people')
    .set((eb) => ({ userId: null, updatedAt: now, updatedBy: by, version: eb('version', '+', 1) }))
    .where('userId', '=', userId)
    .execute();
}

export async function deletePerson(db: Db, id: number): Promise<void> {
  await db.deleteFrom('people').where('id', '=', id).execute();
}

/** The phone as stored (sealed), for the audited plain read. */
export async function findPersonPhone(db: Db, id: number): Promise<string | null> {
  const row = await db.selectFrom('people').where('id', '=', id).select('phone').executeTakeFirst();
  return openPersonal('people.phone', row?.phone ?? null, id);
}
