import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// A TOTP code is accepted once (RFC 6238 §5.2): the last accepted time step (30 s counter since
// the Unix epoch) per user; a code of that step or an earlier one is refused. Null: none yet.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema.alterTable('user_mfa').addColumn('totp_last_step', 'integer').execute();
}
