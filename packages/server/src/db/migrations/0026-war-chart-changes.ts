import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// Issue 11 (province scale): the war chart keeps each year's computed cells in memory
// (portfolio/war-chart-cache.ts) and must see every change that alters them, made through any app
// server. Project rows follow the portfolio's counter (0025); this one (`war_chart_state.version`,
// with the projects each change touched in `war_chart_changes`) is moved by triggers in the same
// transaction as every write to the plans (project_schedules) and actual dates (project_stages),
// and to the leaders' and departments' names the chart groups by (people, departments: the
// projects led by or assigned to the row written are logged).
//
// PostgreSQL: as 0025, a BEFORE STATEMENT trigger bumps the counter and an AFTER STATEMENT trigger
// logs the statement's rows from its transition table. The bump first locks the portfolio's counter
// row (without moving it), so every transaction takes the two counter rows in one order (portfolio,
// then war chart) and a transaction writing projects and plans cannot deadlock with one writing
// plans and projects. SQLite: one writer at a time; a row trigger bumps and logs.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('war_chart_state')
    .addColumn('id', 'integer', (c: any) => c.primaryKey())
    .addColumn('version', 'bigint', (c: any) => c.notNull().defaultTo(0))
    // Changes at or below this version were pruned: a reader older than it recomputes everything.
    .addColumn('pruned_through', 'bigint', (c: any) => c.notNull().defaultTo(0))
    .execute();
  await db.insertInto('war_chart_state').values({ id: 1, version: 0, pruned_through: 0 }).execute();
  await db.schema
    .createTable('war_chart_changes')
    .addColumn('version', 'bigint', (c: any) => c.notNull())
    .addColumn('project_id', 'integer', (c: any) => c.notNull())
    .execute();
  await db.schema
    .createIndex('war_chart_changes_version')
    .on('war_chart_changes')
    .columns(['version', 'project_id'])
    .execute();

  // The projects a written row touches: its own project, or those it leads / is the department of.
  const tracked: Array<{ table: string; projects: (row: string) => string }> = [
    { table: 'project_schedules', projects: (row) => `select ${row}.project_id from ${row}` },
    { table: 'project_stages', projects: (row) => `select ${row}.project_id from ${row}` },
    {
      table: 'people',
      projects: (row) => `select p.id from projects p join ${row} on p.leader_id = ${row}.id`,
    },
    {
      table: 'departments',
      projects: (row) => `select p.id from projects p join ${row} on p.department_id = ${row}.id`,
    },
  ];

  if (engine === 'postgres') {
    await sql
      .raw(
        `create function war_chart_bump() returns trigger language plpgsql as $$
         begin
           perform 1 from portfolio_state where id = 1 for update;
           update war_chart_state set version = version + 1 where id = 1;
           return null;
         end $$`,
      )
      .execute(db);
    for (const { table, projects } of tracked) {
      const fn = `war_chart_log_${table}`;
      const logged = (rows: string) =>
        `insert into war_chart_changes (version, project_id) select v, t.id from (${projects(rows).replace(/^select ([a-z_.]+)/, 'select $1 as id')}) t`;
      await sql
        .raw(
          `create function ${fn}() returns trigger language plpgsql as $$
           declare v bigint;
           begin
             select version into v from war_chart_state where id = 1;
             if tg_op = 'DELETE' then
               ${logged('old_rows')};
             else
               ${logged('new_rows')};
             end if;
             return null;
           end $$`,
        )
        .execute(db);
      const ops =
        table === 'people' || table === 'departments'
          ? (['update'] as const)
          : (['insert', 'update', 'delete'] as const);
      for (const op of ops) {
        await sql
          .raw(
            `create trigger ${table}_war_chart_bump_${op} before ${op} on ${table}
             for each statement execute function war_chart_bump()`,
          )
          .execute(db);
        const transition = op === 'delete' ? 'old table as old_rows' : 'new table as new_rows';
        await sql
          .raw(
            `create trigger ${table}_war_chart_log_${op} after ${op} on ${table}
             referencing ${transition} for each statement execute function ${fn}()`,
          )
          .execute(db);
      }
    }
    return;
  }

  for (const { table } of tracked) {
    // A person or department inserted or deleted has no project pointing at it (a project's
    // leader or department is cleared by a project write, which the portfolio's counter sees).
    const ops =
      table === 'people' || table === 'departments'
        ? (['update'] as const)
        : (['insert', 'update', 'delete'] as const);
    for (const op of ops) {
      const row = op === 'delete' ? 'old' : 'new';
      // SQLite's trigger rows are not tables: the row's columns are used directly.
      const ids =
        table === 'people'
          ? `select p.id from projects p where p.leader_id = new.id`
          : table === 'departments'
            ? `select p.id from projects p where p.department_id = new.id`
            : `select ${row}.project_id`;
      const when = table === 'people' || table === 'departments' ? 'when old.name is not new.name ' : '';
      await sql
        .raw(
          `create trigger ${table}_war_chart_${op} after ${op} on ${table} for each row ${when}begin
             update war_chart_state set version = version + 1 where id = 1;
             insert into war_chart_changes (version, project_id)
               select (select version from war_chart_state where id = 1), t.id from (${ids.replace(/^select ([a-z_.]+)/, 'select $1 as id')}) t;
           end`,
        )
        .execute(db);
    }
  }
}
