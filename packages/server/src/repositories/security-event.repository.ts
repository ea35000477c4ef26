/**
 * Security events for the security administrator (等保 item 13), derived from audit rows at the
 * moment they are appended, in the same transaction: lockouts, role changes, password resets and
 * changes, bursts of denied requests, a failed audit-chain verification. Each event notifies every
 * active security administrator whose region covers the user concerned.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { AuditLogTable } from '../db/schema.ts';
import { enqueueNotification } from '../notifications/outbox.ts';
import { parseRoles } from './user.repository.ts';

export type SecurityEventKind =
  | 'account_locked'
  | 'role_changed'
  | 'password_reset'
  | 'password_changed'
  | 'denied_burst'
  | 'audit_chain_broken';

/** A burst: this many denied requests from one user or one IP within the window. */
export const DENIED_BURST_COUNT = 10;
export const DENIED_BURST_MINUTES = 5;
/** The notification kind the web words from its params (event, user, ip). */
export const SECURITY_EVENT_NOTIFICATION = 'security_event';
export const SECURITY_EVENTS_LINK = '/admin/security-events';

type Row = Selectable<AuditLogTable>;
type Event = {
  kind: SecurityEventKind;
  userId: number | null;
  userName: string | null;
  details: Record<string, unknown>;
};

const obj = (s: string | null): Record<string, unknown> | null => {
  if (s === null) return null;
  const v = JSON.parse(s) as unknown;
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
};
const sortedRoles = (v: unknown) => (Array.isArray(v) ? [...(v as string[])].sort() : null);
const nameOf = (o: Record<string, unknown> | null) =>
  o && typeof o.displayName === 'string'
    ? o.displayName
    : o && typeof o.username === 'string'
      ? o.username
      : null;

/** The events one audit row raises by itself (a denied burst is counted separately). */
export function eventsOf(r: Row): Event[] {
  const userId = r.entityId !== null && /^\d+$/.test(r.entityId) ? Number(r.entityId) : null;
  if (r.action === 'account_locked' && r.entity === 'user')
    return [{ kind: 'account_locked', userId, userName: r.actorName, details: obj(r.after) ?? {} }];
  if (r.action === 'audit_verify' && r.outcome === 'failure')
    return [{ kind: 'audit_chain_broken', userId: null, userName: null, details: obj(r.after) ?? {} }];
  if (r.entity !== 'user' || r.action === 'create') return [];
  const before = obj(r.before);
  const after = obj(r.after);
  const subject = nameOf(after) ?? nameOf(before);
  const out: Event[] = [];
  const b = sortedRoles(before?.roles);
  const a = sortedRoles(after?.roles);
  if (b && a && JSON.stringify(b) !== JSON.stringify(a))
    out.push({
      kind: 'role_changed',
      userId,
      userName: subject,
      details: { before: b, after: a, by: r.actorName },
    });
  if (r.action === 'update_password_reset' || r.action === 'password_reset')
    out.push({ kind: 'password_reset', userId, userName: subject, details: { by: r.actorName } });
  if (r.action === 'password_changed')
    out.push({ kind: 'password_changed', userId, userName: subject ?? r.actorName, details: {} });
  return out;
}

async function deniedBurst(db: Db, r: Row): Promise<Event | null> {
  const since = new Date(Date.parse(r.at) - DENIED_BURST_MINUTES * 60_000).toISOString();
  const keys: Array<['actorId', number] | ['ip', string]> = [];
  if (r.actorId !== null) keys.push(['actorId', r.actorId]);
  if (r.ip !== null) keys.push(['ip', r.ip]);
  for (const [column, value] of keys) {
    const { n } = await db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'denied')
      .where('at', '>=', since)
      .where(column, '=', value)
      .executeTakeFirstOrThrow();
    if (Number(n) < DENIED_BURST_COUNT) continue;
    const already = await db
      .selectFrom('securityEvents')
      .select('id')
      .where('kind', '=', 'denied_burst')
      .where('at', '>=', since)
      .where(column === 'actorId' ? 'userId' : 'ip', '=', value)
      .executeTakeFirst();
    if (already) return null;
    return {
      kind: 'denied_burst',
      userId: r.actorId,
      userName: r.actorName,
      details: { count: Number(n), minutes: DENIED_BURST_MINUTES, by: column === 'actorId' ? 'user' : 'ip' },
    };
  }
  return null;
}

async function regionPathOf(db: Db, userId: number | null): Promise<string | null> {
  if (userId === null) return null;
  const row = await db
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.id', 'u.regionId')
    .select('r.path')
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return row?.path ?? null;
}

/** Active security administrators whose region covers `path` (all of them when it is null). */
export async function securityAdminsFor(db: Db, path: string | null): Promise<number[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.id', 'u.regionId')
    .select(['u.id', 'u.roles', 'r.path'])
    .where('u.active', '=', 1)
    .where('u.roles', 'like', '%"security_admin"%')
    .orderBy('u.id')
    .execute();
  return rows
    .filter((u) => parseRoles(u.roles).includes('security_admin'))
    .filter((u) => path === null || path.startsWith(u.path))
    .map((u) => u.id);
}

/** Called by the audit append for the rows it just wrote, inside its transaction. */
export async function noteSecurityEvents(db: Db, rows: readonly Row[]): Promise<void> {
  for (const r of rows) {
    const events = eventsOf(r);
    if (r.action === 'denied') {
      const burst = await deniedBurst(db, r);
      if (burst) events.push(burst);
    }
    for (const e of events) {
      const regionPath = await regionPathOf(db, e.userId);
      await db
        .insertInto('securityEvents')
        .values({
          at: r.at,
          kind: e.kind,
          auditId: r.id,
          userId: e.userId,
          userName: e.userName,
          ip: r.ip,
          regionPath,
          details: JSON.stringify(e.details),
        })
        .execute();
      const userIds = await securityAdminsFor(db, regionPath);
      if (userIds.length > 0)
        await enqueueNotification(db, {
          userIds,
          kind: SECURITY_EVENT_NOTIFICATION,
          params: { event: e.kind, user: e.userName ?? '', ip: r.ip ?? '' },
          link: SECURITY_EVENTS_LINK,
        });
    }
  }
}

/** Newest first, those concerning users in `path`'s subtree or no user at all. */
export async function findSecurityEvents(
  db: Db,
  path: string,
  q: { kind?: string; page: number; pageSize: number },
) {
  let query = db
    .selectFrom('securityEvents')
    .where((eb) => eb.or([eb('regionPath', 'is', null), eb('regionPath', 'like', `${path}%`)]));
  if (q.kind) query = query.where('kind', '=', q.kind);
  const { total } = await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      kind: r.kind as SecurityEventKind,
      auditId: r.auditId,
      userId: r.userId,
      userName: r.userName,
      ip: r.ip,
      details: r.details === null ? {} : (JSON.parse(r.details) as Record<string, unknown>),
    })),
  };
}
