/**
 * A dispatch report's photo checked and turned into what is kept (issue 10 item 2): its type by
 * its bytes (JPEG, PNG, WebP, HEIC), its size in pixels (at most 50 MP, before it is decoded), then
 * decoded by sharp into a display copy (≈1600 px long side, JPEG q80) and a thumbnail (≈320 px,
 * JPEG q70), turned upright by its EXIF orientation; the EXIF time and GPS place read with exifr.
 * No database, no store: dispatch-photos.service.ts keeps what this gives.
 */
import type { Readable } from 'node:stream';
import { exifTimeToIso } from '@guatu/domain';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors.ts';
import { loadExifr, loadSharp } from '../lazy-packages.ts';
import { FileTooLargeError } from '../storage/index.ts';

/** The photo types accepted, by what the bytes are. */
export const PHOTO_MIMES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
]);
/** A photo of more pixels than this (million) is refused before it is decoded. */
export const PHOTO_MAX_MEGAPIXELS = 50;
export const DISPLAY_PX = 1600;
export const THUMBNAIL_PX = 320;
const MAX_PIXELS = PHOTO_MAX_MEGAPIXELS * 1_000_000;

/** The whole upload in memory (sharp and exifr read it whole), refused past `maxBytes`. */
export async function readAll(data: Buffer | Readable, maxBytes: number): Promise<Buffer> {
  if (Buffer.isBuffer(data)) {
    if (data.length > maxBytes) throw new FileTooLargeError(maxBytes);
    return data;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of data) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += b.length;
    if (size > maxBytes) {
      data.destroy();
      throw new FileTooLargeError(maxBytes);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export type Processed = {
  mime: string;
  width: number;
  height: number;
  display: Buffer;
  thumbnail: Buffer;
  takenAt: string | null;
  latitude: number | null;
  longitude: number | null;
};

const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const degrees = (n: unknown, max: number): number | null =>
  typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= max ? Math.round(n * 1e6) / 1e6 : null;

/** EXIF DateTimeOriginal and GPS; nothing when the photo has none or they cannot be read. */
async function readExif(buf: Buffer) {
  const exifr = await loadExifr();
  const exif = (await exifr
    .parse(buf, {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      interop: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      reviveValues: false,
      translateValues: false,
      mergeOutput: true,
    })
    .catch(() => null)) as Record<string, unknown> | null | undefined;
  const raw = (k: string) => (typeof exif?.[k] === 'string' ? (exif[k] as string) : null);
  let latitude = degrees(exif?.latitude, 90);
  let longitude = degrees(exif?.longitude, 180);
  // 0,0 is a GPS that had no fix, not a place in the Gulf of Guinea.
  if (latitude === null || longitude === null || (latitude === 0 && longitude === 0))
    latitude = longitude = null;
  return {
    takenAt: exifTimeToIso(raw('DateTimeOriginal') ?? raw('CreateDate'), raw('OffsetTimeOriginal')),
    latitude,
    longitude,
  };
}

/** Type by the bytes, pixels from the header, then the two JPEG copies and the EXIF. */
export async function processPhoto(buf: Buffer): Promise<Processed> {
  const type = await fileTypeFromBuffer(buf);
  if (!type || !PHOTO_MIMES.has(type.mime))
    throw new AppError('dispatch_photo_type', { type: type?.mime ?? '?' });
  const unreadable = () => new AppError('dispatch_photo_unreadable', { type: type.mime });
  const sharp = await loadSharp();
  const meta = await sharp(buf, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw unreadable();
    });
  if (!meta.width || !meta.height) throw unreadable();
  const tooMany = (w: number, h: number) =>
    new AppError('dispatch_photo_too_many_pixels', {
      megapixels: oneDecimal((w * h) / 1_000_000),
      limit: PHOTO_MAX_MEGAPIXELS,
    });
  if (meta.width * meta.height > MAX_PIXELS) throw tooMany(meta.width, meta.height);
  const sideways = (meta.orientation ?? 1) >= 5;
  const copy = (px: number, quality: number) =>
    sharp(buf, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate()
      .resize(px, px, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality })
      .toBuffer();
  let display: Buffer;
  let thumbnail: Buffer;
  try {
    display = await copy(DISPLAY_PX, 80);
    thumbnail = await copy(THUMBNAIL_PX, 70);
  } catch (e) {
    if (e instanceof Error && /pixel limit/i.test(e.message)) throw tooMany(meta.width, meta.height);
    throw unreadable();
  }
  return {
    mime: type.mime,
    width: sideways ? meta.height : meta.width,
    height: sideways ? meta.width : meta.height,
    display,
    thumbnail,
    ...(await readExif(buf)),
  };
}
