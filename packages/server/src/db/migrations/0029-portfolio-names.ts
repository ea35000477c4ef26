import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// Issue 11: the portfolio index also holds the names the ledger list shows (region, leader,
// department), so that a page of the list is answered from memory. A region change already
// reloads everything (0025); a person's or department's rename does too: logged as project 0 in
// the change log, in the renaming transaction. Renames are rare; other writes to people and
// departments (phones, accounts, new rows) change no list row and log nothing.
//
// PostgreSQL: a row trigger with a WHEN clause, bumping the counter like 0025's statement
// trigger does (a rename holds the person's row lock, which no project write waits for: project
// writes only take key-share locks on people and departments, so the lock order cannot cross).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const renamed = ['people', 'departments'];
  if (engine === 'postgres') {
    await sql
      .raw(
        `create function portfolio_renamed() returns trigger language plpgsql as $$
         declare v bigint;
         begin
           update portfolio_state set version = version + 1 where id = 1 returning version into v;
           insert into portfolio_changes (version, project_id) values (v, 0);
           return null;
         end $$`,
      )
      .execute(db);
    for (const table of renamed)
      await sql
        .raw(
          `create trigger ${table}_portfolio_rename after update of name on ${table}
           for each row when (old.name is distinct from new.name) execute function portfolio_renamed()`,
        )
        .execute(db);
    return;
  }
  for (const table of renamed)
    await sql
      .raw(
        `create trigger ${table}_portfolio_rename after update of name on ${table}
         for each row when old.name is not new.name begin
           update portfolio_state set version = version + 1 where id = 1;
           insert into portfolio_changes (version, project_id)
             select version, 0 from portfolio_state where id = 1;
         end`,
      )
      .execute(db);
}
