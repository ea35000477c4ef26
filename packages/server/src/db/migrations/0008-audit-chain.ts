import type { Kysely } from 'kysely';
import { auditRowHash, GENESIS_HASH } from '../../repositories/audit.repository.ts';
import type { Engine } from '../connect.ts';

// The tamper-evident audit chain (issue 7, 等保 level 3): seq, hash, prev_hash, request_id,
// outcome on audit_log; rows written before this migration are numbered in id order and hashed
// here, so the chain starts at the very first row. Plus the archive register and security events.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const id = (t: any) =>
    engine === 'postgres'
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  for (const [name, type] of [
    ['seq', 'integer'],
    ['hash', 'text'],
    ['prev_hash', 'text'],
    ['request_id', 'text'],
  ] as const)
    await db.schema.alterTable('audit_log').addColumn(name, type).execute();
  await db.schema
    .alterTable('audit_log')
    .addColumn('outcome', 'text', (c: any) => c.notNull().defaultTo('success'))
    .execute();

  // Hash the rows already there, oldest first, in pages.
  let prev = GENESIS_HASH;
  let seq = 0;
  let lastId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      // The app's Kysely maps result columns to camelCase; a bare one leaves them snake_case.
      const r = Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k.replace(/([A-Z])/g, (c) => `_${c.toLowerCase()}`), v]),
      ) as Record<string, any>;
      const outcome = ['login_failed', 'account_locked'].includes(r.action) ? 'failure' : 'success';
      const fields = {
        seq: ++seq,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: r.before,
        after: r.after,
        ip: r.ip,
        requestId: null,
        outcome,
      };
      const hash = auditRowHash(fields, prev);
      await db
        .updateTable('audit_log')
        .set({ seq, hash, prev_hash: prev, outcome })
        .where('id', '=', r.id)
        .execute();
      prev = hash;
      lastId = Number(r.id);
    }
  }
  await db.schema.createIndex('audit_log_seq').unique().on('audit_log').column('seq').execute();
  await db.schema.createIndex('audit_log_action_at').on('audit_log').columns(['action', 'at']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'at']).execute();
  await db.schema.createIndex('audit_log_ip').on('audit_log').columns(['ip', 'at']).execute();

  await id(db.schema.createTable('audit_archives'))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('first_seq', 'integer', (c: any) => c.notNull())
    .addColumn('last_seq', 'integer', (c: any) => c.notNull().unique())
    .addColumn('first_id', 'integer', (c: any) => c.notNull())
    .addColumn('last_id', 'integer', (c: any) => c.notNull())
    .addColumn('row_count', 'integer', (c: any) => c.notNull())
    .addColumn('prev_hash', 'text', (c: any) => c.notNull())
    .addColumn('first_hash', 'text', (c: any) => c.notNull())
    .addColumn('last_hash', 'text', (c: any) => c.notNull())
    .addColumn('file_name', 'text', (c: any) => c.notNull())
    .addColumn('file_sha256', 'text', (c: any) => c.notNull())
    .execute();

  await id(db.schema.createTable('security_events'))
    .addColumn('at', 'text', (c: any) => c.notNull())
    .addColumn('kind', 'text', (c: any) => c.notNull())
    .addColumn('audit_id', 'integer')
    .addColumn('user_id', 'integer')
    .addColumn('user_name', 'text')
    .addColumn('ip', 'text')
    .addColumn('region_path', 'text')
    .addColumn('details', 'text')
    .execute();
  await db.schema.createIndex('security_events_at').on('security_events').column('at').execute();
}
