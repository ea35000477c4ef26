import type { dispatchPhotosZhCN } from './dispatch-photos.zh-CN.ts';

/** Report photos (一月一调度, issue 10 item 2): their error codes and warnings. */
export const dispatchPhotosEnUS: Record<keyof typeof dispatchPhotosZhCN, string> = {
  'error.dispatch_report_locked': 'The report is {status}: its photos cannot change (unless it is returned)',
  'error.dispatch_photo_type': 'A photo must be a JPEG, PNG, WebP or HEIC image; this file is {type}',
  'error.dispatch_photo_too_many_pixels':
    'The photo is too large ({megapixels} megapixels; the limit is {limit}); resize it and try again',
  'error.dispatch_photo_unreadable':
    'The photo cannot be read (damaged, cut short or an unsupported kind: {type})',
  'error.entity.dispatchPhoto': 'Dispatch photo',
  'dispatch.photo.warning.photo_taken_early':
    'The photo was taken on {takenAt}, more than a month before the {month} round',
  'dispatch.photo.warning.photo_far_away':
    'The photo was taken about {distanceKm} km from the project (more than {limitKm} km)',
  'dispatch.photo.warning.photo_no_exif': 'The photo carries no time or place it was taken',
};
