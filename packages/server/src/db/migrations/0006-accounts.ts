import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// Accounts (issue 7, 三员分立 and default accounts):
// - users.must_change_password: a printed (generated) or reset password is changed at first login;
// - users.demo: the demo's accounts (loopback-only, bannered, removable);
// - usernames unique whatever their case (an expression index, on both engines);
// - demo_rows: the regions, departments and projects the demo created, for `demo --remove`.
// The first admin of earlier versions held admin + security_admin: he keeps admin only, and the
// setup creates the security administrator and the auditor at the next start.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c: any) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('demo', 'integer', (c: any) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('users_username_lower')
    .on('users')
    .unique()
    .expression(sql`lower(username)`)
    .execute();
  await db.schema
    .createTable('demo_rows')
    .addColumn('entity', 'text', (c: any) => c.notNull())
    .addColumn('entity_id', 'integer', (c: any) => c.notNull())
    .addPrimaryKeyConstraint('demo_rows_pk', ['entity', 'entity_id'])
    .execute();
  await db
    .updateTable('users')
    .set({ roles: JSON.stringify(['admin']) })
    .where('username', '=', 'admin')
    .where('roles', '=', JSON.stringify(['admin', 'security_admin']))
    .execute();
}
