import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// Issue 11 (province scale): a round's dispatch table and figures are computed once per state of
// what they read and kept in memory (portfolio/dispatch-round-cache.ts); projects, list entries,
// task forces and regions follow the portfolio's counter (0025). This counter
// (`dispatch_state.version`) is moved by triggers in the same transaction as every write to the
// rounds, their projects and reports, the plans (project_schedules), actual dates (project_stages)
// and stage templates the 当前工序 comes from, and the leaders' and departments' names the figures
// group by. No change log: a reader whose version differs recomputes the round.
//
// PostgreSQL: a BEFORE STATEMENT trigger bumps the counter after locking the portfolio's counter
// row (without moving it), so every transaction takes the counter rows in one order (portfolio
// first, as 0026 does) and none can deadlock over them; the counter row stays locked until commit,
// so versions become visible in their order. SQLite: one writer at a time; a row trigger bumps.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('dispatch_state')
    .addColumn('id', 'integer', (c: any) => c.primaryKey())
    .addColumn('version', 'bigint', (c: any) => c.notNull().defaultTo(0))
    .execute();
  await db.insertInto('dispatch_state').values({ id: 1, version: 0 }).execute();

  const tracked = [
    'dispatch_rounds',
    'dispatch_round_projects',
    'dispatch_reports',
    'project_schedules',
    'project_stages',
    'stage_templates',
    'people',
    'departments',
  ];
  // Only a name matters of a person or department; one inserted or deleted has no project pointing
  // at it (clearing a project's leader or department is a project write the portfolio sees).
  const namesOnly = (table: string) => table === 'people' || table === 'departments';

  if (engine === 'postgres') {
    await sql
      .raw(
        `create function dispatch_bump() returns trigger language plpgsql as $$
         begin
           perform 1 from portfolio_state where id = 1 for update;
           update dispatch_state set version = version + 1 where id = 1;
           return null;
         end $$`,
      )
      .execute(db);
    for (const table of tracked) {
      const ops = namesOnly(table) ? (['update'] as const) : (['insert', 'update', 'delete'] as const);
      for (const op of ops)
        await sql
          .raw(
            `create trigger ${table}_dispatch_bump_${op} before ${op} on ${table}
             for each statement execute function dispatch_bump()`,
          )
          .execute(db);
    }
    return;
  }

  for (const table of tracked) {
    const ops = namesOnly(table) ? (['update'] as const) : (['insert', 'update', 'delete'] as const);
    for (const op of ops) {
      const when = namesOnly(table) ? 'when old.name is not new.name ' : '';
      await sql
        .raw(
          `create trigger ${table}_dispatch_${op} after ${op} on ${table} for each row ${when}begin
             update dispatch_state set version = version + 1 where id = 1;
           end`,
        )
        .execute(db);
    }
  }
}
