import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
import type { DispatchPhoto, DispatchPhotoList, DispatchReport, DispatchRound } from '@guatu/contracts';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../src/policies/actor.ts';
import { addReportPhoto } from '../src/services/dispatch-photos.service.ts';
import { fileStoreOf, type FileStore } from '../src/storage/index.ts';
import { purgeOrphanFilesJob } from '../src/storage/purge-orphan-files.job.ts';
import { buildUser } from './factories.ts';
import { deflateRepeated, zip } from './fixtures/hostile-files.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  type Session,
  type TestContext,
} from './harness.ts';

// Report photos (一月一调度, issue 10 item 2): a photo of a saved report is stored with a display
// copy and a thumbnail (JPEG, turned upright), its EXIF time and place kept and checked against the
// month and the project's coordinates; sent twice under one clientKey it is stored once; hostile
// files are refused with a code; a failure half-way leaves no row and no file.

/** The project's place in these tests: 37.70°N 117.20°E. A photo at 37.75°N is 0.05° north:
 * 0.05 × π/180 × 6371 km = 5.5597 km → photo_far_away with distanceKm 5.6. */
const SITE = { latitude: 37.7, longitude: 117.2 };

type JpegOptions = {
  width?: number;
  height?: number;
  orientation?: number;
  taken?: string;
  /** Degrees, minutes, seconds (north, east). */
  gps?: { lat: [number, number, number]; lon: [number, number, number] };
};

/** A JPEG made here, with the EXIF a phone writes (DateTimeOriginal, GPS, orientation). */
async function jpeg(o: JpegOptions = {}): Promise<Buffer> {
  let img = sharp({
    create: {
      width: o.width ?? 4000,
      height: o.height ?? 3000,
      channels: 3,
      background: { r: 180, g: 120, b: Math.floor(Math.random() * 255) },
    },
  }).jpeg({ quality: 90 });
  if (o.orientation) img = img.withMetadata({ orientation: o.orientation });
  const dms = (v: [number, number, number]) => v.map((n) => `${n}/1`).join(' ');
  const exif: Record<string, Record<string, string>> = {};
  if (o.taken) exif.IFD2 = { DateTimeOriginal: o.taken };
  if (o.gps)
    exif.IFD3 = {
      GPSLatitudeRef: 'N',
      GPSLatitude: dms(o.gps.lat),
      GPSLongitudeRef: 'E',
      GPSLongitude: dms(o.gps.lon),
    };
  if (Object.keys(exif).length > 0) img = img.withExifMerge(exif);
  return img.toBuffer();
}

function multipart(parts: Array<{ name: string; fileName?: string; data: Buffer | string }>) {
  const boundary = `----guatu${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = p.fileName
      ? `form-data; name="${p.name}"; filename="${p.fileName}"\r\nContent-Type: application/octet-stream`
      : `form-data; name="${p.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`, 'utf8'));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A real PNG of width × height grey pixels, all zero: a few KB holding tens of megapixels. */
function greyPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const raw = Buffer.alloc((width + 1) * height); // filter byte 0 and zero pixels per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describeEngines('dispatch report photos API', (engine) => {
  let ctx: TestContext;
  let fgj: Session;
  let dataDir: string;
  let round: DispatchRound;
  let reporters: Array<{ projectId: number; username: string; userId: number }>;
  let next = 0;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-photos-'));
    ctx = await createTestContext(engine, { dataDir });
    fgj = await login(ctx.app, 'fgj');
    // TEST_NOW is 2026-11-25: the November round is open until its deadline.
    const opened = await call(ctx.app, fgj, 'POST', '/api/dispatch/rounds', {
      month: '2026-11',
      deadline: '2026-11-30',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    round = opened.json() as DispatchRound;
    // Each test takes its own project of the round, one with a task-force member holding an account.
    const rows = await ctx.handle.db
      .selectFrom('dispatchRoundProjects as rp')
      .innerJoin('projectMembers as pm', 'pm.projectId', 'rp.projectId')
      .innerJoin('people as pe', 'pe.id', 'pm.personId')
      .innerJoin('users as u', 'u.id', 'pe.userId')
      .where('rp.roundId', '=', round.id)
      .select(['rp.projectId', 'u.username', 'u.id as userId'])
      .orderBy('rp.projectId')
      .execute();
    const seen = new Set<number>();
    reporters = rows.filter((r) => !seen.has(r.projectId) && seen.add(r.projectId));
    await ctx.handle.db.updateTable('projects').set(SITE).execute();
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const filesDir = () => path.join(dataDir, 'files');
  /** Every stored file (tmp/ excluded). */
  const storedFiles = (): string[] =>
    fs.existsSync(filesDir())
      ? (fs.readdirSync(filesDir(), { recursive: true }) as string[])
          .filter((f) => /^[0-9a-f]{64}$/.test(path.basename(f)))
          .map((f) => path.basename(f))
          .sort()
      : [];

  /** A fresh project of the round with its reporter logged in and (unless told) a saved draft. */
  async function freshReport(draft = true) {
    const r = reporters[next++]!;
    const session = await login(ctx.app, r.username);
    const url = `/api/dispatch/rounds/${round.id}/reports/${r.projectId}`;
    if (draft) {
      const saved = await call(ctx.app, session, 'PUT', url, {
        completedThisMonth: 1_500_000,
        progressText: '主体结构施工至三层',
        workersOnSite: 86,
        fundsInPlace: 2_000_000,
        problems: [],
        nextMonthPlan: '完成主体封顶',
        idempotencyKey: randomUUID(),
      });
      expect(saved.statusCode, saved.body).toBe(200);
    }
    return { ...r, session, url, photos: `${url}/photos` };
  }

  const upload = (s: Session, url: string, fileName: string, data: Buffer, clientKey?: string) => {
    const { payload, contentType } = multipart([
      ...(clientKey ? [{ name: 'clientKey', data: clientKey }] : []),
      { name: 'file', fileName, data },
    ]);
    return ctx.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType },
    });
  };
  const photoRows = (reportId?: number) => {
    let q = ctx.handle.db.selectFrom('dispatchPhotos').selectAll();
    if (reportId !== undefined) q = q.where('reportId', '=', reportId);
    return q.execute();
  };
  const reportAttachments = (reportId: number) =>
    ctx.handle.db
      .selectFrom('attachments')
      .select(['id', 'deletedAt'])
      .where('ownerEntity', '=', 'report')
      .where('ownerId', '=', reportId)
      .execute();
  const reportIdOf = async (projectId: number) =>
    (
      await ctx.handle.db
        .selectFrom('dispatchReports')
        .select('id')
        .where('roundId', '=', round.id)
        .where('projectId', '=', projectId)
        .executeTakeFirstOrThrow()
    ).id;

  it('stores a phone photo: EXIF time and place kept, 5.6 km away warned, upright display and thumbnail JPEGs, audited, in the report', async () => {
    const r = await freshReport();
    // A 4000×3000 photo held sideways (EXIF orientation 6: seen as 3000×4000), taken on 2026-11-20
    // at 09:30 China time (01:30 UTC) at 37°45′N 117°12′E.
    const data = await jpeg({
      orientation: 6,
      taken: '2026:11:20 09:30:00',
      gps: { lat: [37, 45, 0], lon: [117, 12, 0] },
    });
    const res = await upload(r.session, r.photos, '现场 1.jpg', data, randomUUID());
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json() as DispatchPhoto;
    expect(photo).toMatchObject({
      fileName: '现场 1.jpg',
      width: 3000,
      height: 4000,
      takenAt: '2026-11-20T01:30:00.000Z',
      latitude: 37.75,
      longitude: 117.2,
      warnings: [{ code: 'photo_far_away', params: { distanceKm: 5.6, limitKm: 5 } }],
      thumbnailUrl: `/api/dispatch/photos/${photo.id}/thumbnail`,
      displayUrl: `/api/dispatch/photos/${photo.id}/display`,
      createdAt: '2026-11-25T02:00:00.000Z',
      canDelete: true,
    });

    // Display ≈1600 px on the long side, thumbnail ≈320 px: JPEGs, upright (portrait).
    for (const [which, w, h] of [
      ['display', 1200, 1600],
      ['thumbnail', 240, 320],
    ] as const) {
      const img = await call(ctx.app, r.session, 'GET', `/api/dispatch/photos/${photo.id}/${which}`);
      expect(img.statusCode, img.body).toBe(200);
      expect(img.headers['content-type']).toBe('image/jpeg');
      const meta = await sharp(img.rawPayload).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
        format: 'jpeg',
        width: w,
        height: h,
      });
    }
    // The original, byte for byte, through the attachments (owner 'report').
    const original = await call(ctx.app, fgj, 'GET', `/api/attachments/${photo.attachmentId}`);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(original.rawPayload, data)).toBe(0);

    // The report's answer carries it; so does the list (the admin may delete it too).
    const report = (await call(ctx.app, r.session, 'GET', r.url)).json() as DispatchReport;
    expect(report.photos.map((p) => p.id)).toEqual([photo.id]);
    const list = (await call(ctx.app, fgj, 'GET', r.photos)).json() as DispatchPhotoList;
    expect(list.items).toEqual([{ ...photo, canDelete: true }]);

    const audit = await ctx.handle.db
      .selectFrom('auditLog')
      .select(['action', 'actorId', 'after'])
      .where('entity', '=', 'dispatch_photo')
      .where('entityId', '=', String(photo.id))
      .execute();
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([['create', r.userId]]);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({
      projectId: r.projectId,
      fileName: '现场 1.jpg',
      takenAt: '2026-11-20T01:30:00.000Z',
      latitude: 37.75,
      longitude: 117.2,
    });
  });

  it('warns of a photo taken more than 31 days before the month, and of one with no EXIF at all', async () => {
    const r = await freshReport();
    // 2026-09-30 10:00 China time: the November round began 2026-11-01, 32 days later.
    const old = await upload(
      r.session,
      r.photos,
      'old.jpg',
      await jpeg({
        width: 800,
        height: 600,
        taken: '2026:09:30 10:00:00',
        gps: { lat: [37, 42, 0], lon: [117, 12, 0] },
      }),
    );
    expect(old.statusCode, old.body).toBe(201);
    expect((old.json() as DispatchPhoto).warnings).toEqual([
      { code: 'photo_taken_early', params: { takenAt: '2026-09-30', month: '2026-11' } },
    ]);
    // A PNG (no EXIF): kept, with a JPEG display copy and thumbnail, and photo_no_exif.
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const bare = await upload(r.session, r.photos, 'screen.png', png);
    expect(bare.statusCode, bare.body).toBe(201);
    const p = bare.json() as DispatchPhoto;
    expect(p).toMatchObject({ width: 640, height: 480, takenAt: null, latitude: null, longitude: null });
    expect(p.warnings).toEqual([{ code: 'photo_no_exif', params: {} }]);
    const thumb = await call(ctx.app, r.session, 'GET', p.thumbnailUrl);
    const meta = await sharp(thumb.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 240]);
    // A small photo is not enlarged.
    const display = await sharp((await call(ctx.app, r.session, 'GET', p.displayUrl)).rawPayload).metadata();
    expect([display.width, display.height]).toEqual([640, 480]);
  });

  it('stores a photo sent twice under one clientKey once (200 with the stored photo the second time)', async () => {
    const r = await freshReport();
    const key = randomUUID();
    const data = await jpeg({ width: 1000, height: 750, taken: '2026:11:21 08:00:00' });
    const first = await upload(r.session, r.photos, 'a.jpg', data, key);
    expect(first.statusCode, first.body).toBe(201);
    const filesAfterFirst = storedFiles();
    const again = await upload(r.session, r.photos, 'a.jpg', data, key);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(first.json());
    const reportId = await reportIdOf(r.projectId);
    expect(await photoRows(reportId)).toHaveLength(1);
    expect(await reportAttachments(reportId)).toHaveLength(1);
    expect(storedFiles()).toEqual(filesAfterFirst);
    // Another key is another photo (the same bytes: one content in the store).
    const other = await upload(r.session, r.photos, 'a.jpg', data, randomUUID());
    expect(other.statusCode).toBe(201);
    expect(await photoRows(reportId)).toHaveLength(2);
    expect(storedFiles()).toEqual(filesAfterFirst);
    // Both sends of one photo at once (an offline queue flushing twice): one 201, one 200, one row.
    const raced = randomUUID();
    const both = await Promise.all([
      upload(r.session, r.photos, 'b.jpg', data, raced),
      upload(r.session, r.photos, 'b.jpg', data, raced),
    ]);
    expect(both.map((b) => b.statusCode).sort()).toEqual([200, 201]);
    expect(both[0]!.json().id).toBe(both[1]!.json().id);
    expect(await photoRows(reportId)).toHaveLength(3);
    expect(storedFiles()).toEqual(filesAfterFirst);
    // A key that is not a UUID is refused.
    const bad = await upload(r.session, r.photos, 'a.jpg', data, 'not-a-uuid');
    expect(bad.statusCode).toBe(400);
  });

  it('keeps photos to the report’s scope: outsiders 404, a reader 403 on writes', async () => {
    const r = await freshReport();
    const added = await upload(r.session, r.photos, 'p.jpg', await jpeg({ width: 600, height: 400 }));
    expect(added.statusCode, added.body).toBe(201);
    const photo = added.json() as DispatchPhoto;
    // A task-force member of another project only.
    const outsider = reporters.find(
      (x) =>
        x.username !== r.username &&
        !reporters.some((y) => y.username === x.username && y.projectId === r.projectId),
    )!;
    const out = await login(ctx.app, outsider.username);
    const data = await jpeg({ width: 600, height: 400 });
    expect((await upload(out, r.photos, 'x.jpg', data)).statusCode).toBe(404);
    expect((await call(ctx.app, out, 'GET', r.photos)).statusCode).toBe(404);
    for (const url of [photo.thumbnailUrl, photo.displayUrl, `/api/attachments/${photo.attachmentId}`])
      expect((await call(ctx.app, out, 'GET', url)).statusCode, url).toBe(404);
    expect((await call(ctx.app, out, 'DELETE', `/api/dispatch/photos/${photo.id}`)).statusCode).toBe(404);
    // A viewer of 乐陵市 reads the report's photos but may not add or delete one.
    const viewer = (await buildUser(ctx, { roles: ['viewer'] })).session!;
    const seen = (await call(ctx.app, viewer, 'GET', r.photos)).json() as DispatchPhotoList;
    expect(seen.items.map((p) => [p.id, p.canDelete])).toEqual([[photo.id, false]]);
    expect((await call(ctx.app, viewer, 'GET', photo.thumbnailUrl)).statusCode).toBe(200);
    expect((await upload(viewer, r.photos, 'x.jpg', data)).statusCode).toBe(403);
    expect((await call(ctx.app, viewer, 'DELETE', `/api/dispatch/photos/${photo.id}`)).statusCode).toBe(403);
    // The original is not added or deleted around the photo routes.
    expect(
      (await call(ctx.app, r.session, 'DELETE', `/api/attachments/${photo.attachmentId}`)).statusCode,
    ).toBe(403);
    expect((await call(ctx.app, viewer, 'GET', photo.thumbnailUrl)).statusCode).toBe(200);
    expect(await photoRows(photo.reportId)).toHaveLength(1);
  });

  it('needs a saved, editable report: none yet 404; submitted 409 dispatch_report_locked; returned takes photos again', async () => {
    const r = await freshReport(false);
    const data = await jpeg({ width: 600, height: 400 });
    const none = await upload(r.session, r.photos, 'p.jpg', data);
    expect(none.statusCode, none.body).toBe(404);
    expect(none.json().error.params).toEqual({ entity: 'dispatchReport' });

    const key = randomUUID();
    const body = {
      completedThisMonth: 1_500_000,
      progressText: '主体结构施工至三层',
      workersOnSite: 86,
      fundsInPlace: 2_000_000,
      problems: [],
      nextMonthPlan: '完成主体封顶',
      idempotencyKey: key,
    };
    expect((await call(ctx.app, r.session, 'PUT', r.url, body)).statusCode).toBe(200);
    const added = await upload(r.session, r.photos, 'p.jpg', data);
    expect(added.statusCode, added.body).toBe(201);
    const photo = added.json() as DispatchPhoto;
    const sent = await call(ctx.app, r.session, 'POST', `${r.url}/submit`, {
      ...body,
      confirmWarnings: true,
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect((sent.json() as DispatchReport).photos.map((p) => [p.id, p.canDelete])).toEqual([
      [photo.id, false],
    ]);

    const files = storedFiles();
    const locked = await upload(r.session, r.photos, 'q.jpg', await jpeg({ width: 640, height: 400 }));
    expect(locked.statusCode, locked.body).toBe(409);
    expect(locked.json().error).toMatchObject({
      code: 'dispatch_report_locked',
      params: { status: 'submitted' },
    });
    const del = await call(ctx.app, r.session, 'DELETE', `/api/dispatch/photos/${photo.id}`);
    expect(del.statusCode, del.body).toBe(409);
    expect(del.json().error.code).toBe('dispatch_report_locked');
    expect(storedFiles()).toEqual(files);
    expect(await photoRows(photo.reportId)).toHaveLength(1);

    const version = (sent.json() as DispatchReport).version;
    const ret = await call(ctx.app, fgj, 'POST', `${r.url}/return`, { reason: '照片不清楚', version });
    expect(ret.statusCode, ret.body).toBe(200);
    const fix = await upload(r.session, r.photos, 'q.jpg', await jpeg({ width: 640, height: 400 }));
    expect(fix.statusCode, fix.body).toBe(201);
    expect(await photoRows(photo.reportId)).toHaveLength(2);
  });

  it('refuses hostile files with a code and keeps nothing: PDF and zip bomb 415, random bytes 415, 60 MP 422, cut-short JPEG 422', async () => {
    const r = await freshReport();
    const reportId = await reportIdOf(r.projectId);
    const files = storedFiles();
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      'latin1',
    );
    // 100 MB of zeros deflated into a zip named like a photo.
    const bomb = zip([{ ...deflateRepeated('', '0', 100_000_000, ''), name: 'photo.jpg' }]);
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
    const whole = await jpeg({ width: 1200, height: 900 });
    const cut = whole.subarray(0, Math.floor(whole.length / 2));
    const cases: Array<[string, Buffer, number, string, Record<string, unknown>]> = [
      ['report.pdf', pdf, 415, 'dispatch_photo_type', { type: 'application/pdf' }],
      ['bomb.jpg', bomb, 415, 'dispatch_photo_type', { type: 'application/zip' }],
      ['noise.jpg', random, 415, 'dispatch_photo_type', { type: '?' }],
      // 10000 × 6000 = 60 million pixels (a 60 KB PNG): refused before it is decoded.
      [
        'huge.png',
        greyPng(10_000, 6_000),
        422,
        'dispatch_photo_too_many_pixels',
        { megapixels: 60, limit: 50 },
      ],
      ['cut.jpg', cut, 422, 'dispatch_photo_unreadable', { type: 'image/jpeg' }],
    ];
    for (const [name, data, status, code, params] of cases) {
      const res = await upload(r.session, r.photos, name, data);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json().error, name).toMatchObject({ code, params });
      expect(res.json().error.message, name).toBeTruthy();
    }
    expect(await photoRows(reportId)).toEqual([]);
    expect(await reportAttachments(reportId)).toEqual([]);
    expect(storedFiles()).toEqual(files);
  }, 60_000);

  it.each([2, 3])('leaves no row and no file when the store fails on write %i of 3', async (failOn) => {
    const r = await freshReport();
    const reportId = await reportIdOf(r.projectId);
    const u = await ctx.handle.db
      .selectFrom('users as u')
      .innerJoin('regions as g', 'g.id', 'u.regionId')
      .leftJoin('people as pe', 'pe.userId', 'u.id')
      .where('u.id', '=', r.userId)
      .select(['u.id', 'u.username', 'u.displayName', 'u.regionId', 'g.name', 'g.path', 'pe.id as personId'])
      .executeTakeFirstOrThrow();
    const actor: Actor = {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: ['task_force'],
      regionId: u.regionId,
      regionName: u.name,
      regionPath: u.path,
      departmentId: null,
      personId: u.personId,
      ip: null,
      lang: 'zh-CN',
    };
    const real = fileStoreOf(ctx.config);
    let writes = 0;
    const failing: FileStore = {
      put: async (source, options) => {
        if (++writes === failOn) {
          source.resume();
          throw new Error('disk full');
        }
        return real.put(source, options);
      },
      get: (h) => real.get(h),
      exists: (h) => real.exists(h),
      delete: (h) => real.delete(h),
      list: () => real.list(),
      purgeStaging: (b) => real.purgeStaging(b),
    };
    const photoAudits = async () =>
      (
        await ctx.handle.db
          .selectFrom('auditLog')
          .select('id')
          .where('entity', '=', 'dispatch_photo')
          .execute()
      ).length;
    const auditsBefore = await photoAudits();
    const files = storedFiles();
    const data = await jpeg({ width: 900, height: 600, taken: '2026:11:22 10:00:00' });
    await expect(
      addReportPhoto(
        ctx.handle.db,
        failing,
        actor,
        { roundId: round.id, projectId: r.projectId, fileName: 'p.jpg', data, clientKey: randomUUID() },
        ctx.clock.now,
      ),
    ).rejects.toThrow('disk full');
    expect(writes).toBe(failOn);
    expect(await photoRows(reportId)).toEqual([]);
    expect(await reportAttachments(reportId)).toEqual([]);
    expect(storedFiles()).toEqual(files);
    expect(await photoAudits()).toBe(auditsBefore);
    // The same call on the real store works (the function the demo uses).
    const photo = await addReportPhoto(
      ctx.handle.db,
      real,
      actor,
      { roundId: round.id, projectId: r.projectId, fileName: 'p.jpg', data },
      ctx.clock.now,
    );
    expect(photo).toMatchObject({ takenAt: '2026-11-22T02:00:00.000Z', width: 900, height: 600 });
  });

  it('deletes a photo (204, audited, the original marked deleted), and the orphan purge keeps live photos’ copies', async () => {
    const r = await freshReport();
    const keep = (
      await upload(r.session, r.photos, 'keep.jpg', await jpeg({ width: 800, height: 600 }))
    ).json() as DispatchPhoto;
    const drop = (
      await upload(r.session, r.photos, 'drop.jpg', await jpeg({ width: 800, height: 600 }))
    ).json() as DispatchPhoto;
    const del = await call(ctx.app, r.session, 'DELETE', `/api/dispatch/photos/${drop.id}`);
    expect(del.statusCode, del.body).toBe(204);
    expect((await call(ctx.app, r.session, 'DELETE', `/api/dispatch/photos/${drop.id}`)).statusCode).toBe(
      404,
    );
    expect((await call(ctx.app, r.session, 'GET', drop.thumbnailUrl)).statusCode).toBe(404);
    const list = (await call(ctx.app, r.session, 'GET', r.photos)).json() as DispatchPhotoList;
    expect(list.items.map((p) => p.fileName)).toEqual(['keep.jpg']);
    const attachments = await reportAttachments(keep.reportId);
    expect(attachments.map((a) => [a.id, a.deletedAt])).toEqual([
      [keep.attachmentId, null],
      [drop.attachmentId, '2026-11-25T02:00:00.000Z'],
    ]);
    const audit = await ctx.handle.db
      .selectFrom('auditLog')
      .select(['action', 'before'])
      .where('entity', '=', 'dispatch_photo')
      .where('entityId', '=', String(drop.id))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
    expect(JSON.parse(audit[1]!.before!)).toMatchObject({
      fileName: 'drop.jpg',
      attachmentId: drop.attachmentId,
    });

    // Two hours on, the daily purge: the live photo's display copy and thumbnail are still served.
    await purgeOrphanFilesJob.run({
      db: ctx.handle.db,
      config: ctx.config,
      now: new Date(Date.now() + 2 * 3_600_000),
      log: () => {},
    });
    for (const url of [keep.thumbnailUrl, keep.displayUrl]) {
      const img = await call(ctx.app, r.session, 'GET', url);
      expect(img.statusCode, url).toBe(200);
    }
  });
});
