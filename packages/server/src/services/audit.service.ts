/**
 * The audit log for the auditor (三员分立: only the auditor reads it): filtered list, statistics,
 * Excel export and the chain verification — each of them itself audited — plus the denied-request
 * record written by the app's error handler.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type {
  AuditExportQuery,
  AuditQuery,
  AuditStatsQuery,
  AuditVerifyResult,
  SecurityEventQuery,
} from '@guatu/contracts';
import { loadExcelJS } from '../excel/exceljs.ts';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { translate, type Lang } from '../messages.ts';
import { hasRole, type Actor } from '../policies/actor.ts';
import {
  auditRowHash,
  auditStats as countAudit,
  findArchives,
  findAudit,
  findAuditActors,
  findAuditRows,
  findChainPage,
  GENESIS_HASH,
  recordAudit,
  type AuditActor,
} from '../repositories/audit.repository.ts';
import { findSecurityEvents } from '../repositories/security-event.repository.ts';

/** The export's row limit (an .xlsx sheet holds about a million; the auditor narrows by filters). */
export const AUDIT_EXPORT_LIMIT = 100_000;
export const AUDIT_ARCHIVE_DIR = 'audit-archive';

const requireAuditor = (actor: Actor) => {
  if (!hasRole(actor, 'auditor')) throw new AppError('audit_auditor_only');
};

/** The filters as given, without empty ones (what an audit_query row records). */
const givenFilters = (q: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== ''));

/** Only the auditor reads the audit log; every query is itself recorded ('audit_query'). */
export async function listAudit(db: Db, actor: Actor, q: AuditQuery) {
  requireAuditor(actor);
  const page = await findAudit(db, q);
  await recordAudit(db, actor, {
    action: 'audit_query',
    entity: 'audit_log',
    entityId: null,
    after: { view: 'list', filters: givenFilters(q), total: page.total },
  });
  return page;
}

export async function auditActors(db: Db, actor: Actor) {
  requireAuditor(actor);
  return { items: await findAuditActors(db) };
}

/** Counts by action, actor, outcome and day; the query itself is recorded after counting. */
export async function auditStatistics(db: Db, actor: Actor, q: AuditStatsQuery) {
  requireAuditor(actor);
  const stats = await countAudit(db, q);
  await recordAudit(db, actor, {
    action: 'audit_query',
    entity: 'audit_log',
    entityId: null,
    after: { view: 'stats', filters: givenFilters(q), total: stats.total },
  });
  return stats;
}

const outcomeNames: Record<string, string> = { success: '成功', failure: '失败', denied: '拒绝' };

/** The filtered rows as .xlsx with Chinese headers; recorded ('export', with the filters and row count). */
export async function exportAudit(db: Db, actor: Actor, q: AuditExportQuery, now: Date) {
  requireAuditor(actor);
  const rows = await findAuditRows(db, q, AUDIT_EXPORT_LIMIT);
  const wb = new (await loadExcelJS()).Workbook();
  wb.created = now;
  const ws = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '序号', key: 'seq', width: 10 },
    { header: '编号', key: 'id', width: 10 },
    { header: '时间', key: 'at', width: 26 },
    { header: '操作人', key: 'actorName', width: 14 },
    { header: '操作人编号', key: 'actorId', width: 10 },
    { header: '操作', key: 'action', width: 22 },
    { header: '结果', key: 'outcome', width: 8 },
    { header: '对象类型', key: 'entity', width: 14 },
    { header: '对象编号', key: 'entityId', width: 14 },
    { header: 'IP地址', key: 'ip', width: 18 },
    { header: '请求编号', key: 'requestId', width: 14 },
    { header: '修改前', key: 'before', width: 40 },
    { header: '修改后', key: 'after', width: 40 },
    { header: '哈希', key: 'hash', width: 66 },
  ];
  ws.getRow(1).font = { bold: true };
  const text = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
  for (const r of rows)
    ws.addRow({
      ...r,
      outcome: outcomeNames[r.outcome] ?? r.outcome,
      before: text(r.before),
      after: text(r.after),
    });
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  await recordAudit(db, actor, {
    action: 'export',
    entity: 'audit_log',
    entityId: null,
    after: { filters: givenFilters(q), rows: rows.length },
  });
  const day = now.toISOString().slice(0, 10);
  return { fileName: `审计日志-${day}.xlsx`, data, rows: rows.length };
}

// ---- chain verification ------------------------------------------------------

const sha256File = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * Walks the chain: each archive register row (its file's sha256 when `dataDir` is given), then
 * every live row from the last archived hash on. Names the first broken row: content changed
 * (hash does not match the content), link broken (prevHash is not the previous row's hash) or a
 * row missing (a gap in seq).
 */
export async function verifyAuditChain(db: Db, opts: { dataDir?: string } = {}): Promise<AuditVerifyResult> {
  let prev = GENESIS_HASH;
  let expected = 1;
  let archived = 0;
  let count = 0;
  const broken = (b: NonNullable<AuditVerifyResult['broken']>): AuditVerifyResult => ({
    ok: false,
    count,
    archived,
    broken: b,
  });
  for (const a of await findArchives(db)) {
    const at = { id: null, archive: a.fileName };
    if (Number(a.firstSeq) !== expected)
      return broken({ ...at, seq: Number(a.firstSeq), reason: 'row_missing', expectedSeq: expected });
    if (a.prevHash !== prev)
      return broken({ ...at, seq: Number(a.firstSeq), reason: 'link_broken', expectedSeq: null });
    if (opts.dataDir) {
      const file = path.join(opts.dataDir, AUDIT_ARCHIVE_DIR, a.fileName);
      if (!fs.existsSync(file) || sha256File(file) !== a.fileSha256)
        return broken({ ...at, seq: Number(a.firstSeq), reason: 'archive_changed', expectedSeq: null });
    }
    prev = a.lastHash;
    expected = Number(a.lastSeq) + 1;
    archived += Number(a.rowCount);
  }
  let after = expected - 1;
  for (;;) {
    const rows = await findChainPage(db, after, 2000);
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      const at = { id: Number(r.id), seq, archive: null };
      if (auditRowHash(r, r.prevHash) !== r.hash)
        return broken({ ...at, reason: 'content_changed', expectedSeq: null });
      if (seq !== expected) return broken({ ...at, reason: 'row_missing', expectedSeq: expected });
      if (r.prevHash !== prev) return broken({ ...at, reason: 'link_broken', expectedSeq: null });
      prev = r.hash;
      expected = seq + 1;
      after = seq;
      count++;
    }
  }
  return { ok: true, count, archived, broken: null };
}

/** Verifies and records the result ('audit_verify'; a failure raises a security event). */
export async function verifyAndRecord(
  db: Db,
  actor: AuditActor | null,
  dataDir: string,
): Promise<AuditVerifyResult> {
  const result = await verifyAuditChain(db, { dataDir });
  await recordAudit(db, actor, {
    action: 'audit_verify',
    entity: 'audit_log',
    entityId: result.broken?.id ?? null,
    after: result,
    outcome: result.ok ? 'success' : 'failure',
  });
  return result;
}

/** GET /api/audit/verify: the auditor checks the chain. */
export async function verifyForAuditor(db: Db, actor: Actor, dataDir: string) {
  requireAuditor(actor);
  return verifyAndRecord(db, actor, dataDir);
}

// ---- denied requests and security events -------------------------------------

/** A 403 answer, recorded by the app's error handler (the actor when the session was known). */
export async function recordDenied(
  db: Db,
  d: {
    actor: Actor | null;
    ip: string | null;
    requestId: string;
    method: string;
    route: string;
    code: string;
  },
) {
  // An unknown requester: no actor id or name, but the IP and request id all the same.
  const who = d.actor
    ? { id: d.actor.id, displayName: d.actor.displayName, ip: d.ip, requestId: d.requestId }
    : { id: 0, displayName: '', ip: d.ip, requestId: d.requestId };
  await recordAudit(db, who, {
    action: 'denied',
    entity: 'route',
    entityId: `${d.method} ${d.route}`,
    after: { method: d.method, route: d.route, code: d.code },
    outcome: 'denied',
  });
}

/** Only the security administrator reads security events, within his region. */
export async function listSecurityEvents(db: Db, actor: Actor, q: SecurityEventQuery) {
  if (!hasRole(actor, 'security_admin')) throw new AppError('security_admin_only');
  return findSecurityEvents(db, actor.regionPath, q);
}

/** What `npm run guatu -- audit-verify` prints, in the operator's language. */
export function verifyReport(r: AuditVerifyResult, lang: Lang = 'zh-CN'): string {
  const total = r.count + r.archived;
  if (r.ok)
    return r.archived
      ? translate('audit_verify_ok_archived', lang, { total, archived: r.archived, live: r.count })
      : translate('audit_verify_ok', lang, { total });
  const b = r.broken!;
  const where = b.archive
    ? translate('audit_verify_at_archive', lang, { archive: b.archive, seq: b.seq ?? '' })
    : translate('audit_verify_at_row', lang, { id: b.id ?? '', seq: b.seq ?? '' });
  const reason = translate(`audit_verify_${b.reason}`, lang, { expected: b.expectedSeq ?? '' });
  return translate('audit_verify_broken', lang, { where, reason });
}

/** An export leaves the system: recorded with its filters and row count ('export'). */
export async function recordExport(
  db: Db,
  actor: Actor,
  what: 'ledger' | 'war_chart' | 'audit_log' | 'dispatch_round',
  filters: Record<string, unknown>,
  rows: number,
) {
  await recordAudit(db, actor, {
    action: 'export',
    entity: what,
    entityId: null,
    after: { filters: givenFilters(filters), rows },
  });
}
