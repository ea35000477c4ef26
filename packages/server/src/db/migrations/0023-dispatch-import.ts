import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// The import sessions of issue 10 item 6 share the ledger import's upload table: `kind` tells a
// ledger upload ('ledger', every row so far) from a dispatch table's ('dispatch'), whose round is
// `round_id`. Each import reads only its own kind.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema
    .alterTable('import_uploads')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('ledger'))
    .execute();
  await db.schema.alterTable('import_uploads').addColumn('round_id', 'integer').execute();
}
