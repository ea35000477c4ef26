/**
 * Importing a filled dispatch table (调度表) into a round (issue 10, item 6), through the ledger
 * import's machinery: the upload is read off-thread within the upload limits and the zip guard
 * (excel/read-spreadsheet.ts), the header found by the ledger's detection, the sheets kept for an
 * hour in import_uploads (kind 'dispatch', bound to the round and the user); the preview plans every
 * row (domain dispatch/import-table.ts); the commit plans again inside its transaction and writes
 * all or nothing. Only the round's admin imports, and only while the round is open.
 *
 * A report a task force submitted (or the admin accepted) is never overwritten silently: a row that
 * differs from it is a conflict, kept unless the commit says `overwrite`. Reports are stored as
 * submitted by the importing admin, late as any report (a returned or overwritten report keeps its
 * mark), each with a kept version and an audit row noting `source: 'import'`, plus one summary row.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type {
  DispatchImportCommitRequest,
  DispatchImportCounts,
  DispatchImportPreview,
  DispatchImportPreviewRequest,
  DispatchImportResult,
  DispatchImportRow,
} from '@guatu/contracts';
import {
  detectHeader,
  isLate,
  mapDispatchColumns,
  parseDispatchRows,
  planDispatchImport,
  roundStatus,
  shanghaiToday,
  type DispatchColumn,
  type DispatchImportField,
  type DispatchImportTarget,
  type DispatchPlannedRow,
  type DispatchSkipped,
} from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import { readSpreadsheet, type SheetGrid } from '../excel/read-spreadsheet.ts';
import { AppError } from '../errors.ts';
import { translate, type Lang, type MessageKey } from '../messages.ts';
import type { Actor } from '../policies/actor.ts';
import { canManageRound, canSeeRound } from '../policies/dispatch.policy.ts';
import { canReadLedger } from '../policies/project.policy.ts';
import { appendAudit, type AuditInput } from '../repositories/audit.repository.ts';
import * as store from '../repositories/dispatch-import.repository.ts';
import * as reportRepo from '../repositories/dispatch-report.repository.ts';
import * as repo from '../repositories/dispatch.repository.ts';
import { buildRoundTable } from './dispatch-table.service.ts';
import { chooseSheet } from './ledger-import-prepare.ts';
import { versionConflict } from './version-conflict.ts';

const SESSION_TTL_MS = 60 * 60 * 1000;

/** The round, when the actor is its admin and it is open (404 unseen, 403 not its admin, 409 closed). */
async function managedRound(db: Db, actor: Actor, roundId: number, now: Date): Promise<repo.RoundRow> {
  if (!canReadLedger(actor)) throw new AppError('forbidden');
  const round = await repo.findRoundById(db, roundId);
  if (!round || !canSeeRound(actor, round)) throw new AppError('not_found', { entity: 'dispatchRound' });
  if (!canManageRound(actor, round)) throw new AppError('forbidden');
  const status = roundStatus(
    {
      deadline: round.deadline,
      closedAt: round.status === 'closed' ? (round.closedAt ?? round.updatedAt) : null,
      reopened: round.reopenedAt !== null,
    },
    shanghaiToday(now),
  );
  if (status === 'closed') throw new AppError('dispatch_round_closed', { month: round.month });
  return round;
}

type Planned = {
  sheet: SheetGrid;
  columns: DispatchColumn[];
  skipped: DispatchSkipped[];
  plan: DispatchPlannedRow[];
  names: Map<number, string>;
};

/** Detects, maps, reads and plans the file against the round's table as it is now (in `db`). */
async function prepare(
  db: Db,
  actor: Actor,
  round: repo.RoundRow,
  sheets: readonly SheetGrid[],
  mapping: DispatchImportPreviewRequest['mapping'],
  now: Date,
): Promise<Planned> {
  const sheet = chooseSheet(sheets, undefined);
  const header = detectHeader(sheet.grid);
  if (!header.found) throw new AppError('import_no_header', { sheet: sheet.name });
  const columns = mapDispatchColumns(header, mapping ?? []);
  if (!columns.some((c) => c.field === 'name'))
    throw new AppError('import_mapping', { reason: 'name_unmapped' });
  const { records, skipped } = parseDispatchRows(sheet.grid, header, columns);
  const [{ table, projects }, months] = await Promise.all([
    buildRoundTable(db, actor, round.id, now),
    reportRepo.findReportedMonths(db, round.regionId, round.year, round.month),
  ]);
  const monthsOf = new Map<number, Array<{ month: string; amount: number }>>();
  for (const m of months) monthsOf.set(m.projectId, [...(monthsOf.get(m.projectId) ?? []), m]);
  const targets: DispatchImportTarget[] = table.rows.map((r) => {
    const p = projects.get(r.projectId);
    return {
      projectId: r.projectId,
      name: r.name,
      annualPlan: r.annualPlan,
      completedThisMonth: r.completedThisMonth,
      progressText: r.progressText,
      problems: r.problems,
      nextMonthPlan: r.nextMonthPlan,
      reportStatus: r.reportStatus,
      starting:
        p && p.reportedYtd !== null && p.reportedAsOf !== null
          ? { ytd: p.reportedYtd, asOf: p.reportedAsOf }
          : null,
      otherMonths: monthsOf.get(r.projectId) ?? [],
    };
  });
  const letters: Partial<Record<DispatchImportField, string>> = {};
  for (const c of columns) if (c.field) letters[c.field] = c.letter;
  const plan = planDispatchImport(round.month, records, targets, letters);
  return { sheet, columns, skipped, plan, names: new Map(targets.map((t) => [t.projectId, t.name])) };
}

function countPlan(p: Planned): DispatchImportCounts {
  const counts = { rows: p.plan.length, new: 0, replace: 0, conflict: 0, unchanged: 0, error: 0 };
  let warnings = 0;
  for (const r of p.plan) {
    counts[r.action]++;
    warnings += r.issues.filter((i) => i.severity === 'warning').length;
  }
  return { ...counts, skipped: p.skipped.length, warnings };
}

function presentRow(p: Planned, r: DispatchPlannedRow, lang: Lang): DispatchImportRow {
  return {
    row: r.row,
    name: r.name,
    projectId: r.projectId,
    projectName: r.projectId === null ? null : (p.names.get(r.projectId) ?? null),
    action: r.action,
    reportStatus: r.reportStatus,
    before: r.before,
    next: r.next,
    issues: r.issues.map((i) => ({
      row: r.row,
      column: i.column,
      code: i.code,
      severity: i.severity,
      params: i.params,
      message: translate(`dispatch_import_issue_${i.code}` as MessageKey, lang, i.params),
    })),
  };
}

function present(
  p: Planned,
  round: repo.RoundRow,
  session: { id: string; fileName: string; expiresAt: string },
  lang: Lang,
): DispatchImportPreview {
  return {
    sessionId: session.id,
    roundId: round.id,
    month: round.month,
    fileName: session.fileName,
    expiresAt: session.expiresAt,
    sheet: p.sheet.name,
    columns: p.columns.map((c) => ({ index: c.index, letter: c.letter, label: c.label, field: c.field })),
    counts: countPlan(p),
    rows: p.plan.map((r) => presentRow(p, r, lang)),
    unmatched: p.plan.flatMap((r) =>
      r.issues.some((i) => i.code === 'unknown_project') && r.name !== null ? [r.name] : [],
    ),
    skipped: p.skipped,
  };
}

/** Reads the upload (limits, zip guard, off-thread), plans it and keeps it as a session for an hour. */
export async function uploadDispatchTable(
  db: Db,
  actor: Actor,
  roundId: number,
  file: { data: Buffer; fileName: string },
  now: Date,
): Promise<DispatchImportPreview> {
  const round = await managedRound(db, actor, roundId, now);
  const sheets = await readSpreadsheet(file.data, file.fileName);
  const planned = await prepare(db, actor, round, sheets, undefined, now);
  const session = {
    id: randomBytes(18).toString('base64url'),
    fileName: file.fileName,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
  };
  await store.insertDispatchUpload(db, {
    ...session,
    userId: actor.id,
    regionId: actor.regionId,
    roundId: round.id,
    sheets: JSON.stringify(sheets),
    createdAt: now.toISOString(),
  });
  return present(planned, round, session, actor.lang);
}

async function loadSession(db: Db, actor: Actor, roundId: number, sessionId: string, now: Date) {
  const row = await store.findDispatchUpload(db, sessionId, actor.id, roundId, now.toISOString());
  if (!row) throw new AppError('import_expired');
  return { ...row, sheets: JSON.parse(row.sheets) as SheetGrid[] };
}

/** The preview of a session again, under the admin's confirmed column mapping. */
export async function previewDispatchImport(
  db: Db,
  actor: Actor,
  roundId: number,
  sessionId: string,
  req: DispatchImportPreviewRequest,
  now: Date,
): Promise<DispatchImportPreview> {
  const round = await managedRound(db, actor, roundId, now);
  const session = await loadSession(db, actor, roundId, sessionId, now);
  const planned = await prepare(db, actor, round, session.sheets, req.mapping, now);
  return present(planned, round, session, actor.lang);
}

/** Discards a session (nothing was written). */
export async function discardDispatchImport(
  db: Db,
  actor: Actor,
  roundId: number,
  sessionId: string,
  now: Date,
): Promise<void> {
  await managedRound(db, actor, roundId, now);
  if (!(await store.deleteDispatchUpload(db, sessionId, actor.id))) throw new AppError('import_expired');
}

/**
 * Commits a session: planned again in the transaction; any error row → 422 import_has_errors and
 * nothing written. New rows insert submitted reports, replace rows overwrite the draft or returned
 * report, conflicts only with `overwrite`; each written report gets its version and audit row.
 */
export async function commitDispatchImport(
  db: Db,
  actor: Actor,
  roundId: number,
  sessionId: string,
  req: DispatchImportCommitRequest,
  now: Date,
): Promise<DispatchImportResult> {
  const round = await managedRound(db, actor, roundId, now);
  const session = await loadSession(db, actor, roundId, sessionId, now);
  return db.transaction().execute(async (trx) => {
    const result = await commitDispatchSheets(trx, actor, round, session.sheets, session.fileName, req, now);
    await store.deleteDispatchUpload(trx, sessionId, actor.id);
    return result;
  });
}

/**
 * Plans and writes sheets into a round in the caller's transaction (the API's commit and the CLI's
 * dispatch-import --yes): any error row → 422 import_has_errors, nothing written.
 */
async function commitDispatchSheets(
  trx: Db,
  actor: Actor,
  round: repo.RoundRow,
  sheets: readonly SheetGrid[],
  fileName: string,
  req: DispatchImportCommitRequest,
  now: Date,
): Promise<DispatchImportResult> {
  const roundId = round.id;
  const p = await prepare(trx, actor, round, sheets, req.mapping, now);
  const counts = countPlan(p);
  if (counts.error > 0) throw new AppError('import_has_errors', { count: counts.error }, { counts });
  const at = now.toISOString();
  const late = isLate(shanghaiToday(now), round.deadline) ? 1 : 0;
  const reports = new Map((await reportRepo.findReportsOfRound(trx, roundId)).map((r) => [r.projectId, r]));
  const written: number[] = [];
  const keptConflicts: number[] = [];
  const audits: AuditInput[] = [];
  for (const r of p.plan) {
    if (r.action === 'conflict' && !req.overwrite) keptConflicts.push(r.projectId!);
    if (r.next === null || (r.action === 'conflict' && !req.overwrite)) continue;
    if (r.action !== 'new' && r.action !== 'replace' && r.action !== 'conflict') continue;
    const projectId = r.projectId!;
    const existing = reports.get(projectId) ?? null;
    const values: reportRepo.ReportValues = {
      completedThisMonth: r.next.completedThisMonth,
      progressText: r.next.progressText,
      workersOnSite: existing?.workersOnSite ?? null,
      fundsInPlace: existing?.fundsInPlace ?? null,
      statsIncluded: existing?.statsIncluded ?? null,
      statsCode: existing?.statsCode ?? null,
      statsDate: existing?.statsDate ?? null,
      problems: JSON.stringify(r.next.problems),
      nextMonthPlan: r.next.nextMonthPlan,
      stages: existing?.stages ?? '[]',
      status: 'submitted',
      submittedAt: at,
      submittedBy: actor.id || null,
      // A report once submitted (returned, or overwritten) keeps its late mark.
      late: existing && existing.status !== 'draft' ? existing.late : late,
      returnReason: null,
    };
    let id: number;
    let version: number;
    if (!existing) {
      id = await reportRepo.insertReport(
        trx,
        { ...values, roundId, projectId, idempotencyKey: randomUUID() },
        actor.id,
        at,
      );
      version = 1;
    } else {
      if (!(await reportRepo.updateReportIfVersion(trx, existing.id, existing.version, values, actor.id, at)))
        throw versionConflict(await reportRepo.findReportLastChange(trx, existing.id));
      id = existing.id;
      version = existing.version + 1;
    }
    await reportRepo.insertReportVersion(trx, {
      reportId: id,
      version,
      status: 'submitted',
      data: values,
      by: actor.id,
      at,
    });
    audits.push({
      action: 'submit',
      entity: 'dispatch_report',
      entityId: String(id),
      before: existing
        ? {
            status: existing.status,
            completedThisMonth: existing.completedThisMonth,
            progressText: existing.progressText,
          }
        : null,
      after: { roundId, projectId, ...values, source: 'import', fileName: fileName, row: r.row },
    });
    written.push(projectId);
  }
  audits.push({
    action: 'import',
    entity: 'dispatch_round',
    entityId: String(roundId),
    before: null,
    after: {
      month: round.month,
      fileName: fileName,
      sheet: p.sheet.name,
      counts,
      written: written.length,
      keptConflicts: keptConflicts.length,
      overwrite: req.overwrite,
    },
  });
  await appendAudit(trx, actor, audits, at);
  return { counts, written, keptConflicts };
}

/**
 * The CLI's import of a file into a round (guatu dispatch-import): the preview, and with `commit`
 * the commit in one transaction — no session kept.
 */
export async function importDispatchFile(
  db: Db,
  actor: Actor,
  roundId: number,
  file: { data: Buffer; fileName: string },
  opts: { overwrite: boolean; commit: boolean },
  now: Date,
): Promise<{ preview: DispatchImportPreview; result: DispatchImportResult | null }> {
  const round = await managedRound(db, actor, roundId, now);
  const sheets = await readSpreadsheet(file.data, file.fileName);
  const planned = await prepare(db, actor, round, sheets, undefined, now);
  const preview = present(planned, round, { id: '', fileName: file.fileName, expiresAt: '' }, actor.lang);
  if (!opts.commit || preview.counts.error > 0) return { preview, result: null };
  const result = await db
    .transaction()
    .execute((trx) =>
      commitDispatchSheets(trx, actor, round, sheets, file.fileName, { overwrite: opts.overwrite }, now),
    );
  return { preview, result };
}
