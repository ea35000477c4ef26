/**
 * The demo's report photos (domain: DemoDispatch.photos — which reports, when and where taken),
 * drawn here: a building site in flat colours at the project's stage (a pit with piles, a frame
 * rising with a tower crane, a clad building, a finished one with trees), the project's name and
 * the month written on it, as a JPEG with the EXIF a phone writes (DateTimeOriginal, GPS). Each is
 * stored through the report-photo API (addReportPhoto: display copy, thumbnail, EXIF read back,
 * warnings, its attachment and audit rows) as the reporter. A photo goes only on an editable report,
 * so the report is marked returned while its photos are added and then given its status back.
 * Run after the demo's transaction (the photo service opens its own).
 */
import { randomUUID } from 'node:crypto';
import type { DemoDispatch, DemoPhoto } from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import { loadSharp } from '../lazy-packages.ts';
import { findDemoReport, setReportStatusUnversioned } from '../repositories/demo-dispatch.repository.ts';
import { loadActor } from '../services/auth.service.ts';
import { addReportPhoto } from '../services/dispatch-photos.service.ts';
import type { FileStore } from '../storage/index.ts';
import type { DemoIds } from './demo.ts';

const WIDTH = 960;
const HEIGHT = 720;
const escapeXml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

/** A small hash of a text, for the scene's variations (sky, colours, crane side). */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The site at the photo's stage, as SVG. */
export function siteSvg(photo: DemoPhoto): string {
  const h = hashOf(`${photo.projectName}|${photo.fileName}`);
  const skies = ['#bfe0f5', '#d6e9f5', '#e8eef2', '#c9dcec'];
  const sky = skies[h % skies.length]!;
  const ground = 500;
  const left = 260 + (h % 80);
  const width = 420;
  const floors = {
    preparing: 0,
    foundation: 0,
    structure: 3 + (h % 3),
    finishing: 6,
    completing: 6,
    completed: 6,
  }[photo.stage];
  const floorH = 48;
  const parts: string[] = [
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="${sky}"/>`,
    `<circle cx="${820 - (h % 200)}" cy="110" r="42" fill="#fff6c8"/>`,
    `<rect y="${ground}" width="${WIDTH}" height="${HEIGHT - ground}" fill="#c7a77a"/>`,
    `<rect y="${ground}" width="${WIDTH}" height="14" fill="#a88a5f"/>`,
    // The site fence (围挡) with its blue-and-white panels.
    ...Array.from(
      { length: 12 },
      (_, k) =>
        `<rect x="${k * 80}" y="${ground - 40}" width="80" height="40" fill="${k % 2 ? '#2f6fb3' : '#f4f6f8'}"/>`,
    ),
  ];
  if (photo.stage === 'preparing' || photo.stage === 'foundation') {
    parts.push(`<rect x="${left}" y="${ground + 20}" width="${width}" height="90" fill="#8b6b45"/>`);
    for (let k = 0; k < 8; k++)
      parts.push(
        `<rect x="${left + 20 + k * 50}" y="${ground + 30}" width="14" height="70" fill="#9aa3ab"/>`,
      );
    parts.push(`<rect x="${left - 120}" y="${ground - 90}" width="110" height="50" fill="#f2b705" rx="6"/>`);
  } else {
    const top = ground - 40 - floors * floorH;
    const clad = photo.stage !== 'structure';
    parts.push(
      `<rect x="${left}" y="${top}" width="${width}" height="${floors * floorH}" fill="${clad ? '#d9d4cc' : '#b7bcc1'}"/>`,
    );
    for (let f = 0; f < floors; f++)
      for (let w = 0; w < 7; w++)
        parts.push(
          clad
            ? `<rect x="${left + 22 + w * 57}" y="${top + 12 + f * floorH}" width="34" height="24" fill="#6d8fb0"/>`
            : `<rect x="${left + 10 + w * 58}" y="${top + f * floorH}" width="8" height="${floorH}" fill="#80868c"/>`,
        );
    if (!clad)
      for (let f = 0; f <= floors; f++)
        parts.push(
          `<rect x="${left}" y="${top + f * floorH - 4}" width="${width}" height="8" fill="#80868c"/>`,
        );
    if (photo.stage === 'completed' || photo.stage === 'completing')
      for (let k = 0; k < 6; k++)
        parts.push(`<circle cx="${60 + k * 170}" cy="${ground - 50}" r="34" fill="#4f9a56"/>`);
  }
  if (photo.stage !== 'completed') {
    // A tower crane beside the works.
    const x = h % 2 ? left + width + 60 : left - 70;
    parts.push(
      `<rect x="${x}" y="150" width="16" height="${ground - 150}" fill="#f2b705"/>`,
      `<rect x="${x - 200}" y="142" width="360" height="12" fill="#f2b705"/>`,
      `<rect x="${x - 200}" y="154" width="3" height="${120 + (h % 120)}" fill="#444"/>`,
    );
  }
  const month = `${photo.month.slice(0, 4)}年${Number(photo.month.slice(5, 7))}月`;
  parts.push(
    `<rect y="${HEIGHT - 92}" width="${WIDTH}" height="92" fill="#000" fill-opacity="0.45"/>`,
    `<text x="24" y="${HEIGHT - 52}" font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif" font-size="30" fill="#fff">${escapeXml(photo.projectName)}</text>`,
    `<text x="24" y="${HEIGHT - 16}" font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif" font-size="24" fill="#e8e8e8">${month} 现场照片 ${photo.takenAt.slice(0, 10)}</text>`,
  );
  // Drawn on 960 × 720, stored at 640 × 480 (a phone's photo is larger; the display copy is 1600 px at most).
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480" viewBox="0 0 ${WIDTH} ${HEIGHT}">${parts.join('')}</svg>`;
}

/** Degrees as EXIF's degrees, minutes, seconds (rationals). */
function dms(value: number): string {
  const d = Math.floor(value);
  const m = Math.floor((value - d) * 60);
  const s = Math.round(((value - d) * 60 - m) * 60 * 100);
  return `${d}/1 ${m}/1 ${s}/100`;
}

/** The photo as a phone's JPEG: the scene, DateTimeOriginal (Shanghai time) and GPS. */
export async function renderDemoPhoto(photo: DemoPhoto): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(Buffer.from(siteSvg(photo)))
    .jpeg({ quality: 82 })
    .withExifMerge({
      IFD0: { Make: 'Guatu', Model: 'Demo' },
      IFD2: { DateTimeOriginal: photo.takenAt.replace(/-/g, ':').replace('T', ' ') },
      IFD3: {
        GPSLatitudeRef: photo.latitude >= 0 ? 'N' : 'S',
        GPSLatitude: dms(Math.abs(photo.latitude)),
        GPSLongitudeRef: photo.longitude >= 0 ? 'E' : 'W',
        GPSLongitude: dms(Math.abs(photo.longitude)),
      },
    })
    .toBuffer();
}

/** Adds the dispatch's photos to their reports; returns how many were stored. */
export async function seedDemoPhotos(
  db: Db,
  store: FileStore,
  dispatch: DemoDispatch,
  ids: DemoIds,
): Promise<number> {
  const regionId = ids.regions.get(dispatch.regionKey)!;
  const groups = new Map<string, DemoPhoto[]>();
  for (const p of dispatch.photos) {
    const key = `${p.month}|${p.projectName}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  // Drawn all at once: sharp works on its own threads meanwhile.
  const images = new Map(
    await Promise.all(dispatch.photos.map(async (p) => [p, await renderDemoPhoto(p)] as const)),
  );
  let stored = 0;
  for (const photos of groups.values()) {
    const { month, projectName } = photos[0]!;
    const projectId = ids.projects.get(projectName)!;
    const report = await findDemoReport(db, regionId, month, projectId);
    if (!report) continue;
    const reporter = report.submittedBy ?? ids.users.get('fgj') ?? null;
    const actor = reporter === null ? null : await loadActor(db, reporter, null, 'zh-CN');
    if (!actor) continue;
    await setReportStatusUnversioned(db, report.id, 'returned');
    try {
      for (const photo of photos) {
        const at = new Date(report.submittedAt ?? `${photo.takenAt.slice(0, 10)}T09:00:00Z`);
        await addReportPhoto(
          db,
          store,
          actor,
          {
            roundId: report.roundId,
            projectId,
            fileName: photo.fileName,
            data: images.get(photo)!,
            clientKey: randomUUID(),
          },
          at,
        );
        stored++;
      }
    } finally {
      await setReportStatusUnversioned(db, report.id, report.status);
    }
  }
  return stored;
}
