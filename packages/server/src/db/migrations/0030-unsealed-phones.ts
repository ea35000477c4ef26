import { sql, type Kysely } from 'kysely';

// Issue 11 (start-up): every start looks for phone numbers still stored in plain text
// (crypto/data-key.ts) with the same condition as this index's (personal-data.repository.ts:
// findUnsealedPersonalValues); without it that read scanned all 50,000 projects' rows (~20 ms of
// each start). The index holds only such projects — none once the first start has sealed them —
// so the read is answered from an empty index. Both engines use a partial index whose condition
// the query repeats word for word; a query that stopped matching would still be right, only slower.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index projects_unsealed_phone on projects (id) where contact_phone is not null and substr(contact_phone, 1, 7) not in ('sm4:v1:', 'gcm:v1:')`.execute(
    db,
  );
}
