import { z } from 'zod';
import { lazy } from './lazy.ts';
import { id } from './common.ts';

/**
 * What an attachment may belong to, each checked through its owner's policy on the server
 * (a project's read and write grants; a dispatch report's photos: the report's project and round).
 */
export const attachmentOwnerEntities = ['project', 'report'] as const;
export const attachmentOwnerEntity = lazy(() => z.enum(attachmentOwnerEntities));
export type AttachmentOwnerEntity = z.infer<typeof attachmentOwnerEntity>;

/**
 * The content types accepted, by what the file's bytes are (not its name or the browser's claim):
 * photos (JPEG, PNG, WebP, HEIC/HEIF from phones), PDF, Excel and Word (.xlsx, .docx). Not zip:
 * an archive's content cannot be checked, so it is refused like an executable.
 */
export const attachmentMimes = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
export type AttachmentMime = (typeof attachmentMimes)[number];

export const attachment = lazy(() =>
  z.object({
    id: z.int(),
    ownerEntity: attachmentOwnerEntity,
    ownerId: z.int(),
    fileName: z.string(),
    mime: z.string(),
    /** Bytes. */
    size: z.int(),
    /** SHA-256 of the content, lowercase hex. */
    sha256: z.string(),
    uploaderId: z.int(),
    uploaderName: z.string().nullable(),
    createdAt: z.string(),
    /** Whether the caller may delete it (its uploader, or an admin over the owner). */
    canDelete: z.boolean(),
  }),
);
export type Attachment = z.infer<typeof attachment>;

export const attachmentList = lazy(() => z.object({ items: z.array(attachment) }));
export type AttachmentList = z.infer<typeof attachmentList>;

export const attachmentIdParams = lazy(() => z.strictObject({ id }));
export const projectAttachmentParams = lazy(() => z.strictObject({ id }));
