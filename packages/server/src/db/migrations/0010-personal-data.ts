import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// 个人信息加密 (issue 7, item 11). users.phone and projects.contact_phone stay text columns and now
// hold encrypted values (crypto/personal-data.ts). A migration cannot read the key, so existing
// plain values are encrypted by a start-up step (runtime.ts → encryptLegacyPersonalData) instead.
// This table keeps the key-check value of the key the data is encrypted with, so that a start
// with another key (a lost key file, a mistyped GUATU_DATA_KEY) is refused instead of mixing keys.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema
    .createTable('data_keys')
    .addColumn('purpose', 'text', (c: any) => c.primaryKey())
    .addColumn('fingerprint', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .execute();
}
