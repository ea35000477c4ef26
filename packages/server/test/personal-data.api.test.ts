import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportPreview, ImportUpload, Project, User } from '@guatu/contracts';
import { buildLaolingDemo, maskPhone } from '@guatu/domain';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { setupPersonalData } from '../src/crypto/data-key.ts';
import { createDataCodec, dataCodec, installDataCodec, isSealed } from '../src/crypto/personal-data.ts';
import { openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { unsealedPhoneReads } from '../src/repositories/personal-data.repository.ts';
import { multipart } from './fixtures/ledger-workbooks.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  TEST_DATA_KEY,
  type Session,
  type TestContext,
} from './harness.ts';

const demo = buildLaolingDemo();
/** A whole mobile number (not a digit run inside a longer one, like a 统计代码). */
const PLAIN = /(?<!\d)1[3-9]\d{9}(?!\d)/;

describeEngines('personal data: phones encrypted at rest, masked in answers, audited views', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  let county: Session;
  let secadmin: Session;
  // A demo project with a contact phone, a leader and a task force; and a leader of another one.
  const target = demo.projects.find(
    (p) => p.contactPhone && p.leaderUsername && p.taskForceUsernames.length,
  )!;
  const otherLeader = demo.projects.find(
    (p) => p.leaderUsername && p.leaderUsername !== target.leaderUsername,
  )!.leaderUsername!;
  let projectId: number;

  // Each test on its own fresh database (phones, reveals and their audit rows are shared state):
  // any test passes alone and in any order.
  beforeEach(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
    county = await login(ctx.app, 'fgj');
    secadmin = await login(ctx.app, 'secadmin');
    projectId = ctx.ids.projects.get(target.name)!;
  });
  afterEach(() => ctx.close());

  const auditRows = (entity: string, entityId: number) =>
    ctx.handle.db
      .selectFrom('auditLog')
      .where('action', '=', 'view_personal_data')
      .where('entity', '=', entity)
      .where('entityId', '=', String(entityId))
      .select(['actorName', 'after'])
      .execute();

  it('stores no demo phone in plain text: every value is sealed and opens to the demo number', async () => {
    const users = await ctx.handle.db.selectFrom('users').select(['id', 'username', 'phone']).execute();
    const projects = await ctx.handle.db
      .selectFrom('projects')
      .select(['id', 'name', 'contactPhone'])
      .execute();
    const withPhone = demo.users.filter((u) => u.phone);
    expect(withPhone.length).toBeGreaterThan(20);
    for (const u of withPhone) {
      const row = users.find((r) => r.username === u.username)!;
      expect(row.phone).not.toMatch(PLAIN);
      expect(row.phone!.startsWith('sm4:v1:')).toBe(true);
      expect(dataCodec().open('users.phone', row.phone!)).toBe(u.phone);
    }
    const projectPhones = demo.projects.filter((p) => p.contactPhone);
    expect(projectPhones.length).toBeGreaterThan(10);
    for (const p of projectPhones) {
      const row = projects.find((r) => r.name === p.name)!;
      expect(row.contactPhone).not.toMatch(PLAIN);
      expect(dataCodec().open('projects.contact_phone', row.contactPhone!)).toBe(p.contactPhone);
    }
    for (const r of users) if (r.phone !== null) expect(isSealed(r.phone)).toBe(true);
    for (const r of projects) if (r.contactPhone !== null) expect(isSealed(r.contactPhone)).toBe(true);
  });

  it('answers only masked phones: project detail, users list and the ledger export', async () => {
    for (const s of [admin, county, await login(ctx.app, target.leaderUsername!)]) {
      const p = (await call(ctx.app, s, 'GET', `/api/projects/${projectId}`)).json() as Project;
      expect(p.contactPhone).toBe(maskPhone(target.contactPhone));
      expect(p.contactPhone).toMatch(/^1\d\d\*\*\*\*\d{4}$/);
    }
    const list = await call(ctx.app, secadmin, 'GET', '/api/users?pageSize=500');
    expect(list.statusCode, list.body).toBe(200);
    const items = (list.json() as { items: User[] }).items;
    const fgj = items.find((u) => u.username === 'fgj')!;
    expect(fgj.phone).toBe('138****0001');
    for (const u of items) {
      const expected = demo.users.find((d) => d.username === u.username)?.phone ?? null;
      expect(u.phone).toBe(maskPhone(expected));
    }
    expect(list.body).not.toMatch(PLAIN);

    const res = await call(ctx.app, county, 'GET', '/api/projects/export?year=2023');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = ws.getRow(4).values as unknown[];
    const col = header.findIndex((v) => v === '联系电话');
    expect(col).toBeGreaterThan(0);
    const cells: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 4 && typeof row.getCell(col).value === 'string') cells.push(row.getCell(col).value as string);
    });
    expect(cells).toContain(maskPhone(target.contactPhone));
    for (const c of cells) expect(c).not.toMatch(PLAIN);
  });

  it('gives the whole contact phone to the admin in scope, the leader and the task force, one audit row per view', async () => {
    const before = (await auditRows('project', projectId)).length;
    for (const username of ['viewer', 'dept-zrzy', 'mayor', 'town-shizhong', otherLeader]) {
      const s = await login(ctx.app, username);
      const res = await call(ctx.app, s, 'GET', `/api/projects/${projectId}/contact-phone`);
      expect(res.statusCode, `${username}: ${res.body}`).toBe(403);
    }
    expect((await auditRows('project', projectId)).length).toBe(before);

    const first = await call(ctx.app, county, 'GET', `/api/projects/${projectId}/contact-phone`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ contactPhone: target.contactPhone });
    expect(first.headers['cache-control']).toBe('no-store');
    await call(ctx.app, county, 'GET', `/api/projects/${projectId}/contact-phone`);
    for (const u of [target.leaderUsername!, target.taskForceUsernames[0]!]) {
      const res = await call(
        ctx.app,
        await login(ctx.app, u),
        'GET',
        `/api/projects/${projectId}/contact-phone`,
      );
      expect(res.json()).toEqual({ contactPhone: target.contactPhone });
    }
    const rows = await auditRows('project', projectId);
    expect(rows.length).toBe(before + 4);
    expect(rows.filter((r) => r.actorName === '孟庆华')).toHaveLength(2);
    expect(JSON.parse(rows[0]!.after!)).toEqual({
      field: 'contactPhone',
      masked: maskPhone(target.contactPhone),
    });
    expect(rows.map((r) => r.after).join()).not.toMatch(PLAIN);
  });

  it("gives a user's whole phone to the security admin only, audited", async () => {
    const fgjId = ctx.ids.users.get('fgj')!;
    for (const s of [admin, county, await login(ctx.app, 'auditor'), await login(ctx.app, 'viewer')]) {
      const res = await call(ctx.app, s, 'GET', `/api/users/${fgjId}/phone`);
      expect(res.statusCode, `${s.username}: ${res.body}`).toBe(403);
    }
    expect(await auditRows('user', fgjId)).toHaveLength(0);
    const res = await call(ctx.app, secadmin, 'GET', `/api/users/${fgjId}/phone`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ phone: '13805340001' });
    const rows = await auditRows('user', fgjId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actorName).toBe('安全管理员');
    expect(JSON.parse(rows[0]!.after!)).toEqual({ field: 'phone', masked: '138****0001' });
  });

  it('keeps the real number when a form sends the masked value back, refuses other masked values', async () => {
    const p = (await call(ctx.app, county, 'GET', `/api/projects/${projectId}`)).json() as Project;
    const same = await call(ctx.app, county, 'PATCH', `/api/projects/${projectId}`, {
      version: p.version,
      contactPhone: p.contactPhone,
      notes: '电话未改',
    });
    expect(same.statusCode, same.body).toBe(200);
    const plain = await call(ctx.app, county, 'GET', `/api/projects/${projectId}/contact-phone`);
    expect(plain.json()).toEqual({ contactPhone: target.contactPhone });

    const stars = await call(ctx.app, county, 'PATCH', `/api/projects/${projectId}`, {
      version: p.version + 1,
      contactPhone: '139****0000',
    });
    expect(stars.statusCode).toBe(400);
    expect(stars.json().error.code).toBe('personal_data_masked');

    const changed = await call(ctx.app, county, 'PATCH', `/api/projects/${projectId}`, {
      version: p.version + 1,
      contactPhone: '0534-6212345',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((changed.json() as Project).contactPhone).toBe('053*-***2345');
    const raw = await ctx.handle.db
      .selectFrom('projects')
      .where('id', '=', projectId)
      .select('contactPhone')
      .executeTakeFirstOrThrow();
    expect(raw.contactPhone).not.toContain('6212345');
    expect(dataCodec().open('projects.contact_phone', raw.contactPhone!)).toBe('0534-6212345');
    // The audit of the edit keeps the phone masked too.
    const edit = await ctx.handle.db
      .selectFrom('auditLog')
      .where('action', '=', 'update')
      .where('entity', '=', 'project')
      .where('entityId', '=', String(projectId))
      .select(['before', 'after'])
      .execute();
    expect(edit.map((e) => `${e.before}${e.after}`).join()).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)|6212345/);

    const fgjId = ctx.ids.users.get('fgj')!;
    const users = (await call(ctx.app, secadmin, 'GET', '/api/users?pageSize=500')).json() as {
      items: User[];
    };
    const fgj = users.items.find((u) => u.id === fgjId)!;
    const back = await call(ctx.app, secadmin, 'PATCH', `/api/users/${fgjId}`, {
      version: fgj.version,
      phone: fgj.phone,
      displayName: '孟庆华',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect((await call(ctx.app, secadmin, 'GET', `/api/users/${fgjId}/phone`)).json()).toEqual({
      phone: '13805340001',
    });
    // A new record with a masked phone would store stars: refused.
    const newUser = await call(ctx.app, secadmin, 'POST', '/api/users', {
      username: 'masked-phone',
      displayName: '打码',
      password: 'Xk9#pLm2$vQz',
      roles: ['viewer'],
      regionId: ctx.ids.regions.get('laoling'),
      phone: '138****0001',
    });
    expect(newUser.statusCode, newUser.body).toBe(400);
    expect(newUser.json().error.code).toBe('personal_data_masked');
  });

  it('reports an altered ciphertext instead of showing stars', async () => {
    const victim = demo.projects.filter((p) => p.contactPhone).at(-1)!;
    const id = ctx.ids.projects.get(victim.name)!;
    const row = await ctx.handle.db
      .selectFrom('projects')
      .where('id', '=', id)
      .select('contactPhone')
      .executeTakeFirstOrThrow();
    const parts = row.contactPhone!.split(':');
    parts[3] = (parts[3]![0] === 'A' ? 'B' : 'A') + parts[3]!.slice(1);
    await ctx.handle.db
      .updateTable('projects')
      .set({ contactPhone: parts.join(':') })
      .where('id', '=', id)
      .execute();
    expect(() => dataCodec().open('projects.contact_phone', parts.join(':'))).toThrow(/tag mismatch/);
    for (const url of [`/api/projects/${id}/contact-phone`, `/api/projects/${id}`]) {
      const res = await call(ctx.app, county, 'GET', url);
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('personal_data_unreadable');
      expect(res.json().error.message).toBe(
        `个人信息无法解密（projects.contact_phone #${id}）：数据已被改动或密钥不符，已拒绝读取`,
      );
      expect(res.body).not.toContain('****');
    }
  });

  it('imports plain phones encrypted, and an export imported back leaves every phone as it was', async () => {
    const upload = async (name: string, data: Buffer) => {
      const body = multipart(name, data);
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/projects/import',
        payload: body.payload,
        headers: { ...body.headers, cookie: county.cookie, 'x-csrf-token': county.csrf },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as ImportUpload;
    };
    // The target's contact phone is a landline (its own write: the round trip keeps every kind).
    const p = (await call(ctx.app, county, 'GET', `/api/projects/${projectId}`)).json() as Project;
    const landline = await call(ctx.app, county, 'PATCH', `/api/projects/${projectId}`, {
      version: p.version,
      contactPhone: '0534-6212345',
    });
    expect(landline.statusCode, landline.body).toBe(200);
    const exported = (await call(ctx.app, county, 'GET', '/api/projects/export?year=2023')).rawPayload;
    const up = await upload('导出.xlsx', exported);
    const preview = (
      await call(ctx.app, county, 'POST', `/api/projects/import/${up.uploadId}/preview`, { limit: 1000 })
    ).json() as ImportPreview;
    expect(preview.counts.changed).toBe(0);
    expect(preview.counts.error).toBe(0);
    const commit = await call(ctx.app, county, 'POST', `/api/projects/import/${up.uploadId}/commit`, {});
    expect(commit.statusCode, commit.body).toBe(200);
    const res = await call(ctx.app, county, 'GET', `/api/projects/${projectId}/contact-phone`);
    expect(res.json()).toEqual({ contactPhone: '0534-6212345' });

    const csv = `\ufeff项目名称,项目级别,总投资,联系电话\r\n${target.name},省级,100,13912345678\r\n`;
    const next = await upload('电话.csv', Buffer.from(csv));
    const p2 = (
      await call(ctx.app, county, 'POST', `/api/projects/import/${next.uploadId}/preview`, { year: 2023 })
    ).json() as ImportPreview;
    const diff = p2.rows[0]!.diff.find((d) => d.field === 'contactPhone')!;
    expect(diff).toMatchObject({ before: '053*-***2345', after: '139****5678' });
    const c2 = await call(ctx.app, county, 'POST', `/api/projects/import/${next.uploadId}/commit`, {
      year: 2023,
    });
    expect(c2.statusCode, c2.body).toBe(200);
    const stored = await ctx.handle.db
      .selectFrom('projects')
      .where('id', '=', projectId)
      .select('contactPhone')
      .executeTakeFirstOrThrow();
    expect(stored.contactPhone).not.toMatch(PLAIN);
    expect(dataCodec().open('projects.contact_phone', stored.contactPhone!)).toBe('13912345678');
    const audit = await ctx.handle.db
      .selectFrom('auditLog')
      .where('entity', '=', 'project')
      .where('entityId', '=', String(projectId))
      .select(['before', 'after'])
      .execute();
    expect(audit.map((a) => `${a.before}${a.after}`).join()).not.toMatch(PLAIN);
  });

  it('encrypts plain values left from before at start, and refuses another key or a missing one', async () => {
    const viewerId = ctx.ids.users.get('viewer')!;
    await ctx.handle.db
      .updateTable('users')
      .set({ phone: '13900001111' })
      .where('id', '=', viewerId)
      .execute();
    const project = await ctx.handle.db
      .selectFrom('projects')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await ctx.handle.db
      .updateTable('projects')
      .set({ contactPhone: '13900002222' })
      .where('id', '=', project.id)
      .execute();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-pd-'));
    try {
      const base = { dataKey: TEST_DATA_KEY, dataDir, dataCipher: 'sm4' as const };
      const first = await setupPersonalData(base, ctx.handle, new Date(), () => {});
      // The viewer's phone and the project's contact phone: the two plain values, nothing else.
      expect(first.encrypted).toBe(2);
      const sealedProject = await ctx.handle.db
        .selectFrom('projects')
        .where('id', '=', project.id)
        .select('contactPhone')
        .executeTakeFirstOrThrow();
      expect(dataCodec().open('projects.contact_phone', sealedProject.contactPhone!)).toBe('13900002222');
      const row = await ctx.handle.db
        .selectFrom('users')
        .where('id', '=', viewerId)
        .select('phone')
        .executeTakeFirstOrThrow();
      expect(isSealed(row.phone!)).toBe(true);
      expect(dataCodec().open('users.phone', row.phone!)).toBe('13900001111');
      expect((await setupPersonalData(base, ctx.handle, new Date(), () => {})).encrypted).toBe(0);

      const other = 'ab'.repeat(32);
      await expect(
        setupPersonalData({ ...base, dataKey: other }, ctx.handle, new Date(), () => {}),
      ).rejects.toThrow(/not the key this database was encrypted with/);
      if (engine === 'postgres')
        await expect(
          setupPersonalData({ ...base, dataKey: null }, ctx.handle, new Date(), () => {}),
        ).rejects.toThrow(/GUATU_DATA_KEY is required on PostgreSQL/);
      else {
        // No key file while the database holds encrypted data: no new key is made.
        await expect(
          setupPersonalData({ ...base, dataKey: null }, ctx.handle, new Date(), () => {}),
        ).rejects.toThrow(/encrypted with a key that is not here/);
        // A fresh SQLite database: the key file is generated, mode 0600, and used the next time.
        const fresh = openDatabase({ url: null, file: ':memory:' });
        await migrateToLatest(fresh);
        const logs: string[] = [];
        const made = await setupPersonalData({ ...base, dataKey: null }, fresh, new Date(), (s) =>
          logs.push(s),
        );
        const file = path.join(dataDir, 'guatu.key');
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        expect(logs.join('\n')).toContain(file);
        const again = await setupPersonalData({ ...base, dataKey: null }, fresh, new Date(), () => {});
        expect(again.codec.fingerprint).toBe(made.codec.fingerprint);
        await fresh.db.destroy();
      }
    } finally {
      installDataCodec(createDataCodec(TEST_DATA_KEY));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("finds the plain phones at start through migration 0030's partial index, not a scan of every project", async () => {
    const compiled = unsealedPhoneReads(ctx.handle.db).projects.compile();
    const plan =
      engine === 'sqlite'
        ? (
            await sql.raw<{ detail: string }>(`explain query plan ${compiled.sql}`).execute(ctx.handle.db)
          ).rows
            .map((r) => r.detail)
            .join('\n')
        : // The test database is small enough for a scan to win: whether the index can answer it.
          await ctx.handle.db.transaction().execute(async (trx) => {
            await sql`set local enable_seqscan = off`.execute(trx);
            const rows = (await sql.raw<{ 'QUERY PLAN': string }>(`explain ${compiled.sql}`).execute(trx))
              .rows;
            return rows.map((r) => r['QUERY PLAN']).join('\n');
          });
    expect(compiled.parameters).toEqual([]);
    expect(plan).toContain('projects_unsealed_phone');
  });
  it('writes AES-256-GCM when chosen, and reads both formats', async () => {
    installDataCodec(createDataCodec(TEST_DATA_KEY, 'aes-gcm'));
    try {
      const p = (await call(ctx.app, county, 'GET', `/api/projects/${projectId}`)).json() as Project;
      const res = await call(ctx.app, county, 'PATCH', `/api/projects/${projectId}`, {
        version: p.version,
        contactPhone: '13700001234',
      });
      expect(res.statusCode, res.body).toBe(200);
      const raw = await ctx.handle.db
        .selectFrom('projects')
        .where('id', '=', projectId)
        .select('contactPhone')
        .executeTakeFirstOrThrow();
      expect(raw.contactPhone!.startsWith('gcm:v1:')).toBe(true);
      const fgj = (
        await call(ctx.app, secadmin, 'GET', `/api/users/${ctx.ids.users.get('fgj')}/phone`)
      ).json();
      expect(fgj).toEqual({ phone: '13805340001' }); // an SM4 value, read under the GCM setting
      expect((await call(ctx.app, county, 'GET', `/api/projects/${projectId}/contact-phone`)).json()).toEqual(
        {
          contactPhone: '13700001234',
        },
      );
    } finally {
      installDataCodec(createDataCodec(TEST_DATA_KEY));
    }
  });
});
