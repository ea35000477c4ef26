/**
 * Photos of a dispatch report (一月一调度, issue 10 item 2). A photo is checked and its display
 * copy, thumbnail, EXIF time and place made before anything is kept (photo-processing.ts). Then the
 * original, the display copy and the thumbnail are written to the file store, and the attachment
 * row (owner 'report'), the photo row and the audit row in one transaction. A failure anywhere
 * leaves nothing: the rows roll back and every file this upload wrote that no row names is removed
 * again.
 *
 * The report must exist (a draft saved first) and be editable: a draft (on an open round) or a
 * returned report. The phone's `clientKey` makes a photo sent twice (an offline queue) stored once.
 * Warnings (taken long before the month, far from the project, no EXIF) never block.
 */
import { Readable } from 'node:stream';
import type { DispatchPhoto, DispatchPhotoList, DispatchReport } from '@guatu/contracts';
import { photoWarnings, roundStatus, shanghaiToday } from '@guatu/domain';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { canManageRound, canSeeRound } from '../policies/dispatch.policy.ts';
import { canEditProject, canReadLedger, projectReadGrants } from '../policies/project.policy.ts';
import * as attachmentRepo from '../repositories/attachment.repository.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { uniqueViolation } from '../repositories/db-errors.ts';
import * as photoRepo from '../repositories/dispatch-photo.repository.ts';
import * as reportRepo from '../repositories/dispatch-report.repository.ts';
import * as roundRepo from '../repositories/dispatch.repository.ts';
import { findProjectById, isProjectVisible } from '../repositories/project.repository.ts';
import { FileTooLargeError, type FileStore } from '../storage/index.ts';
import { cleanFileName } from './attachments.service.ts';
import { processPhoto, readAll } from './photo-processing.ts';

type Project = NonNullable<Awaited<ReturnType<typeof findProjectById>>>;
type Facts = { regionPath: string; leaderId: number | null; memberIds: number[] };
const factsOf = (p: Project): Facts => ({
  regionPath: p.regionPath,
  leaderId: p.leaderId,
  memberIds: p.taskForce.map((m) => m.id),
});

type PhotoCtx = {
  round: roundRepo.RoundRow;
  project: Project;
  report: photoRepo.PhotoReport;
};

/**
 * The report whose photos are asked for, read as the report is: another region's round, a project
 * the actor does not read or a report not saved yet are absent (404).
 */
async function readContext(db: Db, actor: Actor, roundId: number, projectId: number): Promise<PhotoCtx> {
  if (!canReadLedger(actor)) throw new AppError('forbidden');
  const round = await roundRepo.findRoundById(db, roundId);
  if (!round || !canSeeRound(actor, round)) throw new AppError('not_found', { entity: 'dispatchRound' });
  if (!(await isProjectVisible(db, projectId, projectReadGrants(actor))))
    throw new AppError('not_found', { entity: 'dispatchReport' });
  const project = await findProjectById(db, projectId);
  if (!project || !(await reportRepo.isRoundProject(db, roundId, projectId)))
    throw new AppError('not_found', { entity: 'project' });
  const report = await reportRepo.findReport(db, roundId, projectId);
  if (!report) throw new AppError('not_found', { entity: 'dispatchReport' });
  return {
    round,
    project,
    report: { id: report.id, roundId, projectId, status: report.status },
  };
}

/** The context of a report's photo by the report's id (the attachments' access table). */
async function readContextOfReport(db: Db, actor: Actor, reportId: number): Promise<PhotoCtx | null> {
  const report = await photoRepo.findReportById(db, reportId);
  if (!report) return null;
  return readContext(db, actor, report.roundId, report.projectId).catch((e: unknown) => {
    if (e instanceof AppError && (e.code === 'not_found' || e.code === 'forbidden')) return null;
    throw e;
  });
}

/**
 * Whether the report's photos may change: a draft or a returned report; a draft only while its
 * round is open (a returned report is corrected even on a closed round, as its figures are).
 * Without `now`, the round's deadline is not looked at (only its closing by hand).
 */
function editableStatus(ctx: PhotoCtx, now?: Date): { ok: true } | { ok: false; error: AppError } {
  const { report, round } = ctx;
  if (report.status !== 'draft' && report.status !== 'returned')
    return { ok: false, error: new AppError('dispatch_report_locked', { status: report.status }) };
  if (report.status === 'returned') return { ok: true };
  const closed =
    now === undefined
      ? round.status === 'closed'
      : roundStatus(
          {
            deadline: round.deadline,
            closedAt: round.status === 'closed' ? (round.closedAt ?? round.updatedAt) : null,
            reopened: round.reopenedAt !== null,
          },
          shanghaiToday(now),
        ) === 'closed';
  return closed
    ? { ok: false, error: new AppError('dispatch_round_closed', { month: round.month }) }
    : { ok: true };
}

const mayAdd = (actor: Actor, ctx: PhotoCtx) => canEditProject(actor, factsOf(ctx.project));
const mayDelete = (actor: Actor, ctx: PhotoCtx, photo: photoRepo.PhotoRow) =>
  canManageRound(actor, ctx.round) || (photo.createdBy === actor.id && mayAdd(actor, ctx));

function present(actor: Actor, ctx: PhotoCtx, p: photoRepo.PhotoRow, now?: Date): DispatchPhoto {
  return {
    id: p.id,
    reportId: p.reportId,
    attachmentId: p.attachmentId,
    fileName: p.fileName,
    width: p.width,
    height: p.height,
    takenAt: p.takenAt,
    latitude: p.latitude,
    longitude: p.longitude,
    warnings: photoWarnings(p, { month: ctx.round.month }, ctx.project),
    thumbnailUrl: `/api/dispatch/photos/${p.id}/thumbnail`,
    displayUrl: `/api/dispatch/photos/${p.id}/display`,
    createdAt: p.createdAt,
    canDelete: editableStatus(ctx, now).ok && mayDelete(actor, ctx, p),
  };
}

/** GET …/reports/:projectId/photos: the report's photos, oldest first. */
export async function listReportPhotos(
  db: Db,
  actor: Actor,
  roundId: number,
  projectId: number,
  now?: Date,
): Promise<DispatchPhotoList> {
  const ctx = await readContext(db, actor, roundId, projectId);
  const rows = await photoRepo.findPhotosOfReport(db, ctx.report.id);
  return { items: rows.map((p) => present(actor, ctx, p, now)) };
}

/** The photos of a report the actor has already been allowed to read (the report's answer). */
export async function photosOfReport(
  db: Db,
  actor: Actor,
  reportId: number,
  now?: Date,
): Promise<DispatchPhoto[]> {
  const ctx = await readContextOfReport(db, actor, reportId);
  if (!ctx) return [];
  const rows = await photoRepo.findPhotosOfReport(db, reportId);
  return rows.map((p) => present(actor, ctx, p, now));
}

/** A report's answer with its photos (the report service builds the rest). */
export async function withPhotos(
  db: Db,
  actor: Actor,
  report: DispatchReport,
  now?: Date,
): Promise<DispatchReport> {
  return { ...report, photos: await photosOfReport(db, actor, report.id, now) };
}

/** The attachments' access to a report's originals (owner 'report'; `ownerId` is the report's id). */
export const reportAttachmentAccess = {
  /** Whoever reads the report's project (and sees its round). */
  canRead: async (db: Db, actor: Actor, reportId: number) =>
    (await readContextOfReport(db, actor, reportId)) !== null,
  /** Whoever may report for the project. */
  canAdd: async (db: Db, actor: Actor, reportId: number) => {
    const ctx = await readContextOfReport(db, actor, reportId);
    return ctx !== null && mayAdd(actor, ctx);
  },
  /** The round's admin. */
  isAdmin: async (db: Db, actor: Actor, reportId: number) => {
    const ctx = await readContextOfReport(db, actor, reportId);
    return ctx !== null && canManageRound(actor, ctx.round);
  },
};

// ---- adding -------------------------------------------------------------------

export type PhotoUpload = {
  roundId: number;
  projectId: number;
  fileName: string;
  data: Buffer | Readable;
  /** The phone's UUID of the photo (validated by the route's contract). */
  clientKey?: string | null;
  /** Bytes; default the attachments' 20 MB. */
  maxBytes?: number;
};

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Removes what an upload wrote to the store that no row names (another row may share a content). */
async function discard(db: Db, store: FileStore, hashes: string[]) {
  if (hashes.length === 0) return;
  const [attached, photos] = await Promise.all([
    attachmentRepo.findReferencedHashes(db, hashes),
    photoRepo.findReferencedPhotoHashes(db, hashes),
  ]);
  for (const h of new Set(hashes))
    if (!attached.has(h) && !photos.has(h)) await store.delete(h).catch(() => undefined);
}

/**
 * Adds a photo to a report; answers the photo and whether it was stored now (false: the same
 * `clientKey` was already stored on this report, and nothing new is kept). 404 outside the
 * actor's read scope or without a saved report, 403 for a reader who may not report for the
 * project, 409 on a report that is not editable (or a draft on a closed round), 413 past
 * `maxBytes`, 415 not a photo, 422 too many pixels or not decodable.
 */
export async function addReportPhotoWithStatus(
  db: Db,
  store: FileStore,
  actor: Actor,
  upload: PhotoUpload,
  now: Date,
): Promise<{ photo: DispatchPhoto; created: boolean }> {
  const ctx = await readContext(db, actor, upload.roundId, upload.projectId);
  if (!mayAdd(actor, ctx)) throw new AppError('forbidden');
  const clientKey = upload.clientKey ?? null;
  const stored = async () => {
    const p = clientKey ? await photoRepo.findPhotoByClientKey(db, ctx.report.id, clientKey) : null;
    return p && { photo: present(actor, ctx, p, now), created: false };
  };
  const before = await stored();
  if (before) return before;
  const editable = editableStatus(ctx, now);
  if (!editable.ok) throw editable.error;

  const maxBytes = upload.maxBytes ?? DEFAULT_MAX_BYTES;
  const buf = await readAll(upload.data, maxBytes).catch((err: unknown) => {
    if (err instanceof FileTooLargeError)
      throw new AppError('too_large', { limit: `${Math.floor(err.maxBytes / 1024 / 1024)} MB` });
    throw err;
  });
  const photo = await processPhoto(buf);
  const fileName = cleanFileName(upload.fileName);
  const at = now.toISOString();
  const written: string[] = [];
  const put = async (content: Buffer, verify?: () => Promise<void>) => {
    const file = await store.put(Readable.from([content]), {
      maxBytes: content.length,
      ...(verify ? { verify } : {}),
    });
    written.push(file.sha256);
    return file;
  };
  try {
    const original = await put(buf, async () => {
      // The store's own check of the content it kept: the same bytes processPhoto read.
      const type = await fileTypeFromBuffer(buf);
      if (type?.mime !== photo.mime) throw new AppError('dispatch_photo_type', { type: type?.mime ?? '?' });
    });
    const display = await put(photo.display);
    const thumbnail = await put(photo.thumbnail);
    const id = await db.transaction().execute(async (trx) => {
      const attachmentId = await attachmentRepo.insertAttachment(trx, {
        ownerEntity: 'report',
        ownerId: ctx.report.id,
        uploaderId: actor.id,
        sha256: original.sha256,
        mime: photo.mime,
        size: original.size,
        fileName,
        createdAt: at,
      });
      const values = {
        reportId: ctx.report.id,
        attachmentId,
        clientKey,
        displaySha256: display.sha256,
        displaySize: display.size,
        thumbnailSha256: thumbnail.sha256,
        thumbnailSize: thumbnail.size,
        width: photo.width,
        height: photo.height,
        takenAt: photo.takenAt,
        latitude: photo.latitude,
        longitude: photo.longitude,
        createdAt: at,
        createdBy: actor.id || null,
      };
      const photoId = await photoRepo.insertPhoto(trx, values);
      await recordAudit(trx, actor, {
        action: 'create',
        entity: 'dispatch_photo',
        entityId: photoId,
        after: {
          roundId: ctx.round.id,
          projectId: ctx.project.id,
          ...values,
          fileName,
          mime: photo.mime,
          sha256: original.sha256,
          size: original.size,
        },
      });
      return photoId;
    });
    const row = (await photoRepo.findPhoto(db, id))!;
    return { photo: present(actor, ctx, row, now), created: true };
  } catch (err) {
    await discard(db, store, written);
    // The same photo sent twice at once: the other send stored it.
    if (clientKey && uniqueViolation(err)) {
      const again = await stored();
      if (again) return again;
    }
    throw err;
  }
}

/** Adds a photo to a report (see addReportPhotoWithStatus): the photo, stored once per clientKey. */
export async function addReportPhoto(
  db: Db,
  store: FileStore,
  actor: Actor,
  upload: PhotoUpload,
  now: Date,
): Promise<DispatchPhoto> {
  return (await addReportPhotoWithStatus(db, store, actor, upload, now)).photo;
}

// ---- reading and deleting one -------------------------------------------------

/** A photo whose report the actor reads; 404 otherwise. */
async function loadPhoto(db: Db, actor: Actor, photoId: number) {
  const photo = await photoRepo.findPhoto(db, photoId);
  const ctx = photo && (await readContextOfReport(db, actor, photo.reportId));
  if (!photo || !ctx) throw new AppError('not_found', { entity: 'dispatchPhoto' });
  return { photo, ctx };
}

/** The display copy or the thumbnail, a JPEG for the caller to stream. */
export async function openPhotoImage(
  db: Db,
  store: FileStore,
  actor: Actor,
  photoId: number,
  which: 'display' | 'thumbnail',
): Promise<Readable> {
  const { photo } = await loadPhoto(db, actor, photoId);
  return store.get(which === 'display' ? photo.displaySha256 : photo.thumbnailSha256);
}

/**
 * Deletes a photo while its report is editable (its uploader, or the round's admin): the photo's
 * row goes, its original's attachment is marked deleted, audited in one transaction. The original
 * stays in the store (the attachment row names it); the two copies are left to the orphan purge.
 */
export async function deleteReportPhoto(db: Db, actor: Actor, photoId: number, now: Date): Promise<void> {
  const { photo, ctx } = await loadPhoto(db, actor, photoId);
  if (!mayDelete(actor, ctx, photo)) throw new AppError('forbidden');
  const editable = editableStatus(ctx, now);
  if (!editable.ok) throw editable.error;
  await db.transaction().execute(async (trx) => {
    if (!(await photoRepo.deletePhoto(trx, photoId)))
      throw new AppError('not_found', { entity: 'dispatchPhoto' });
    await attachmentRepo.softDeleteAttachment(trx, photo.attachmentId, actor.id, now.toISOString());
    await recordAudit(trx, actor, {
      action: 'delete',
      entity: 'dispatch_photo',
      entityId: photoId,
      before: {
        roundId: ctx.round.id,
        projectId: ctx.project.id,
        reportId: photo.reportId,
        attachmentId: photo.attachmentId,
        fileName: photo.fileName,
        sha256: photo.originalSha256,
        displaySha256: photo.displaySha256,
        thumbnailSha256: photo.thumbnailSha256,
        takenAt: photo.takenAt,
        latitude: photo.latitude,
        longitude: photo.longitude,
      },
    });
  });
}
