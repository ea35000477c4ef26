import type { AuditQuery } from '@guatu/contracts';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../policies/actor.ts';

export type AuditInput = {
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
};

/** Appends one row; there is no update or delete in this repository, nor any route for them. */
export async function recordAudit(
  db: Db,
  actor: Pick<Actor, 'id' | 'displayName' | 'ip'> | null,
  e: AuditInput,
) {
  await db
    .insertInto('auditLog')
    .values({
      at: new Date().toISOString(),
      actorId: actor && actor.id > 0 ? actor.id : null,
      actorName: actor?.displayName ?? null,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId === null ? null : String(e.entityId),
      before: e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
      after: e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
      ip: actor?.ip ?? null,
    })
    .execute();
}

const dayStart = (s: string) => (s.length === 10 ? `${s}T00:00:00.000Z` : new Date(s).toISOString());
const dayEnd = (s: string) => (s.length === 10 ? `${s}T23:59:59.999Z` : new Date(s).toISOString());

export async function findAudit(db: Db, q: AuditQuery) {
  let query = db.selectFrom('auditLog');
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entityId', '=', q.entityId);
  if (q.actorId) query = query.where('actorId', '=', q.actorId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.from) query = query.where('at', '>=', dayStart(q.from));
  if (q.to) query = query.where('at', '<=', dayEnd(q.to));
  const [{ total }] = (await query.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [
    { total: number },
  ];
  const rows = await query
    .selectAll()
    .orderBy('id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const parse = (s: string | null) => (s === null ? null : (JSON.parse(s) as unknown));
  return {
    total: Number(total),
    items: rows.map((r) => ({ ...r, before: parse(r.before), after: parse(r.after) })),
  };
}
