import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// Issue 7 items 7–9: the second factor (TOTP secret, one-time recovery codes, pending logins
// between password and code), the password history (last 5 hashes) and the password's age.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const id = (t: any) =>
    engine === 'postgres'
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());
  const userRef = (c: any) => c.notNull().references('users.id').onDelete('cascade');

  await db.schema
    .createTable('user_mfa')
    .addColumn('user_id', 'integer', (c: any) => userRef(c).primaryKey())
    // Base32 TOTP secret once enrolled; the secret offered by setup until it is activated.
    .addColumn('secret', 'text')
    .addColumn('pending_secret', 'text')
    .addColumn('enabled_at', 'text')
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .execute();

  await id(db.schema.createTable('mfa_recovery_codes'))
    .addColumn('user_id', 'integer', userRef)
    .addColumn('code_hash', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('mfa_recovery_codes_user').on('mfa_recovery_codes').column('user_id').execute();

  await db.schema
    .createTable('mfa_challenges')
    .addColumn('token_hash', 'text', (c: any) => c.primaryKey())
    .addColumn('user_id', 'integer', userRef)
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('expires_at', 'text', (c: any) => c.notNull())
    .addColumn('attempts', 'integer', (c: any) => c.notNull().defaultTo(0))
    .execute();

  await id(db.schema.createTable('password_history'))
    .addColumn('user_id', 'integer', userRef)
    .addColumn('password_hash', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('password_history_user').on('password_history').column('user_id').execute();

  // When the current password was set; null = never recorded, counted from the account's creation.
  await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute();
  // Existing accounts start their 90 days at the upgrade, not at their creation.
  await db.updateTable('users').set({ password_changed_at: new Date().toISOString() }).execute();

  await db.schema.createIndex('sessions_last_seen').on('sessions').column('last_seen_at').execute();
}
