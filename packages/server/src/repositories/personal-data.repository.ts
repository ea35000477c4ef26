import type { Db } from '../db/connect.ts';
import { sql } from 'kysely';
import { openPersonal, SEALED_PREFIXES, type PersonalField } from '../crypto/personal-data.ts';

// The encrypted columns, read and written as stored; the codec (crypto/personal-data.ts) turns them
// into plain text. Other repositories seal on write and open on read through the same codec.

export async function findDataKeyFingerprint(db: Db, purpose: string): Promise<string | null> {
  const row = await db
    .selectFrom('dataKeys')
    .where('purpose', '=', purpose)
    .select('fingerprint')
    .executeTakeFirst();
  return row?.fingerprint ?? null;
}

export async function insertDataKeyFingerprint(db: Db, purpose: string, fingerprint: string, at: string) {
  await db.insertInto('dataKeys').values({ purpose, fingerprint, createdAt: at }).execute();
}

export type StoredValue = { field: PersonalField; id: number; value: string };

/**
 * The reads of the stored values of the encrypted columns that do not start as an encrypted value
 * does (the start-up step encrypts them). Picked in SQL, with the condition of migration 0030's
 * partial index word for word: every start runs this, and reading all 50,000 projects' rows to find
 * none was ~20 ms of each start (issue 11).
 */
export function unsealedPhoneReads(db: Db) {
  const length = SEALED_PREFIXES[0].length;
  const unsealed = (column: string) =>
    sql<boolean>`substr(${sql.ref(column)}, 1, ${sql.lit(length)}) not in (${sql.join(SEALED_PREFIXES.map((p) => sql.lit(p)))})`;
  return {
    users: db
      .selectFrom('users')
      .where('phone', 'is not', null)
      .where(unsealed('phone'))
      .select(['id', 'phone']),
    projects: db
      .selectFrom('projects')
      .where('contactPhone', 'is not', null)
      .where(unsealed('contact_phone'))
      .select(['id', 'contactPhone']),
  };
}

export async function findUnsealedPersonalValues(db: Db): Promise<StoredValue[]> {
  const reads = unsealedPhoneReads(db);
  const [users, projects] = await Promise.all([reads.users.execute(), reads.projects.execute()]);
  return [
    ...users.map((u) => ({ field: 'users.phone' as const, id: u.id, value: u.phone! })),
    ...projects.map((p) => ({ field: 'projects.contact_phone' as const, id: p.id, value: p.contactPhone! })),
  ];
}

/** Rewrites one stored value in place: a storage change, not an edit, so no version bump. */
export async function rewriteStoredValue(db: Db, v: StoredValue): Promise<void> {
  if (v.field === 'users.phone')
    await db.updateTable('users').set({ phone: v.value }).where('id', '=', v.id).execute();
  else await db.updateTable('projects').set({ contactPhone: v.value }).where('id', '=', v.id).execute();
}

/** A project's contact phone in plain text (for the audited view only). */
export async function findProjectContactPhone(db: Db, id: number): Promise<string | null> {
  const row = await db.selectFrom('projects').where('id', '=', id).select('contactPhone').executeTakeFirst();
  return openPersonal('projects.contact_phone', row?.contactPhone ?? null, id);
}

/** A user's phone in plain text (for the audited view only). */
export async function findUserPhone(db: Db, id: number): Promise<string | null> {
  const row = await db.selectFrom('users').where('id', '=', id).select('phone').executeTakeFirst();
  return openPersonal('users.phone', row?.phone ?? null, id);
}
