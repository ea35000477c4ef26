/**
 * Packages loaded on their first use instead of at start (issue 11: start-up). None of them is
 * needed for the first answer: sharp and exifr serve photos, pg only a PostgreSQL database, qrcode
 * the second factor's enrolment. Loading them all at start cost about a third of the built
 * server's start (sharp alone loads libvips, semver and its colour tables; pg touches the global
 * `Response`, which loads undici). Each is imported once; every caller awaits the same promise, so
 * the first request that needs one waits for it and later ones get it at once. The server build
 * (scripts/build-server.mjs) puts the bundled ones (pg, exifr, qrcode) in chunks of their own.
 */
import type Sharp from 'sharp';
import type Pg from 'pg';
import type Exifr from 'exifr';
import type QRCode from 'qrcode';

const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => {
    // A failed load (a missing native library) is tried again by the next caller.
    p ??= load().catch((err: unknown) => {
      p = undefined;
      throw err;
    });
    return p;
  };
};

export const loadSharp = once(async (): Promise<typeof Sharp> => (await import('sharp')).default);
export const loadPg = once(async (): Promise<typeof Pg> => (await import('pg')).default);
export const loadExifr = once(async (): Promise<typeof Exifr> => (await import('exifr')).default);
export const loadQrcode = once(async (): Promise<typeof QRCode> => (await import('qrcode')).default);
