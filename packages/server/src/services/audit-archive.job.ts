/**
 * The job `archive-audit`: audit rows older than the retention (GUATU_AUDIT_RETENTION_DAYS, at
 * least 183 days) move to `<dataDir>/audit-archive/audit-<firstSeq>-<lastSeq>.jsonl.gz`, one
 * stored row (with its seq, prevHash and hash) per line. The file is written, fsynced and renamed
 * into place BEFORE the rows are deleted, in one transaction with the `audit_archives` row that
 * records its range, count, first/last hash and sha256, and an audit row of the archive itself.
 * The segment is verified first: a broken chain is never archived (the job fails and says where).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { createHash, randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { JobContext, JobDefinition } from '../jobs/types.ts';
import {
  auditRowHash,
  deleteArchivedRows,
  findChainRange,
  findLiveSeqBounds,
  firstSeqAtOrAfter,
  GENESIS_HASH,
  insertArchive,
  lastArchive,
  lockAuditChain,
  recordAudit,
  type AuditRow,
} from '../repositories/audit.repository.ts';
import { AUDIT_ARCHIVE_DIR } from './audit.service.ts';

const PAGE = 2000;

/** One line of the archive: the stored row as it is in the database. */
export const archiveLine = (r: AuditRow) =>
  JSON.stringify({
    id: Number(r.id),
    seq: Number(r.seq),
    at: r.at,
    actorId: r.actorId,
    actorName: r.actorName,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
    ip: r.ip,
    requestId: r.requestId,
    outcome: r.outcome,
    prevHash: r.prevHash,
    hash: r.hash,
  });

async function fsyncPath(p: string, flags: string) {
  const h = await fsp.open(p, flags);
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

export async function archiveAudit(ctx: JobContext): Promise<Record<string, unknown>> {
  const { db, config, now } = ctx;
  const cutoff = new Date(now.getTime() - config.auditRetentionDays * 86_400_000).toISOString();
  const bounds = await findLiveSeqBounds(db);
  if (!bounds) return { archived: 0 };
  const keepFrom = await firstSeqAtOrAfter(db, cutoff);
  const lastSeq = keepFrom === null ? bounds.last : keepFrom - 1;
  if (lastSeq < bounds.first) return { archived: 0 };
  const firstSeq = bounds.first;

  const previous = await lastArchive(db);
  let prev = previous ? previous.lastHash : GENESIS_HASH;
  const startPrev = prev;
  let expected = previous ? Number(previous.lastSeq) + 1 : 1;

  const dir = path.join(config.dataDir, AUDIT_ARCHIVE_DIR);
  await fsp.mkdir(dir, { recursive: true });
  const fileName = `audit-${String(firstSeq).padStart(10, '0')}-${String(lastSeq).padStart(10, '0')}.jsonl.gz`;
  const final = path.join(dir, fileName);
  const tmp = `${final}.${randomBytes(4).toString('hex')}.tmp`;
  const gzip = zlib.createGzip();
  const sha = createHash('sha256');
  gzip.on('data', (c: Buffer) => sha.update(c));
  const written = pipeline(gzip, fs.createWriteStream(tmp, { flags: 'wx' }));
  let count = 0;
  let firstId = 0;
  let lastId = 0;
  let firstHash = '';
  try {
    for (let from = firstSeq; from <= lastSeq;) {
      const rows = await findChainRange(db, from, lastSeq, PAGE);
      if (rows.length === 0) break;
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq !== expected || r.prevHash !== prev || auditRowHash(r, r.prevHash) !== r.hash)
          throw new Error(
            `audit chain broken at row id ${r.id} (seq ${seq}): not archived; run audit-verify`,
          );
        if (count === 0) {
          firstId = Number(r.id);
          firstHash = r.hash;
        }
        lastId = Number(r.id);
        prev = r.hash;
        expected = seq + 1;
        count++;
        if (!gzip.write(`${archiveLine(r)}\n`)) await once(gzip, 'drain');
      }
      from = Number(rows.at(-1)!.seq) + 1;
    }
    gzip.end();
    await written;
    if (count !== lastSeq - firstSeq + 1)
      throw new Error(
        `audit rows ${firstSeq}–${lastSeq}: found ${count}, expected ${lastSeq - firstSeq + 1}`,
      );
    await fsyncPath(tmp, 'r+');
    await fsp.rename(tmp, final);
    await fsyncPath(dir, 'r');
  } catch (err) {
    gzip.destroy();
    await written.catch(() => {});
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  const fileSha256 = sha.digest('hex');

  const deleted = await db.transaction().execute(async (trx) => {
    await lockAuditChain(trx);
    const archiveId = await insertArchive(trx, {
      createdAt: now.toISOString(),
      firstSeq,
      lastSeq,
      firstId,
      lastId,
      rowCount: count,
      prevHash: startPrev,
      firstHash,
      lastHash: prev,
      fileName,
      fileSha256,
    });
    const n = await deleteArchivedRows(trx, firstSeq, lastSeq);
    if (n !== count) throw new Error(`audit archive: deleted ${n} rows, archived ${count}; rolled back`);
    await recordAudit(trx, null, {
      action: 'audit_archived',
      entity: 'audit_archive',
      entityId: archiveId,
      after: { firstSeq, lastSeq, rows: count, fileName, fileSha256, cutoff },
    });
    return n;
  });
  ctx.log(`archived ${deleted} audit rows (seq ${firstSeq}–${lastSeq}) to ${fileName}`);
  return { archived: deleted, fileName, firstSeq, lastSeq };
}

export const archiveAuditJob: JobDefinition = {
  name: 'archive-audit',
  schedule: '30 3 * * *',
  run: archiveAudit,
};
