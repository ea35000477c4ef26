import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// Issue 11 (province scale): the portfolio read path keeps each year's projects in memory and must
// see every change made through any app server. A change counter (`portfolio_state.version`) and
// the projects each change touched (`portfolio_changes`) are written by triggers in the same
// transaction as every write to projects, project_years, project_members and regions, so that no
// code path can forget them. A reader compares the counter with its own on each read and reloads
// the projects changed since (a region change, logged as project 0, reloads everything).
//
// PostgreSQL: one bump per statement — a BEFORE STATEMENT trigger takes the counter row's lock
// first (two writers queue on it before they lock project rows, so they cannot deadlock over it),
// an AFTER STATEMENT trigger logs the statement's rows from its transition table. The counter row
// is locked until commit, so versions become visible in their order. SQLite: one writer at a time;
// a row trigger bumps and logs.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('portfolio_state')
    .addColumn('id', 'integer', (c: any) => c.primaryKey())
    .addColumn('version', 'bigint', (c: any) => c.notNull().defaultTo(0))
    // Changes at or below this version were pruned: a reader older than it reloads everything.
    .addColumn('pruned_through', 'bigint', (c: any) => c.notNull().defaultTo(0))
    .execute();
  await db.insertInto('portfolio_state').values({ id: 1, version: 0, pruned_through: 0 }).execute();
  await db.schema
    .createTable('portfolio_changes')
    .addColumn('version', 'bigint', (c: any) => c.notNull())
    // 0: a region changed (paths and names): everything is reloaded.
    .addColumn('project_id', 'integer', (c: any) => c.notNull())
    .execute();
  await db.schema
    .createIndex('portfolio_changes_version')
    .on('portfolio_changes')
    .columns(['version', 'project_id'])
    .execute();

  const tracked: Array<{ table: string; column: string | null }> = [
    { table: 'projects', column: 'id' },
    { table: 'project_years', column: 'project_id' },
    { table: 'project_members', column: 'project_id' },
    { table: 'regions', column: null },
  ];

  if (engine === 'postgres') {
    await sql
      .raw(
        `create function portfolio_bump() returns trigger language plpgsql as $$
         begin
           update portfolio_state set version = version + 1 where id = 1;
           return null;
         end $$`,
      )
      .execute(db);
    for (const { table, column } of tracked) {
      const fn = `portfolio_log_${table}`;
      const rows = column === null ? `select v, 0` : `select v, t.${column} from changed t`;
      await sql
        .raw(
          `create function ${fn}() returns trigger language plpgsql as $$
           declare v bigint;
           begin
             select version into v from portfolio_state where id = 1;
             if tg_op = 'DELETE' then
               insert into portfolio_changes (version, project_id) ${rows.replace('changed', 'old_rows')};
             else
               insert into portfolio_changes (version, project_id) ${rows.replace('changed', 'new_rows')};
             end if;
             return null;
           end $$`,
        )
        .execute(db);
      for (const op of ['insert', 'update', 'delete'] as const) {
        await sql
          .raw(
            `create trigger ${table}_portfolio_bump_${op} before ${op} on ${table}
             for each statement execute function portfolio_bump()`,
          )
          .execute(db);
        const transition = op === 'delete' ? 'old table as old_rows' : 'new table as new_rows';
        await sql
          .raw(
            `create trigger ${table}_portfolio_log_${op} after ${op} on ${table}
             referencing ${transition} for each statement execute function ${fn}()`,
          )
          .execute(db);
      }
    }
    return;
  }

  for (const { table, column } of tracked) {
    for (const op of ['insert', 'update', 'delete'] as const) {
      const row = op === 'delete' ? 'old' : 'new';
      const project = column === null ? '0' : `${row}.${column}`;
      await sql
        .raw(
          `create trigger ${table}_portfolio_${op} after ${op} on ${table} for each row begin
             update portfolio_state set version = version + 1 where id = 1;
             insert into portfolio_changes (version, project_id)
               select version, ${project} from portfolio_state where id = 1;
           end`,
        )
        .execute(db);
    }
  }
}
