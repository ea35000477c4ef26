/**
 * The audit log: an append-only, tamper-evident chain (等保 level 3). Every row stores `hash` =
 * SHA-256 of its canonical content and of the previous row's hash (`prevHash`); `seq` numbers the
 * rows 1, 2, 3… without gaps, archived rows included. Appends are serialised so the chain never
 * forks: on PostgreSQL by a transaction-scoped advisory lock taken before the tail is read, on
 * SQLite by its single writer. There is no update or delete here except the archive's removal of
 * rows already written (and fsynced) to an archive file; no route updates or deletes a row.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { AuditActionName, AuditEntityName, AuditQuery, AuditStatsQuery } from '@guatu/contracts';
import { PostgresAdapter, sql, type Selectable } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { AuditArchiveTable, AuditLogTable } from '../db/schema.ts';
import type { Actor } from '../policies/actor.ts';
import { noteSecurityEvents } from './security-event.repository.ts';

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** Names only from the audit catalogue (contracts/src/audit-catalogue.ts), which labels them. */
export type AuditInput = {
  action: AuditActionName;
  entity: AuditEntityName;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  /** Default: 'denied' for action 'denied', 'failure' for failed sign-ins and lockouts, else 'success'. */
  outcome?: AuditOutcome;
};

export type AuditActor = Pick<Actor, 'id' | 'displayName' | 'ip'> & { requestId?: string | null };
export type AuditRow = Selectable<AuditLogTable>;
export type AuditArchiveRow = Selectable<AuditArchiveTable>;

/** The request an audit row is written for (set per request by app.ts): the fallback IP and request id. */
export const auditRequestContext = new AsyncLocalStorage<{ requestId: string; ip: string | null }>();

/** The prevHash of the first row of the chain. */
export const GENESIS_HASH = '0'.repeat(64);
/** pg_advisory_xact_lock key serialising audit appends (any constant shared by every app server). */
const CHAIN_LOCK = 7_310_402_611;

const failureActions = new Set(['login_failed', 'account_locked', 'mfa_failed', 'login_refused_demo_remote']);
export const defaultOutcome = (action: string): AuditOutcome =>
  action === 'denied' ? 'denied' : failureActions.has(action) ? 'failure' : 'success';

/** The fields a row's hash covers, as stored (before/after are the stored JSON text). */
export type ChainFields = Pick<
  AuditRow,
  | 'seq'
  | 'at'
  | 'actorId'
  | 'actorName'
  | 'action'
  | 'entity'
  | 'entityId'
  | 'before'
  | 'after'
  | 'ip'
  | 'requestId'
  | 'outcome'
>;

/** SHA-256 (hex) over a canonical serialisation: a JSON array in a fixed order, then the previous hash. */
export function auditRowHash(r: ChainFields, prevHash: string): string {
  const canonical = JSON.stringify([
    'guatu-audit-v1',
    Number(r.seq),
    r.at,
    r.actorId === null ? null : Number(r.actorId),
    r.actorName,
    r.action,
    r.entity,
    r.entityId,
    r.before,
    r.after,
    r.ip,
    r.requestId,
    r.outcome,
    prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The last link of the chain: the newest live row, else the newest archive, else the genesis. */
async function chainTail(db: Db): Promise<{ seq: number; hash: string }> {
  const last = await db
    .selectFrom('auditLog')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last) return { seq: Number(last.seq), hash: last.hash };
  const archived = await lastArchive(db);
  if (archived) return { seq: Number(archived.lastSeq), hash: archived.lastHash };
  return { seq: 0, hash: GENESIS_HASH };
}

/** Takes the chain's lock for the rest of the transaction (PostgreSQL; SQLite has one writer). */
export async function lockAuditChain(trx: Db) {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * Appends rows to the chain inside `db`'s transaction (or a transaction of its own), so an audit
 * failure fails the caller's whole transaction. Returns the rows as stored.
 */
export async function appendAudit(
  db: Db,
  actor: AuditActor | null,
  entries: readonly AuditInput[],
  at?: string,
): Promise<AuditRow[]> {
  if (entries.length === 0) return [];
  if (!db.isTransaction) return db.transaction().execute((trx) => appendAudit(trx, actor, entries, at));
  await lockAuditChain(db);
  let { seq, hash } = await chainTail(db);
  const ctx = auditRequestContext.getStore();
  const stamp = at ?? new Date().toISOString();
  const rows = entries.map((e) => {
    const fields: ChainFields = {
      seq: ++seq,
      at: stamp,
      actorId: actor && actor.id > 0 ? actor.id : null,
      actorName: actor?.displayName || null,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId === null ? null : String(e.entityId),
      before: json(e.before),
      after: json(e.after),
      ip: actor?.ip ?? ctx?.ip ?? null,
      requestId: actor?.requestId ?? ctx?.requestId ?? null,
      outcome: e.outcome ?? defaultOutcome(e.action),
    };
    const prevHash = hash;
    hash = auditRowHash(fields, prevHash);
    return { ...fields, prevHash, hash };
  });
  const stored: AuditRow[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const ids = await db.insertInto('auditLog').values(chunk).returning('id').execute();
    chunk.forEach((r, k) => stored.push({ ...r, id: Number(ids[k]!.id) }));
  }
  await noteSecurityEvents(db, stored);
  return stored;
}

/** Appends one row; everyone calls this (the chain, IP, request id and outcome are filled here). */
export async function recordAudit(db: Db, actor: AuditActor | null, e: AuditInput) {
  await appendAudit(db, actor, [e]);
}

// ---- reading ----------------------------------------------------------------

const dayStart = (s: string) => (s.length === 10 ? `${s}T00:00:00.000Z` : new Date(s).toISOString());
const dayEnd = (s: string) => (s.length === 10 ? `${s}T23:59:59.999Z` : new Date(s).toISOString());
const parse = (s: string | null) => (s === null ? null : (JSON.parse(s) as unknown));

type Filters = Omit<AuditQuery, 'page' | 'pageSize'>;

function filtered(db: Db, q: Filters) {
  let query = db.selectFrom('auditLog');
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entityId', '=', q.entityId);
  if (q.actorId) query = query.where('actorId', '=', q.actorId);
  if (q.actorName) query = query.where('actorName', '=', q.actorName);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.outcome) query = query.where('outcome', '=', q.outcome);
  if (q.ip) query = query.where('ip', '=', q.ip);
  if (q.requestId) query = query.where('requestId', '=', q.requestId);
  if (q.from) query = query.where('at', '>=', dayStart(q.from));
  if (q.to) query = query.where('at', '<=', dayEnd(q.to));
  return query;
}

const present = (r: AuditRow) => ({
  id: Number(r.id),
  seq: Number(r.seq),
  at: r.at,
  actorId: r.actorId,
  actorName: r.actorName,
  action: r.action,
  entity: r.entity,
  entityId: r.entityId,
  before: parse(r.before),
  after: parse(r.after),
  ip: r.ip,
  requestId: r.requestId,
  outcome: r.outcome as AuditOutcome,
  hash: r.hash,
});

export async function findAudit(db: Db, q: AuditQuery) {
  const query = filtered(db, q);
  const { total } = await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total: Number(total), items: rows.map(present) };
}

/** The filtered rows, newest first, at most `limit` (the export). */
export async function findAuditRows(db: Db, q: Filters, limit: number) {
  const rows = await filtered(db, q).selectAll().orderBy('seq', 'desc').limit(limit).execute();
  return rows.map(present);
}

/** Everyone who appears as an actor, for the auditor's user picker. */
export async function findAuditActors(db: Db) {
  const rows = await db
    .selectFrom('auditLog')
    .select(['actorId', 'actorName'])
    .where('actorName', 'is not', null)
    .groupBy(['actorId', 'actorName'])
    .orderBy('actorName')
    .execute();
  return rows.map((r) => ({ id: r.actorId, name: r.actorName! }));
}

/** Counts by action, by actor, by outcome and by (UTC) day over a date range. */
export async function auditStats(db: Db, q: AuditStatsQuery) {
  const base = filtered(db, { from: q.from, to: q.to });
  const [byAction, byActor, byOutcome, byDay, total] = await Promise.all([
    base
      .select(['action', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('action')
      .orderBy('action')
      .execute(),
    base
      .select(['actorId', 'actorName', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy(['actorId', 'actorName'])
      .orderBy('actorName')
      .execute(),
    base
      .select(['outcome', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('outcome')
      .orderBy('outcome')
      .execute(),
    base
      .select([sql<string>`substr(at, 1, 10)`.as('day'), (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy(sql`substr(at, 1, 10)`)
      .orderBy(sql`substr(at, 1, 10)`)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.count),
    byAction: byAction.map((r) => ({ action: r.action, count: Number(r.count) })),
    byActor: byActor.map((r) => ({ actorId: r.actorId, actorName: r.actorName, count: Number(r.count) })),
    byOutcome: byOutcome.map((r) => ({ outcome: r.outcome as AuditOutcome, count: Number(r.count) })),
    byDay: byDay.map((r) => ({ day: r.day, count: Number(r.count) })),
  };
}

// ---- the chain: verification and archive ----------------------------------

/** Live rows in chain order after `afterSeq`, one page at a time. */
export async function findChainPage(db: Db, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db
    .selectFrom('auditLog')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function countAuditRows(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function lastArchive(db: Db): Promise<AuditArchiveRow | undefined> {
  return db.selectFrom('auditArchives').selectAll().orderBy('lastSeq', 'desc').limit(1).executeTakeFirst();
}

export async function findArchives(db: Db): Promise<AuditArchiveRow[]> {
  return db.selectFrom('auditArchives').selectAll().orderBy('firstSeq').execute();
}

/** The first and last seq of the live (not archived) rows; null when none are live. */
export async function findLiveSeqBounds(db: Db): Promise<{ first: number; last: number } | null> {
  const r = await db
    .selectFrom('auditLog')
    .select((eb) => [eb.fn.min('seq').as('first'), eb.fn.max('seq').as('last')])
    .executeTakeFirstOrThrow();
  return r.first === null || r.last === null ? null : { first: Number(r.first), last: Number(r.last) };
}

/** The seq of the oldest live row stamped at or after `cutoff` (rows before it may be archived). */
export async function firstSeqAtOrAfter(db: Db, cutoff: string): Promise<number | null> {
  const row = await db
    .selectFrom('auditLog')
    .select('seq')
    .where('at', '>=', cutoff)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.seq) : null;
}

/** Live rows with seq in [from, to], in chain order, one page at a time. */
export async function findChainRange(db: Db, fromSeq: number, toSeq: number, limit: number) {
  return db
    .selectFrom('auditLog')
    .selectAll()
    .where('seq', '>=', fromSeq)
    .where('seq', '<=', toSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function insertArchive(db: Db, a: Omit<AuditArchiveRow, 'id'>): Promise<number> {
  const { id } = await db.insertInto('auditArchives').values(a).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** Removes rows already written to an archive file (the archive job only). */
export async function deleteArchivedRows(db: Db, fromSeq: number, toSeq: number): Promise<number> {
  const res = await db
    .deleteFrom('auditLog')
    .where('seq', '>=', fromSeq)
    .where('seq', '<=', toSeq)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
