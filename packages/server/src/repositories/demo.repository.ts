import { sql, type Insertable } from 'kysely';
import type { Db, Engine } from '../db/connect.ts';
import type { UserTable } from '../db/schema.ts';

/** One foreign key column: `table.column` → `refTable.refColumn`. Names are the database's (snake_case). */
export type ForeignKey = {
  table: string;
  column: string;
  refTable: string;
  refColumn: string;
  notNull: boolean;
};

/**
 * Every foreign key of the schema, read from the catalogue, so that removing the demo also clears
 * what later features attach to its users and projects without listing their tables here.
 */
export async function foreignKeys(db: Db, engine: Engine): Promise<ForeignKey[]> {
  type Row = { tbl: string; col: string; ref: string; refcol: string | null; nn: number | string | boolean };
  const rows =
    engine === 'sqlite'
      ? await sql<Row>`
          select m.name as tbl, f."from" as col, f."table" as ref, f."to" as refcol, (i."notnull" or i.pk > 0) as nn
          from sqlite_master m
          join pragma_foreign_key_list(m.name) f
          join pragma_table_info(m.name) i on i.name = f."from"
          where m.type = 'table'`.execute(db)
      : await sql<Row>`
          select kcu.table_name as tbl, kcu.column_name as col, ccu.table_name as ref,
                 ccu.column_name as refcol, (c.is_nullable = 'NO') as nn
          from information_schema.table_constraints tc
          join information_schema.key_column_usage kcu
            on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
          join information_schema.constraint_column_usage ccu
            on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
          join information_schema.columns c
            on c.table_schema = kcu.table_schema and c.table_name = kcu.table_name
           and c.column_name = kcu.column_name
          where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db);
  return rows.rows.map((r) => ({
    table: r.tbl,
    column: r.col,
    refTable: r.ref,
    refColumn: r.refcol ?? 'id',
    notNull: r.nn === 1 || r.nn === true || r.nn === '1',
  }));
}

// The audit trail is never changed by a removal (it has no foreign key; this is a second guard).
const UNTOUCHABLE = new Set(['audit_log', 'audit_archives']);

/**
 * Before deleting the rows of `table` whose `keyColumn` is in `keys` (a subquery): rows that refer
 * to them through a NOT NULL column are deleted (recursively, they belong to them), through a
 * nullable column the reference is cleared. Returns the number of rows deleted on the way.
 */
export async function clearReferences(
  db: Db,
  fks: readonly ForeignKey[],
  table: string,
  keyColumn: string,
  keys: ReturnType<typeof sql>,
  depth = 0,
): Promise<void> {
  if (depth > 6) throw new Error(`demo removal: references nested too deep at ${table}`);
  for (const fk of fks.filter((f) => f.refTable === table)) {
    if (UNTOUCHABLE.has(fk.table) || (fk.table === table && fk.column === keyColumn)) continue;
    const referenced = sql`select ${sql.ref(fk.refColumn)} from ${sql.table(table)} where ${sql.ref(keyColumn)} in (${keys})`;
    if (fk.notNull) {
      await clearReferences(db, fks, fk.table, fk.column, referenced, depth + 1);
      await sql`delete from ${sql.table(fk.table)} where ${sql.ref(fk.column)} in (${referenced})`.execute(
        db,
      );
    } else {
      await sql`update ${sql.table(fk.table)} set ${sql.ref(fk.column)} = null where ${sql.ref(fk.column)} in (${referenced})`.execute(
        db,
      );
    }
  }
}

/** Whether any row refers to `table`.id = id (through any foreign key). */
export async function isReferenced(
  db: Db,
  fks: readonly ForeignKey[],
  table: string,
  id: number,
): Promise<boolean> {
  for (const fk of fks.filter((f) => f.refTable === table && f.refColumn === 'id')) {
    const hit = await sql<{
      one: number;
    }>`select 1 as one from ${sql.table(fk.table)} where ${sql.ref(fk.column)} = ${id} limit 1`.execute(db);
    if (hit.rows.length) return true;
  }
  return false;
}

/** Whether any row of the demo is recorded. */
export async function hasDemoRows(db: Db): Promise<boolean> {
  const row = await db.selectFrom('demoRows').select('entityId').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Records rows the demo created, so that `demo --remove` finds them. */
export async function markDemoRows(
  db: Db,
  entity: 'region' | 'department' | 'project',
  ids: readonly number[],
): Promise<void> {
  for (let i = 0; i < ids.length; i += 500)
    await db
      .insertInto('demoRows')
      .values(ids.slice(i, i + 500).map((entityId) => ({ entity, entityId })))
      .execute();
}

/** Inserts a demo account as it is (the seeder hashes the password and seals the phone). */
export async function insertDemoUser(db: Db, values: Insertable<UserTable>): Promise<number> {
  const { id } = await db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function demoRowIds(db: Db, entity: 'region' | 'department' | 'project'): Promise<number[]> {
  const rows = await db.selectFrom('demoRows').select('entityId').where('entity', '=', entity).execute();
  return rows.map((r) => r.entityId);
}

/** The demo's people (leaders and task-force members, people.demo = 1). */
export async function demoPeopleIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('people').select('id').where('demo', '=', 1).execute();
  return rows.map((r) => r.id);
}

export async function demoUserIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('users').select('id').where('demo', '=', 1).execute();
  return rows.map((r) => r.id);
}

const idList = (ids: readonly number[]) =>
  sql.join(
    ids.map((i) => sql.lit(i)),
    sql`, `,
  );

/** Deletes rows of `table` by id after clearing what refers to them (see clearReferences). */
export async function deleteWithReferences(
  db: Db,
  fks: readonly ForeignKey[],
  table: 'projects' | 'users' | 'people',
  ids: readonly number[],
): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    await clearReferences(db, fks, table, 'id', sql`${idList(part)}`);
    const res = await db.deleteFrom(table).where('id', 'in', part).executeTakeFirst();
    n += Number(res.numDeletedRows);
  }
  return n;
}

export async function deleteRegionOrDepartment(
  db: Db,
  table: 'regions' | 'departments',
  id: number,
): Promise<void> {
  await db.deleteFrom(table).where('id', '=', id).execute();
}

export async function regionDepths(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('regions').select(['id', 'path']).where('id', 'in', ids).execute();
  return rows.sort((a, b) => b.path.length - a.path.length);
}

export async function deleteDemoRows(db: Db): Promise<void> {
  await db.deleteFrom('demoRows').execute();
}

/** Puts the root back to the setup's name when the demo's regions under it are all gone. */
export async function resetRootIfBare(db: Db): Promise<void> {
  const root = await db.selectFrom('regions').select('id').where('parentId', 'is', null).executeTakeFirst();
  if (!root) return;
  const child = await db
    .selectFrom('regions')
    .select('id')
    .where('parentId', '=', root.id)
    .limit(1)
    .executeTakeFirst();
  if (child) return;
  await db
    .updateTable('regions')
    .set({ name: '本级行政区', level: 'county' })
    .where('id', '=', root.id)
    .execute();
}
