import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { buildLaolingDemo } from '@guatu/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { jobCatalogue } from '../src/jobs/catalogue.ts';
import { contentDisposition } from '../src/routes/attachments.routes.ts';
import { fileStoreOf } from '../src/storage/index.ts';
import { purgeOrphanFilesJob } from '../src/storage/purge-orphan-files.job.ts';
import { cleanFileName } from '../src/services/attachments.service.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

const demo = buildLaolingDemo();
const with2023 = demo.projects.filter((p) => p.years.some((y) => y.year === 2023));
/** A project whose 专班 has tf01 (he reads and edits it) and one without him (outside his scope). */
const TF_PROJECT = with2023.find((p) => p.taskForceUsernames.includes('tf01'))!.name;
const OTHER_PROJECT = with2023.find((p) => !p.taskForceUsernames.includes('tf01'))!.name;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
/** A real 1×1 PNG of one grey level (a different level, a different file). */
function png(grey: number): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, grey]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function multipart(fileName: string, data: Buffer, mime = 'application/octet-stream') {
  const boundary = `----guatu${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      `Content-Type: ${mime}\r\n\r\n`,
    'utf8',
  );
  return {
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe('attachment helpers', () => {
  it('names the file in UTF-8 with an ASCII fallback, never breaking the header', () => {
    expect(contentDisposition('现场照片 (1).png')).toBe(
      `attachment; filename="____ (1).png"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87%20%281%29.png`,
    );
    expect(contentDisposition('a"b\\c.pdf')).toBe(
      `attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`,
    );
  });
  it('keeps no folder or control character of a file name', () => {
    expect(cleanFileName('..\\..\\C:\\x/报告\u0007.pdf')).toBe('报告.pdf');
    expect(cleanFileName('/')).toBe('file');
  });
});

describeEngines('attachments', (engine) => {
  let ctx: TestContext;
  let dataDir: string;
  let admin: Session;
  let tf: Session;
  let viewer: Session;
  let tfProject: number;
  let otherProject: number;
  const files = () => path.join(dataDir, 'files');

  /** The stored contents (every file under files/ but the temporary folder). */
  function storedFiles(): string[] {
    if (!fs.existsSync(files())) return [];
    return (fs.readdirSync(files(), { recursive: true }) as string[])
      .filter((f) => !f.startsWith('tmp') && fs.statSync(path.join(files(), f)).isFile())
      .map((f) => path.basename(f))
      .sort();
  }
  const tmpFiles = () =>
    fs.existsSync(path.join(files(), 'tmp')) ? fs.readdirSync(path.join(files(), 'tmp')) : [];

  const upload = (s: Session, projectId: number, fileName: string, data: Buffer) => {
    const { payload, contentType } = multipart(fileName, data);
    return call(ctx.app, s, 'POST', `/api/projects/${projectId}/attachments`, payload, {
      'content-type': contentType,
    });
  };
  const list = async (s: Session, projectId: number) => {
    const res = await call(ctx.app, s, 'GET', `/api/projects/${projectId}/attachments`);
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: { id: number; fileName: string; sha256: string }[] }).items;
  };
  const rowCount = async () =>
    Number(
      (
        await ctx.handle.db
          .selectFrom('attachments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-files-'));
    ctx = await createTestContext(engine, { dataDir, maxAttachmentMb: 1 });
    admin = await loginAdmin(ctx.app);
    tf = await login(ctx.app, 'tf01');
    viewer = await login(ctx.app, 'viewer');
    tfProject = ctx.ids.projects.get(TF_PROJECT)!;
    otherProject = ctx.ids.projects.get(OTHER_PROJECT)!;
  });
  afterAll(async () => {
    await ctx?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores a PNG and a PDF made here, lists them with their exact size, hash and type, and sends back the exact bytes', async () => {
    const photo = png(10);
    const a = await upload(admin, tfProject, '现场照片.png', photo);
    expect(a.statusCode).toBe(201);
    const b = await upload(tf, tfProject, '开工报告.pdf', PDF);
    expect(b.statusCode).toBe(201);
    const ids = [a.json().id, b.json().id];

    const res = await call(ctx.app, tf, 'GET', `/api/projects/${tfProject}/attachments`);
    const items = res.json().items as Record<string, unknown>[];
    const mine = items.filter((i) => ids.includes(i.id));
    expect(mine).toEqual([
      expect.objectContaining({
        id: ids[0],
        ownerEntity: 'project',
        ownerId: tfProject,
        fileName: '现场照片.png',
        mime: 'image/png',
        size: photo.length,
        sha256: sha(photo),
        uploaderId: ctx.ids.users.get('admin') ?? expect.any(Number),
        createdAt: '2026-11-25T02:00:00.000Z',
        canDelete: false,
      }),
      expect.objectContaining({
        id: ids[1],
        fileName: '开工报告.pdf',
        mime: 'application/pdf',
        size: PDF.length,
        sha256: sha(PDF),
        uploaderId: ctx.ids.users.get('tf01'),
        canDelete: true,
      }),
    ]);
    expect(storedFiles()).toEqual(expect.arrayContaining([sha(photo), sha(PDF)]));
    // files/ab/cd/<sha256>
    const s = sha(photo);
    expect(fs.readFileSync(path.join(files(), s.slice(0, 2), s.slice(2, 4), s))).toEqual(photo);

    const down = await call(ctx.app, tf, 'GET', `/api/attachments/${ids[0]}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload).toEqual(photo);
    expect(down.headers['content-type']).toBe('image/png');
    expect(down.headers['content-length']).toBe(String(photo.length));
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers['content-disposition']).toBe(
      `attachment; filename="____.png"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.png`,
    );
    const pdf = await call(ctx.app, admin, 'GET', `/api/attachments/${ids[1]}`);
    expect(pdf.rawPayload).toEqual(PDF);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    const audit = await ctx.handle.db
      .selectFrom('auditLog')
      .where('entity', '=', 'attachment')
      .where('entityId', 'in', ids.map(String))
      .select(['action', 'entityId', 'actorName'])
      .orderBy('seq')
      .execute();
    expect(audit.map((r) => [r.action, r.entityId])).toEqual([
      ['create', String(ids[0])],
      ['create', String(ids[1])],
    ]);
  });

  it('stores the same content once, however many times and names it is uploaded under', async () => {
    const photo = png(20);
    const first = await upload(admin, tfProject, 'a.png', photo);
    const again = await upload(tf, tfProject, 'b.png', photo);
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(first.json().id).not.toBe(again.json().id);
    expect(again.json().sha256).toBe(sha(photo));
    expect(storedFiles().filter((f) => f === sha(photo))).toHaveLength(1);
    expect(tmpFiles()).toEqual([]);
  });

  it('takes two uploads of one new file at the same moment: two rows, one stored file', async () => {
    const photo = png(30);
    const before = await rowCount();
    const [x, y] = await Promise.all([
      upload(admin, tfProject, 'x.png', photo),
      upload(tf, tfProject, 'y.png', photo),
    ]);
    expect([x.statusCode, y.statusCode]).toEqual([201, 201]);
    expect(await rowCount()).toBe(before + 2);
    expect(storedFiles().filter((f) => f === sha(photo))).toHaveLength(1);
    expect(tmpFiles()).toEqual([]);
  });

  it('answers 404 to a task-force member outside the project, on list, upload and download', async () => {
    const theirs = await upload(admin, otherProject, '他项目.pdf', PDF);
    expect(theirs.statusCode).toBe(201);
    const before = await rowCount();

    const listed = await call(ctx.app, tf, 'GET', `/api/projects/${otherProject}/attachments`);
    expect(listed.statusCode).toBe(404);
    expect(listed.json().error.code).toBe('not_found');
    const down = await call(ctx.app, tf, 'GET', `/api/attachments/${theirs.json().id}`);
    expect(down.statusCode).toBe(404);
    expect(down.rawPayload.includes(PDF)).toBe(false);
    const up = await upload(tf, otherProject, 'x.png', png(40));
    expect(up.statusCode).toBe(404);
    const del = await call(ctx.app, tf, 'DELETE', `/api/attachments/${theirs.json().id}`);
    expect(del.statusCode).toBe(404);
    // A reader who may not edit the project (the viewer) sees its files but may not add one.
    expect((await list(viewer, otherProject)).map((i) => i.id)).toContain(theirs.json().id);
    const viewerUp = await upload(viewer, otherProject, 'v.png', png(41));
    expect(viewerUp.statusCode).toBe(403);
    expect(viewerUp.json().error.code).toBe('forbidden');
    expect(await rowCount()).toBe(before);
    expect(storedFiles()).not.toContain(sha(png(40)));
    expect(storedFiles()).not.toContain(sha(png(41)));
  });

  it('refuses by content whatever the name says: a text file or an executable renamed .png → 400', async () => {
    const before = await rowCount();
    const stored = storedFiles();
    const text = await upload(admin, tfProject, '照片.png', Buffer.from('just some words, not a picture\n'));
    expect(text.statusCode).toBe(400);
    expect(text.json().error).toMatchObject({ code: 'attachment_type' });
    expect(text.json().error.message).toContain('?');
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(62),
      Buffer.from('PE\0\0'),
      Buffer.alloc(200),
    ]);
    exe.writeUInt32LE(64, 60); // e_lfanew → the PE header
    const renamed = await upload(admin, tfProject, 'setup.png', exe);
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().error.code).toBe('attachment_type');
    expect(renamed.json().error.message).toContain('application/x-msdownload');
    expect(await rowCount()).toBe(before);
    expect(storedFiles()).toEqual(stored);
    expect(tmpFiles()).toEqual([]);
  });

  it('accepts an Excel workbook by its content and refuses a plain zip archive', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('进度').addRow(['项目', 1]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const ok = await upload(admin, tfProject, '进度表.xlsx', xlsx);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      size: xlsx.length,
      sha256: sha(xlsx),
    });
    // A zip holding one stored file "a.txt" (its content cannot be checked: refused).
    const data = Buffer.from('hello');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(5, 26);
    const zip = Buffer.concat([header, Buffer.from('a.txt'), data]);
    const refused = await upload(admin, tfProject, 'photos.zip', zip);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('application/zip');
  });

  it('refuses a file past GUATU_MAX_ATTACHMENT_MB with 413, leaving no temporary file and no row', async () => {
    const before = await rowCount();
    const stored = storedFiles();
    const big = Buffer.concat([png(50), Buffer.alloc(1024 * 1024 + 10, 7)]);
    const res = await upload(admin, tfProject, 'big.png', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'too_large', message: '请求内容过大（上限 1 MB）' });
    expect(await rowCount()).toBe(before);
    expect(storedFiles()).toEqual(stored);
    expect(tmpFiles()).toEqual([]);
    // Exactly at the limit is accepted.
    const edge = Buffer.concat([png(51), Buffer.alloc(1024 * 1024 - png(51).length, 7)]);
    const ok = await upload(admin, tfProject, 'edge.png', edge);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().size).toBe(1024 * 1024);
  });

  it('answers 413 over a real connection while the client is still sending, and keeps nothing', async () => {
    const before = await rowCount();
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { payload, contentType } = multipart(
      'huge.png',
      Buffer.concat([png(52), Buffer.alloc(3 * 1024 * 1024, 1)]),
    );
    const res = await fetch(`${address}/api/projects/${tfProject}/attachments`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': contentType },
      body: payload,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too_large');
    expect(await rowCount()).toBe(before);
    expect(tmpFiles()).toEqual([]);
  });

  it('answers 400 to an upload without a file', async () => {
    const res = await call(ctx.app, admin, 'POST', `/api/projects/${tfProject}/attachments`, { a: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('attachment_no_file');
  });

  it('lets the uploader or the admin over the project delete: gone from the list and the download, audited', async () => {
    const photo = png(60);
    const byAdmin = (await upload(admin, tfProject, 'admin.png', photo)).json().id as number;
    const byTf = (await upload(tf, tfProject, 'tf.pdf', PDF)).json().id as number;

    const refused = await call(ctx.app, tf, 'DELETE', `/api/attachments/${byAdmin}`);
    expect(refused.statusCode).toBe(403);
    expect((await call(ctx.app, tf, 'DELETE', `/api/attachments/${byTf}`)).statusCode).toBe(200);
    expect((await call(ctx.app, admin, 'DELETE', `/api/attachments/${byAdmin}`)).statusCode).toBe(200);
    expect((await call(ctx.app, admin, 'DELETE', `/api/attachments/${byAdmin}`)).statusCode).toBe(404);

    const ids = (await list(admin, tfProject)).map((i) => i.id);
    expect(ids).not.toContain(byAdmin);
    expect(ids).not.toContain(byTf);
    expect((await call(ctx.app, admin, 'GET', `/api/attachments/${byAdmin}`)).statusCode).toBe(404);
    const audit = await ctx.handle.db
      .selectFrom('auditLog')
      .where('entity', '=', 'attachment')
      .where('action', '=', 'delete')
      .where('entityId', 'in', [String(byAdmin), String(byTf)])
      .select(['entityId', 'actorName', 'before'])
      .orderBy('seq')
      .execute();
    expect(audit.map((r) => r.entityId)).toEqual([String(byTf), String(byAdmin)]);
    expect(JSON.parse(audit[1]!.before!)).toMatchObject({ fileName: 'admin.png', sha256: sha(photo) });
    // The row is kept, marked deleted.
    const row = await ctx.handle.db
      .selectFrom('attachments')
      .where('id', '=', byAdmin)
      .select(['deletedAt', 'deletedBy'])
      .executeTakeFirstOrThrow();
    expect(row.deletedAt).toBe('2026-11-25T02:00:00.000Z');
  });

  it('the purge-orphan-files job removes old contents no row names and stale staged files, nothing else', async () => {
    expect(jobCatalogue.map((j) => j.name)).toContain('purge-orphan-files');
    const store = fileStoreOf(ctx.config);
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    const at = (f: string) => fs.utimesSync(f, old, old);
    const shaPath = (s: string) => path.join(files(), s.slice(0, 2), s.slice(2, 4), s);
    // An orphan (stored, no row) two hours old, a fresh orphan, and a referenced file made old.
    const orphan = await store.put(Readable.from([png(70)]), { maxBytes: 1e6 });
    const fresh = await store.put(Readable.from([png(71)]), { maxBytes: 1e6 });
    const kept = (await upload(admin, tfProject, 'kept.png', png(72))).json() as {
      id: number;
      sha256: string;
    };
    const deletedRow = (await upload(admin, tfProject, 'gone.png', png(73))).json() as {
      id: number;
      sha256: string;
    };
    expect((await call(ctx.app, admin, 'DELETE', `/api/attachments/${deletedRow.id}`)).statusCode).toBe(200);
    for (const s of [orphan.sha256, kept.sha256, deletedRow.sha256]) at(shaPath(s));
    fs.mkdirSync(path.join(files(), 'tmp'), { recursive: true });
    const staleTmp = path.join(files(), 'tmp', 'crashed.part');
    const liveTmp = path.join(files(), 'tmp', 'uploading.part');
    fs.writeFileSync(staleTmp, 'x');
    fs.writeFileSync(liveTmp, 'y');
    at(staleTmp);

    const summary = await purgeOrphanFilesJob.run({
      db: ctx.handle.db,
      config: ctx.config,
      now: new Date(),
      log: () => {},
    });
    expect(summary).toEqual({ deleted: 1, staging: 1 });
    expect(fs.existsSync(shaPath(orphan.sha256))).toBe(false);
    expect(fs.existsSync(shaPath(fresh.sha256))).toBe(true);
    expect(fs.existsSync(shaPath(kept.sha256))).toBe(true);
    expect(fs.existsSync(shaPath(deletedRow.sha256))).toBe(true); // a deleted row still names it
    expect(fs.readdirSync(path.join(files(), 'tmp'))).toEqual(['uploading.part']);
    const down = await call(ctx.app, admin, 'GET', `/api/attachments/${kept.id}`);
    expect(down.rawPayload).toEqual(png(72));

    // Stored again (a new upload of an old orphan's content) refreshes its date: the purge keeps it.
    const again = await store.put(Readable.from([png(71)]), { maxBytes: 1e6 });
    at(shaPath(again.sha256));
    await store.put(Readable.from([png(71)]), { maxBytes: 1e6 });
    await purgeOrphanFilesJob.run({ db: ctx.handle.db, config: ctx.config, now: new Date(), log: () => {} });
    expect(fs.existsSync(shaPath(again.sha256))).toBe(true);
    fs.rmSync(liveTmp);
  });
});
