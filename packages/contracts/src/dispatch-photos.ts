import { z } from 'zod';
import { lazy } from './lazy.ts';
import { id } from './common.ts';

/**
 * Photos of a dispatch report (一月一调度, issue 10 item 2): the original is an attachment of the
 * report (owner 'report'); the server keeps a display copy (≈1600 px long side, JPEG) and a
 * thumbnail (≈320 px, JPEG), and the EXIF time and place, with warnings that never block.
 */
export const dispatchPhotoWarningCodes = ['photo_taken_early', 'photo_far_away', 'photo_no_exif'] as const;
export type DispatchPhotoWarningCode = (typeof dispatchPhotoWarningCodes)[number];

/**
 * photo_taken_early: { takenAt: 'YYYY-MM-DD' (Shanghai), month: 'YYYY-MM' } — taken more than 31
 * days before the round's month began; photo_far_away: { distanceKm (one decimal), limitKm } —
 * farther than limitKm from the project's coordinates; photo_no_exif: {} — neither time nor place.
 */
export const dispatchPhotoWarning = lazy(() =>
  z.object({
    code: z.enum(dispatchPhotoWarningCodes),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
);
export type DispatchPhotoWarning = z.infer<typeof dispatchPhotoWarning>;

export const dispatchPhoto = lazy(() =>
  z.object({
    id: id,
    reportId: id,
    /** The original file: GET /api/attachments/:attachmentId. */
    attachmentId: id,
    fileName: z.string(),
    /** The photo's size in pixels as it is seen (EXIF orientation applied). */
    width: z.int(),
    height: z.int(),
    /** When it was taken (EXIF DateTimeOriginal; China time unless the camera gave an offset), ISO. */
    takenAt: z.string().nullable(),
    /** Where (EXIF GPS), decimal degrees. */
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    warnings: z.array(dispatchPhotoWarning),
    /** `/api/dispatch/photos/:photoId/thumbnail`: ≈320 px JPEG. */
    thumbnailUrl: z.string(),
    /** `/api/dispatch/photos/:photoId/display`: ≈1600 px JPEG. */
    displayUrl: z.string(),
    createdAt: z.string(),
    /** Whether the caller may delete it now (the report editable; its uploader or the round's admin). */
    canDelete: z.boolean(),
  }),
);
export type DispatchPhoto = z.infer<typeof dispatchPhoto>;

export const dispatchPhotoList = lazy(() => z.object({ items: z.array(dispatchPhoto) }));
export type DispatchPhotoList = z.infer<typeof dispatchPhotoList>;

/** The client's key of one photo (a UUID the phone makes): the same photo sent twice is stored once. */
export const dispatchPhotoClientKey = lazy(() =>
  z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'UUID'),
);

export const dispatchPhotoReportParams = lazy(() => z.strictObject({ id, projectId: id }));
export const dispatchPhotoParams = lazy(() => z.strictObject({ photoId: id }));
