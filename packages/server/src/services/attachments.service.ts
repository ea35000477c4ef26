import type { Readable } from 'node:stream';
import {
  attachmentMimes,
  type Attachment,
  type AttachmentList,
  type AttachmentOwnerEntity,
} from '@guatu/contracts';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { canEditProject, isProjectAdmin, projectReadGrants } from '../policies/project.policy.ts';
import * as repo from '../repositories/attachment.repository.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { findProjectById, isProjectVisible } from '../repositories/project.repository.ts';
import { FileTooLargeError, type FileStore } from '../storage/index.ts';
import { reportAttachmentAccess } from './dispatch-photos.service.ts';

/**
 * How the attachments of one kind of owner are guarded: through the owner's own policy, so an
 * attachment is read by whoever reads its owner. Each answers false when there is no such owner.
 * A dispatch report's photos are attachments of owner 'report' (services/dispatch-photos.service.ts).
 */
type OwnerAccess = {
  canRead: (db: Db, actor: Actor, ownerId: number) => Promise<boolean>;
  canAdd: (db: Db, actor: Actor, ownerId: number) => Promise<boolean>;
  /** May delete anyone's attachment of this owner (an uploader may delete their own). */
  isAdmin: (db: Db, actor: Actor, ownerId: number) => Promise<boolean>;
  /**
   * Added and deleted only through the owner's own routes (a report's photos: POST …/photos and
   * DELETE /api/dispatch/photos/:id, which check that the report is still editable).
   */
  ownRoutesOnly?: boolean;
};

async function projectFacts(db: Db, id: number) {
  const p = await findProjectById(db, id);
  return p && { regionPath: p.regionPath, leaderId: p.leaderId, memberIds: p.taskForce.map((m) => m.id) };
}

export const attachmentOwners: Record<AttachmentOwnerEntity, OwnerAccess> = {
  project: {
    // The project's read grants (region, department, leader, task force): the ledger's scope.
    canRead: (db, actor, id) => isProjectVisible(db, id, projectReadGrants(actor)),
    // Those who may edit the project's progress: the admin over it, its leader, its task force.
    canAdd: async (db, actor, id) => {
      const facts = await projectFacts(db, id);
      return facts !== null && canEditProject(actor, facts);
    },
    isAdmin: async (db, actor, id) => {
      const facts = await projectFacts(db, id);
      return facts !== null && isProjectAdmin(actor, facts);
    },
  },
  // A report's photo originals (`ownerId`: the report's id): read by whoever reads the report's
  // project, added by who may report for it, administered by the round's admin. Called lazily:
  // the two services import each other.
  report: {
    canRead: (db, actor, id) => reportAttachmentAccess.canRead(db, actor, id),
    canAdd: (db, actor, id) => reportAttachmentAccess.canAdd(db, actor, id),
    isAdmin: (db, actor, id) => reportAttachmentAccess.isAdmin(db, actor, id),
    ownRoutesOnly: true,
  },
};

const allowed = new Set<string>(attachmentMimes);

/** A file name to keep and send back: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return [...base].slice(-200).join('') || 'file';
}

const present = (r: repo.AttachmentRow, actor: Actor, admin: boolean): Attachment => ({
  id: r.id,
  ownerEntity: r.ownerEntity as AttachmentOwnerEntity,
  ownerId: r.ownerId,
  fileName: r.fileName,
  mime: r.mime,
  size: r.size,
  sha256: r.sha256,
  uploaderId: r.uploaderId,
  uploaderName: r.uploaderName,
  createdAt: r.createdAt,
  canDelete:
    !attachmentOwners[r.ownerEntity as AttachmentOwnerEntity]?.ownRoutesOnly &&
    (admin || r.uploaderId === actor.id),
});

/** The owner must be readable: otherwise it is answered as absent (404), never as "forbidden". */
async function requireReadable(db: Db, actor: Actor, entity: AttachmentOwnerEntity, ownerId: number) {
  if (!(await attachmentOwners[entity].canRead(db, actor, ownerId)))
    throw new AppError('not_found', { entity });
}

export async function listAttachments(
  db: Db,
  actor: Actor,
  entity: AttachmentOwnerEntity,
  ownerId: number,
): Promise<AttachmentList> {
  await requireReadable(db, actor, entity, ownerId);
  const admin = await attachmentOwners[entity].isAdmin(db, actor, ownerId);
  const rows = await repo.findAttachmentsOf(db, entity, ownerId);
  return { items: rows.map((r) => present(r, actor, admin)) };
}

export type Upload = { fileName: string; stream: Readable; maxBytes: number };

/**
 * Stores an upload for an owner: the scope first (404 outside it, 403 without the right to add),
 * then the content streamed into the store — past `maxBytes` 413, a type not in the allow-list
 * (read from the bytes, whatever the name says) 400 — then the row and its audit in one transaction.
 */
export async function addAttachment(
  db: Db,
  store: FileStore,
  actor: Actor,
  entity: AttachmentOwnerEntity,
  ownerId: number,
  upload: Upload,
  now: Date,
): Promise<Attachment> {
  await requireReadable(db, actor, entity, ownerId);
  if (attachmentOwners[entity].ownRoutesOnly || !(await attachmentOwners[entity].canAdd(db, actor, ownerId)))
    throw new AppError('forbidden');
  let mime = '';
  const stored = await store
    .put(upload.stream, {
      maxBytes: upload.maxBytes,
      verify: async (staged) => {
        const type = await staged.sniff();
        if (!type || !allowed.has(type.mime))
          throw new AppError('attachment_type', { type: type?.mime ?? '?' });
        mime = type.mime;
      },
    })
    .catch((err: unknown) => {
      if (err instanceof FileTooLargeError)
        throw new AppError('too_large', { limit: `${Math.floor(err.maxBytes / 1024 / 1024)} MB` });
      throw err;
    });
  const id = await db.transaction().execute(async (trx) => {
    const newId = await repo.insertAttachment(trx, {
      ownerEntity: entity,
      ownerId,
      uploaderId: actor.id,
      sha256: stored.sha256,
      mime,
      size: stored.size,
      fileName: cleanFileName(upload.fileName),
      createdAt: now.toISOString(),
    });
    const row = await repo.findAttachment(trx, newId);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'attachment',
      entityId: newId,
      after: auditView(row!),
    });
    return newId;
  });
  const row = await repo.findAttachment(db, id);
  return present(row!, actor, await attachmentOwners[entity].isAdmin(db, actor, ownerId));
}

const auditView = (r: repo.AttachmentRow) => ({
  ownerEntity: r.ownerEntity,
  ownerId: r.ownerId,
  fileName: r.fileName,
  mime: r.mime,
  size: r.size,
  sha256: r.sha256,
});

/** A live attachment whose owner the actor reads; 404 otherwise (deleted, absent, out of scope). */
async function loadReadable(db: Db, actor: Actor, id: number): Promise<repo.AttachmentRow> {
  const row = await repo.findAttachment(db, id);
  const entity = row?.ownerEntity as AttachmentOwnerEntity | undefined;
  if (
    !row ||
    row.deletedAt !== null ||
    !entity ||
    !Object.hasOwn(attachmentOwners, entity) ||
    !(await attachmentOwners[entity].canRead(db, actor, row.ownerId))
  )
    throw new AppError('not_found', { entity: 'attachment' });
  return row;
}

/** The attachment and its content, for the caller to stream. */
export async function openAttachment(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: number,
): Promise<{ attachment: Attachment; stream: Readable }> {
  const row = await loadReadable(db, actor, id);
  const stream = await store.get(row.sha256);
  return { attachment: present(row, actor, false), stream };
}

/**
 * Deletes an attachment (its uploader, or an admin over its owner): the row is marked deleted and
 * audited in one transaction; the content stays in the store (other rows may share it, and the
 * audit log names it).
 */
export async function deleteAttachment(db: Db, actor: Actor, id: number, now: Date): Promise<void> {
  const row = await loadReadable(db, actor, id);
  const entity = row.ownerEntity as AttachmentOwnerEntity;
  if (
    attachmentOwners[entity].ownRoutesOnly ||
    (row.uploaderId !== actor.id && !(await attachmentOwners[entity].isAdmin(db, actor, row.ownerId)))
  )
    throw new AppError('forbidden');
  await db.transaction().execute(async (trx) => {
    if (!(await repo.softDeleteAttachment(trx, id, actor.id, now.toISOString())))
      throw new AppError('not_found', { entity: 'attachment' });
    await recordAudit(trx, actor, {
      action: 'delete',
      entity: 'attachment',
      entityId: id,
      before: auditView(row),
    });
  });
}
