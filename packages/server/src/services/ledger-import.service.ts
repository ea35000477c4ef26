/**
 * Importing an office's Excel ledger: upload (parsed once, kept server-side for an hour) →
 * preview with the confirmed mapping → commit in one transaction, every project audited.
 * Only an admin imports, into the projects of their own region subtree.
 */
import { randomBytes } from 'node:crypto';
import type {
  ImportCommitRequest,
  ImportCommitResult,
  ImportOptions,
  ImportPreview,
  ImportPreviewRequest,
  ImportTemplate,
  ImportTemplateSave,
  ImportUpload,
} from '@guatu/contracts';
import {
  detectHeader,
  ledgerImporters,
  maskPhone,
  normaliseLabel,
  projectYearFields,
  type LedgerSnapshot,
  type YearSnapshotKey,
} from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import type { NewProject, ProjectPatch } from '../db/schema.ts';
import { readSpreadsheet, type SheetGrid } from '../excel/read-spreadsheet.ts';
import { AppError } from '../errors.ts';
import { hasRole, type Actor } from '../policies/actor.ts';
import * as store from '../repositories/import-template.repository.ts';
import { findProjectById, updateProjectIfVersion } from '../repositories/project.repository.ts';
import {
  insertProjectsBatch,
  insertYearsBatch,
  type YearRow,
} from '../repositories/project-batch.repository.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  chooseSheet,
  countPlan,
  describeDetection,
  prepareImport,
  presentIssues,
  presentRow,
  templateFits,
  type Prepared,
} from './ledger-import-prepare.ts';
import { applyFirstImport, refuseOtherJurisdiction } from './first-import.ts';
import { versionConflict } from './version-conflict.ts';

const UPLOAD_TTL_MS = 60 * 60 * 1000;

function requireImporter(actor: Actor) {
  if (!hasRole(actor, ...ledgerImporters)) throw new AppError('forbidden');
}

export async function listTemplates(db: Db, actor: Actor): Promise<ImportTemplate[]> {
  requireImporter(actor);
  return (await store.findTemplates(db, actor.id)).map((t) => ({
    ...t,
    columns: JSON.parse(t.columns) as ImportTemplate['columns'],
  }));
}

export async function saveTemplate(
  db: Db,
  actor: Actor,
  input: ImportTemplateSave,
  now: Date,
): Promise<ImportTemplate> {
  requireImporter(actor);
  const columns = input.columns
    .map((c) => ({ label: normaliseLabel(c.label), field: c.field }))
    .filter((c) => c.label !== '');
  const id = await store.upsertTemplate(db, {
    userId: actor.id,
    regionId: actor.regionId,
    name: input.name,
    columns: JSON.stringify(columns),
    at: now.toISOString(),
  });
  return (await listTemplates(db, actor)).find((t) => t.id === id)!;
}

export async function removeTemplate(db: Db, actor: Actor, id: number): Promise<void> {
  requireImporter(actor);
  if (!(await store.deleteTemplate(db, actor.id, id)))
    throw new AppError('not_found', { entity: 'template' });
}

/** Reads the file, keeps its sheets for the preview and answers with the detected mapping. */
export async function uploadLedger(
  db: Db,
  actor: Actor,
  file: { data: Buffer; fileName: string },
  now: Date,
): Promise<ImportUpload> {
  requireImporter(actor);
  const sheets = await readSpreadsheet(file.data, file.fileName);
  const sheet = chooseSheet(sheets, undefined);
  const header = detectHeader(sheet.grid);
  if (!header.found) throw new AppError('import_no_header', { sheet: sheet.name });
  await refuseOtherJurisdiction(db, actor, sheet.grid, header);
  const templates = await listTemplates(db, actor);
  const template = templates.find((t) => templateFits(t, header)) ?? null;
  const mapping = template
    ? header.columns.map((c) => {
        const hit = template.columns.find((t) => t.label === normaliseLabel(c.label));
        return { index: c.index, field: hit ? hit.field : c.field, unit: c.unit };
      })
    : null;
  const uploadId = randomBytes(18).toString('base64url');
  const expiresAt = new Date(now.getTime() + UPLOAD_TTL_MS).toISOString();
  await store.insertUpload(db, {
    id: uploadId,
    userId: actor.id,
    regionId: actor.regionId,
    fileName: file.fileName,
    sheets: JSON.stringify(sheets),
    createdAt: now.toISOString(),
    expiresAt,
  });
  return {
    uploadId,
    fileName: file.fileName,
    expiresAt,
    sheets: sheets.map((s) => ({
      name: s.name,
      rows: s.grid.length,
      columns: s.grid.reduce((w, r) => Math.max(w, r.length), 0),
      headerFound: detectHeader(s.grid).found,
    })),
    detection: describeDetection(sheet, header, mapping, template?.id ?? null),
    templates,
  };
}

async function loadUpload(db: Db, actor: Actor, uploadId: string, now: Date) {
  requireImporter(actor);
  const row = await store.findUpload(db, uploadId, actor.id, now.toISOString());
  if (!row) throw new AppError('import_expired');
  return { fileName: row.fileName, sheets: JSON.parse(row.sheets) as SheetGrid[] };
}

/** The preview of an upload under the given choices: counts, rows (paged) and every issue. */
export async function previewImport(
  db: Db,
  actor: Actor,
  uploadId: string,
  req: ImportPreviewRequest,
  now: Date,
): Promise<ImportPreview> {
  const upload = await loadUpload(db, actor, uploadId, now);
  const p = await prepareImport(db, actor, upload.sheets, req, await listTemplates(db, actor), now);
  return { uploadId, ...presentPreview(p, req, actor) };
}

export function presentPreview(
  p: Prepared,
  req: Pick<ImportPreviewRequest, 'status' | 'offset' | 'limit'>,
  actor: Pick<Actor, 'lang'>,
) {
  const wanted = req.status ? new Set(req.status) : null;
  const rows = p.plan
    .filter((r) => wanted === null || wanted.has(r.status))
    .slice(req.offset, req.offset + req.limit);
  return {
    year: p.year,
    detection: p.detection,
    counts: countPlan(p),
    rows: rows.map((r) => presentRow(p, r, actor.lang)),
    issues: p.plan.flatMap((r) => presentIssues(p, r, actor.lang)),
    skipped: p.skipped,
    jurisdiction: p.first.jurisdiction,
    toCreate: {
      departments: p.first.departments.map((d) => d.name),
      people: p.first.people.map((x) => x.name),
    },
    nearMatches: p.first.nearMatches,
  };
}

/** Commits an upload: the plan is made again inside the transaction, and any error row aborts it all. */
export async function commitImport(
  db: Db,
  actor: Actor,
  uploadId: string,
  req: ImportCommitRequest,
  now: Date,
): Promise<ImportCommitResult> {
  const upload = await loadUpload(db, actor, uploadId, now);
  const templates = await listTemplates(db, actor);
  return db.transaction().execute(async (trx) => {
    const { result, detection } = await commitSheets(
      trx,
      actor,
      upload.sheets,
      upload.fileName,
      req,
      templates,
      now,
    );
    if (req.saveTemplate) {
      result.templateId = await store.upsertTemplate(trx, {
        userId: actor.id,
        regionId: actor.regionId,
        name: req.saveTemplate,
        columns: JSON.stringify(
          detection.columns.map((c) => ({ label: normaliseLabel(c.label), field: c.field })),
        ),
        at: now.toISOString(),
      });
    }
    await store.deleteUpload(trx, uploadId);
    return result;
  });
}

/** Plans and writes sheets in the caller's transaction (the API's commit and the CLI's --yes). */
export async function commitSheets(
  trx: Db,
  actor: Actor,
  sheets: readonly SheetGrid[],
  fileName: string,
  options: ImportOptions,
  templates: readonly ImportTemplate[],
  now: Date,
): Promise<{ result: ImportCommitResult; detection: Prepared['detection'] }> {
  requireImporter(actor);
  const p = await prepareImport(trx, actor, sheets, options, templates, now, true);
  const counts = countPlan(p);
  if (counts.error > 0) throw new AppError('import_has_errors', { count: counts.error }, { counts });
  // The division, departments and people the file names come first, in this transaction.
  const created = await applyFirstImport(trx, actor, p.first, p.plan, now);
  const at = now.toISOString();
  const by = actor.id > 0 ? actor.id : null;
  const fresh = p.plan.filter((r) => r.status === 'new');
  const changed = p.plan.filter((r) => r.status === 'changed');
  const createdIds = await insertProjectsBatch(
    trx,
    fresh.map(
      (r) =>
        ({
          ...projectColumns(r.next!),
          archivedAt: null,
          longitude: null,
          latitude: null,
          createdAt: at,
          updatedAt: at,
          updatedBy: by,
          version: 1,
        }) as NewProject,
    ),
  );
  await insertYearsBatch(
    trx,
    fresh.map((r, i) => yearRow(createdIds[i]!, p.year, r.next!)),
    false,
  );
  const years: YearRow[] = [];
  for (const r of changed) {
    const ok = await updateProjectIfVersion(trx, r.projectId!, r.version!, {
      ...projectColumns(r.next!),
      updatedAt: at,
      updatedBy: by,
    });
    if (!ok) {
      throw versionConflict(await findProjectById(trx, r.projectId!));
    }
    if (r.addsYear || r.diff.some((d) => yearFieldKeys.has(d.field)))
      years.push(yearRow(r.projectId!, p.year, r.next!));
  }
  await insertYearsBatch(trx, years, true);
  await appendAudit(
    trx,
    actor,
    [
      ...fresh.map((r, i) => ({
        action: 'create' as const,
        entity: 'project' as const,
        entityId: String(createdIds[i]),
        before: null,
        after: { ...r.next, contactPhone: maskPhone(r.next!.contactPhone), year: p.year, source: fileName },
      })),
      ...changed.map((r) => ({
        action: 'update' as const,
        entity: 'project' as const,
        entityId: String(r.projectId),
        before: Object.fromEntries(r.diff.map((d) => [d.field, d.before])),
        after: {
          ...Object.fromEntries(r.diff.map((d) => [d.field, d.after])),
          year: p.year,
          source: fileName,
        },
      })),
      {
        action: 'import' as const,
        entity: 'import' as const,
        entityId: null,
        before: null,
        after: { fileName, sheet: p.sheet.name, year: p.year, counts },
      },
    ],
    at,
  );
  return {
    result: {
      year: p.year,
      counts,
      createdIds,
      updatedIds: changed.map((r) => r.projectId!),
      templateId: null,
      created,
    },
    detection: p.detection,
  };
}

const yearFieldKeys: ReadonlySet<string> = new Set(projectYearFields.map((f) => f.key));

/** The project row's columns of a snapshot (the catalogue's year fields go to the year's row). */
function projectColumns(s: LedgerSnapshot): ProjectPatch {
  const own = Object.fromEntries(Object.entries(s).filter(([k]) => !yearFieldKeys.has(k))) as Omit<
    LedgerSnapshot,
    YearSnapshotKey
  >;
  return { ...own, statsIncluded: s.statsIncluded ? 1 : 0, startedUndated: s.startedUndated ? 1 : 0 };
}

const yearRow = (projectId: number, year: number, s: LedgerSnapshot): YearRow => ({
  projectId,
  year,
  level: s.level,
  category: s.category,
  annualPlan: s.annualPlan,
  reportedYtd: s.reportedYtd,
  reportedProgress: s.reportedProgress,
  reportedAsOf: s.reportedAsOf,
});
