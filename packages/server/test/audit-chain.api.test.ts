/**
 * The tamper-evident audit log (issue 7 item 10): the hash chain and its verification, denied
 * requests, audit queries and exports recorded, statistics, the Excel export, and the archive of
 * rows past the retention — on SQLite and PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import type { AuditStats, AuditVerifyResult } from '@guatu/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { auditRowHash, recordAudit } from '../src/repositories/audit.repository.ts';
import { archiveAudit, archiveLine } from '../src/services/audit-archive.job.ts';
import { verifyAuditChain } from '../src/services/audit.service.ts';
import {
  call,
  describeEngines,
  createTestContext,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

describeEngines('audit chain', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  let auditor: Session;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-audit-'));
    ctx = await createTestContext(engine, { dataDir });
    admin = await loginAdmin(ctx.app);
    auditor = await login(ctx.app, 'auditor');
  });
  afterAll(async () => {
    await ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const db = () => ctx.handle.db;
  const rows = () => db().selectFrom('auditLog').selectAll().orderBy('seq').execute();
  const last = async () => (await rows()).at(-1)!;
  const verify = async () => {
    const res = await call(ctx.app, auditor, 'GET', '/api/audit/verify');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as AuditVerifyResult;
  };
  const newDepartment = (name: string, s = admin) =>
    call(ctx.app, s, 'POST', '/api/departments', { regionId: ctx.ids.regions.get('laoling')!, name });

  /** A department of its own, and the audit row of its creation. */
  const departmentRow = async (name: string) => {
    const res = await newDepartment(name);
    expect(res.statusCode, res.body).toBe(201);
    const id = String((res.json() as { id: number }).id);
    return (await rows()).find(
      (r) => r.entity === 'department' && r.action === 'create' && r.entityId === id,
    )!;
  };

  it('passes after some writes, and every row links to the one before it', async () => {
    for (const n of ['链测试一局', '链测试二局']) expect((await newDepartment(n)).statusCode).toBe(201);
    const all = await rows();
    expect(all.map((r) => Number(r.seq))).toEqual(all.map((_, i) => i + 1));
    expect(all[0]!.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < all.length; i++) expect(all[i]!.prevHash).toBe(all[i - 1]!.hash);
    const res = await verify();
    expect(res).toEqual({ ok: true, count: all.length, archived: 0, broken: null });
    // The check is itself recorded.
    expect(await last()).toMatchObject({ action: 'audit_verify', outcome: 'success', actorName: '审计员' });
  });

  it("names exactly the row whose 'after' was changed in the database", async () => {
    const target = await departmentRow('篡改测试局');
    const original = target.after;
    await db()
      .updateTable('auditLog')
      .set({ after: JSON.stringify({ name: '篡改' }) })
      .where('id', '=', target.id)
      .execute();
    const res = await verifyAuditChain(db());
    expect(res.ok).toBe(false);
    expect(res.broken).toEqual({
      id: Number(target.id),
      seq: Number(target.seq),
      reason: 'content_changed',
      expectedSeq: null,
      archive: null,
    });
    // Through the API too (and that failed check is recorded as a failure).
    expect((await verify()).broken).toMatchObject({ id: Number(target.id), reason: 'content_changed' });
    expect(await last()).toMatchObject({ action: 'audit_verify', outcome: 'failure' });
    await db().updateTable('auditLog').set({ after: original }).where('id', '=', target.id).execute();
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('names the row after a deleted middle row as "row missing"', async () => {
    const victim = await departmentRow('删行测试一局');
    const next = await departmentRow('删行测试二局');
    await db().deleteFrom('auditLog').where('id', '=', victim.id).execute();
    const res = await verifyAuditChain(db());
    expect(res.broken).toEqual({
      id: Number(next.id),
      seq: Number(next.seq),
      reason: 'row_missing',
      expectedSeq: Number(victim.seq),
      archive: null,
    });
    await db().insertInto('auditLog').values(victim).execute();
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('names a row whose link was rewritten with a recomputed hash as "link broken"', async () => {
    const target = await departmentRow('断链测试局');
    const forged = 'f'.repeat(64);
    await db()
      .updateTable('auditLog')
      .set({ prevHash: forged, hash: auditRowHash(target, forged) })
      .where('id', '=', target.id)
      .execute();
    expect((await verifyAuditChain(db())).broken).toEqual({
      id: Number(target.id),
      seq: Number(target.seq),
      reason: 'link_broken',
      expectedSeq: null,
      archive: null,
    });
    await db()
      .updateTable('auditLog')
      .set({ prevHash: target.prevHash, hash: target.hash })
      .where('id', '=', target.id)
      .execute();
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('keeps one unforked chain under 20 parallel writes', async () => {
    const before = (await rows()).length;
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => newDepartment(`并发局${i}`)),
      ...Array.from({ length: 10 }, (_, i) =>
        recordAudit(
          db(),
          { id: 0, displayName: '并发', ip: null },
          {
            action: 'run',
            entity: 'job',
            entityId: i,
          },
        ).then(() => ({ statusCode: 201 })),
      ),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const all = await rows();
    expect(all.length).toBe(before + 20);
    expect(new Set(all.map((r) => r.prevHash)).size).toBe(all.length);
    expect(all.map((r) => Number(r.seq))).toEqual(all.map((_, i) => i + 1));
    expect(await verifyAuditChain(db())).toEqual({ ok: true, count: all.length, archived: 0, broken: null });
  });

  it('an audit failure inside a business transaction fails the whole transaction', async () => {
    const town = ctx.ids.regions.get('town-zhuji')!;
    const name = async () =>
      (await db().selectFrom('regions').select('name').where('id', '=', town).executeTakeFirstOrThrow()).name;
    const was = await name();
    const count = (await rows()).length;
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('regions').set({ name: '回滚镇' }).where('id', '=', town).execute();
          await recordAudit(trx, null, { action: 'update', entity: 'region', entityId: town });
          // An entry that cannot be stored (entity is NOT NULL) makes the audit append throw.
          await recordAudit(trx, null, {
            action: 'update',
            entity: null as unknown as 'region',
            entityId: town,
          });
        }),
    ).rejects.toThrow();
    expect(await name()).toBe(was);
    expect((await rows()).length).toBe(count);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it("records a 403 as 'denied' with the actor, route, IP and request id, and still answers 403", async () => {
    const res = await call(ctx.app, admin, 'GET', '/api/audit?entity=user');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('audit_auditor_only');
    const row = await last();
    const adminId = (await call(ctx.app, admin, 'GET', '/api/auth/me')).json().user.id as number;
    expect(row).toMatchObject({
      action: 'denied',
      outcome: 'denied',
      actorId: adminId,
      actorName: '系统管理员',
      entity: 'route',
      entityId: 'GET /api/audit',
      ip: '127.0.0.1',
    });
    expect(JSON.parse(row.after!)).toEqual({
      method: 'GET',
      route: '/api/audit',
      code: 'audit_auditor_only',
    });
    expect(row.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // A missing CSRF token: the actor is known, the route is the pattern.
    const csrf = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/departments/1',
      headers: { cookie: admin.cookie },
      payload: { version: 1 },
    });
    expect(csrf.statusCode).toBe(403);
    const row2 = await last();
    expect(row2).toMatchObject({
      action: 'denied',
      actorId: adminId,
      entityId: 'PATCH /api/departments/:id',
    });
    expect(row2.requestId).not.toBe(row.requestId);
  });

  it('stamps sign-in rows (body parsed, no session yet) with the IP and request id', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-here', password: 'Wrong#2026xx' },
      remoteAddress: '10.9.8.7',
    });
    expect(res.statusCode).toBe(401);
    const row = await last();
    expect(row).toMatchObject({ action: 'login_failed', outcome: 'failure', ip: '10.9.8.7' });
    expect(row.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("records each audit-log query ('audit_query', with the filters) and each export with its row count", async () => {
    const list = await call(ctx.app, auditor, 'GET', '/api/audit?entity=department&outcome=success');
    expect(list.statusCode).toBe(200);
    const total = list.json().total as number;
    const q = await last();
    expect(q).toMatchObject({
      action: 'audit_query',
      entity: 'audit_log',
      actorName: '审计员',
      outcome: 'success',
    });
    expect(JSON.parse(q.after!)).toEqual({
      view: 'list',
      filters: { entity: 'department', outcome: 'success', page: 1, pageSize: 20 },
      total,
    });

    const creates = (await rows()).filter((r) => r.action === 'create').length;
    const xlsx = await call(ctx.app, auditor, 'GET', '/api/audit/export.xlsx?action=create');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('审计日志');
    expect((ws.getRow(1).values as unknown[]).slice(1, 8)).toEqual([
      '序号',
      '编号',
      '时间',
      '操作人',
      '操作人编号',
      '操作',
      '结果',
    ]);
    expect(ws.rowCount - 1).toBe(creates);
    expect(ws.getRow(2).getCell(6).value).toBe('create');
    expect(ws.getRow(2).getCell(7).value).toBe('成功');
    const ex = await last();
    expect(ex).toMatchObject({ action: 'export', entity: 'audit_log', actorName: '审计员' });
    expect(JSON.parse(ex.after!)).toEqual({ filters: { action: 'create' }, rows: creates });

    const ledger = await call(ctx.app, admin, 'GET', '/api/projects/export?year=2023&level=province');
    expect(ledger.statusCode).toBe(200);
    const lr = await last();
    expect(lr).toMatchObject({ action: 'export', entity: 'ledger', actorName: '系统管理员' });
    const ledgerAfter = JSON.parse(lr.after!) as { filters: Record<string, unknown>; rows: number };
    expect(ledgerAfter.filters).toMatchObject({ year: 2023, level: 'province' });
    const page = (
      await call(ctx.app, admin, 'GET', '/api/projects?year=2023&level=province&pageSize=500')
    ).json();
    expect(ledgerAfter.rows).toBe(page.total);

    const chart = await call(ctx.app, admin, 'GET', '/api/war-chart/export.xlsx?year=2023&groupBy=town');
    expect(chart.statusCode).toBe(200);
    const wr = await last();
    expect(wr).toMatchObject({ action: 'export', entity: 'war_chart' });
    expect(JSON.parse(wr.after!)).toMatchObject({ filters: { year: 2023, groupBy: 'town' } });
    const charted = (await call(ctx.app, admin, 'GET', '/api/war-chart?year=2023&groupBy=town')).json();
    expect(JSON.parse(wr.after!).rows).toBe(charted.projects.ids.length);
  });

  it('filters on outcome, IP and actor; lists the actors for the picker', async () => {
    // Its own rows: two denied requests by the admin, a failed sign-in from an address of its own.
    for (let i = 0; i < 2; i++)
      expect((await call(ctx.app, admin, 'GET', '/api/audit')).statusCode).toBe(403);
    const deniedIds = (await rows()).slice(-2).map((r) => Number(r.id));
    const failed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-filter', password: 'Wrong#2026xx' },
      remoteAddress: '10.9.8.42',
    });
    expect(failed.statusCode).toBe(401);
    const denied = (await call(ctx.app, auditor, 'GET', '/api/audit?outcome=denied&pageSize=500')).json();
    expect(denied.items.map((r: { id: number }) => r.id)).toEqual(expect.arrayContaining(deniedIds));
    expect(denied.items.every((r: { outcome: string }) => r.outcome === 'denied')).toBe(true);
    const byIp = (await call(ctx.app, auditor, 'GET', '/api/audit?ip=10.9.8.42')).json();
    expect(byIp.items.map((r: { action: string }) => r.action)).toEqual(['login_failed']);
    const actors = (await call(ctx.app, auditor, 'GET', '/api/audit/actors')).json();
    const adminEntry = actors.items.find((a: { name: string }) => a.name === '系统管理员');
    expect(adminEntry.id).toBe(ctx.ids.users.get('admin'));
    const byActor = (
      await call(ctx.app, auditor, 'GET', `/api/audit?actorId=${adminEntry.id}&pageSize=500`)
    ).json();
    expect(byActor.items.every((r: { actorName: string }) => r.actorName === '系统管理员')).toBe(true);
    expect((await call(ctx.app, admin, 'GET', '/api/audit/actors')).statusCode).toBe(403);
  });

  it('gives exact statistics for a known set of actions', async () => {
    const day = new Date().toISOString().slice(0, 10);
    const stats = async () => {
      const res = await call(ctx.app, auditor, 'GET', `/api/audit/stats?from=${day}&to=${day}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as AuditStats;
    };
    const of = <K extends string>(list: Array<Record<K, unknown> & { count: number }>, k: K, v: unknown) =>
      list.find((x) => x[k] === v)?.count ?? 0;
    const s0 = await stats();
    const dbCount = (await rows()).length;
    expect(s0.total).toBe(dbCount - 1); // the stats query's own row comes after the counting
    // Known actions: 3 creates, 2 updates, 1 denied, all by the admin.
    const made = [];
    for (const n of ['统计一局', '统计二局', '统计三局']) made.push((await newDepartment(n)).json());
    for (const d of made.slice(0, 2))
      expect(
        (
          await call(ctx.app, admin, 'PATCH', `/api/departments/${d.id}`, {
            version: d.version,
            name: `${d.name}（改）`,
          })
        ).statusCode,
      ).toBe(200);
    expect((await call(ctx.app, admin, 'GET', '/api/audit/stats')).statusCode).toBe(403);
    const s1 = await stats();
    expect(s1.total - s0.total).toBe(7); // 3 + 2 + 1 + the first stats query
    expect(of(s1.byAction, 'action', 'create') - of(s0.byAction, 'action', 'create')).toBe(3);
    expect(of(s1.byAction, 'action', 'update') - of(s0.byAction, 'action', 'update')).toBe(2);
    expect(of(s1.byAction, 'action', 'denied') - of(s0.byAction, 'action', 'denied')).toBe(1);
    expect(of(s1.byAction, 'action', 'audit_query') - of(s0.byAction, 'action', 'audit_query')).toBe(1);
    expect(of(s1.byActor, 'actorName', '系统管理员') - of(s0.byActor, 'actorName', '系统管理员')).toBe(6);
    expect(of(s1.byOutcome, 'outcome', 'denied') - of(s0.byOutcome, 'outcome', 'denied')).toBe(1);
    expect(of(s1.byOutcome, 'outcome', 'success') - of(s0.byOutcome, 'outcome', 'success')).toBe(6);
    expect(s1.byDay).toEqual([{ day, count: s1.total }]);
    // The byAction counts add up, and equal a count straight from the table.
    const all = (await rows()).slice(0, -1);
    expect(s1.byAction.reduce((a, x) => a + x.count, 0)).toBe(all.length);
    expect(of(s1.byAction, 'action', 'create')).toBe(all.filter((r) => r.action === 'create').length);
  });

  it('archives rows past the retention to a gzip JSONL file equal to the rows, and the chain still verifies', async () => {
    // On a database of its own: archiving moves every row, which the other tests read.
    const own = await createTestContext(engine, { dataDir });
    const ownAdmin = await loginAdmin(own.app);
    const ownAuditor = await login(own.app, 'auditor');
    const db = () => own.handle.db;
    const rows = () => db().selectFrom('auditLog').selectAll().orderBy('seq').execute();
    const newDepartment = (name: string) =>
      call(own.app, ownAdmin, 'POST', '/api/departments', {
        regionId: own.ids.regions.get('laoling')!,
        name,
      });
    const verify = async () => {
      const res = await call(own.app, ownAuditor, 'GET', '/api/audit/verify');
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as AuditVerifyResult;
    };
    try {
      const before = await rows();
      const ahead = new Date(Date.now() + 200 * 86_400_000);
      const logs: string[] = [];
      const out = await archiveAudit({ db: db(), config: own.config, now: ahead, log: (m) => logs.push(m) });
      expect(out).toMatchObject({ archived: before.length, firstSeq: 1, lastSeq: before.length });
      const file = path.join(dataDir, 'audit-archive', out.fileName as string);
      const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
      expect(lines).toEqual(before.map(archiveLine));
      const archive = await db().selectFrom('auditArchives').selectAll().executeTakeFirstOrThrow();
      expect(archive).toMatchObject({
        firstSeq: 1,
        lastSeq: before.length,
        firstId: Number(before[0]!.id),
        lastId: Number(before.at(-1)!.id),
        rowCount: before.length,
        prevHash: '0'.repeat(64),
        firstHash: before[0]!.hash,
        lastHash: before.at(-1)!.hash,
        fileName: out.fileName,
      });
      const { createHash } = await import('node:crypto');
      expect(archive.fileSha256).toBe(createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
      // Live: only the archive's own record, linked to the last archived hash.
      const live = await rows();
      expect(live).toHaveLength(1);
      expect(live[0]).toMatchObject({
        action: 'audit_archived',
        seq: before.length + 1,
        prevHash: before.at(-1)!.hash,
      });
      expect(await verifyAuditChain(db(), { dataDir })).toEqual({
        ok: true,
        count: 1,
        archived: before.length,
        broken: null,
      });
      expect((await newDepartment('归档后一局')).statusCode).toBe(201);
      expect(await verify()).toMatchObject({ ok: true, archived: before.length });
      // Nothing is old enough at today's clock: nothing more moves.
      expect(await archiveAudit({ db: db(), config: own.config, now: new Date(), log: () => {} })).toEqual({
        archived: 0,
      });
      // A changed archive file is named.
      fs.appendFileSync(file, 'x');
      expect((await verifyAuditChain(db(), { dataDir })).broken).toMatchObject({
        reason: 'archive_changed',
        archive: out.fileName,
      });
    } finally {
      await own.close();
    }
  });
});

describe('audit retention setting', () => {
  it('defaults to 183 days and refuses less', async () => {
    const { loadConfig } = await import('../src/config.ts');
    expect(loadConfig({}).auditRetentionDays).toBe(183);
    expect(loadConfig({ GUATU_AUDIT_RETENTION_DAYS: '400' }).auditRetentionDays).toBe(400);
    expect(() => loadConfig({ GUATU_AUDIT_RETENTION_DAYS: '90' })).toThrow(/at least 183/);
  });
});

describe('npm run guatu -- audit-verify', () => {
  it('exits 0 with the count when intact, 1 naming the first broken row', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-cli-'));
    try {
      const handle = openDatabase({ url: null, file: path.join(dir, 'guatu.db') });
      await migrateToLatest(handle);
      for (let i = 1; i <= 4; i++)
        await recordAudit(
          handle.db,
          { id: 0, displayName: '系统', ip: null },
          { action: 'run', entity: 'job', entityId: i },
        );
      const run = (lang = 'zh_CN.UTF-8') => {
        try {
          const stdout = execFileSync('npx', ['tsx', 'packages/server/src/cli.ts', 'audit-verify'], {
            cwd: path.resolve(import.meta.dirname, '../../..'),
            env: {
              ...process.env,
              GUATU_DATA_DIR: dir,
              DATABASE_URL: '',
              LC_ALL: '',
              LC_MESSAGES: '',
              LANG: lang,
              GUATU_DATA_KEY: '5f1c0e2d9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3b4a5968778695a4b',
            },
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          return { code: 0, out: stdout };
        } catch (e) {
          const err = e as { status: number; stdout: string; stderr: string };
          return { code: err.status, out: err.stdout + err.stderr };
        }
      };
      const ok = run();
      expect(ok.out).toContain('审计链完整：4 条');
      expect(ok.code).toBe(0);
      // An operator whose locale is English reads English: 4 rows + the first check's own row = 5.
      expect(run('en_US.UTF-8').out).toContain('The audit chain is intact: 5 rows');
      const second = await handle.db
        .selectFrom('auditLog')
        .selectAll()
        .where('seq', '=', 2)
        .executeTakeFirstOrThrow();
      await handle.db.updateTable('auditLog').set({ entityId: '99' }).where('seq', '=', 2).execute();
      const bad = run();
      expect(bad.code).toBe(1);
      expect(bad.out).toContain(`审计链断裂：第一处在 id ${second.id}（序号 2）：内容被修改`);
      expect(run('en_US.UTF-8').out).toContain(
        `The audit chain is broken; first at id ${second.id} (seq 2): content changed`,
      );
      await handle.db.destroy();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describeEngines('audit chain migration', (engine) => {
  it('hashes the rows written before migration 0008 into the chain, oldest first', async () => {
    const { Migrator } = await import('kysely');
    const pg = (await import('pg')).default;
    const { randomBytes } = await import('node:crypto');
    let url: string | null = null;
    let drop = async () => {};
    if (engine === 'postgres') {
      const base = process.env.GUATU_TEST_PG_URL ?? process.env.DATABASE_URL!;
      const name = `guatu_m_${randomBytes(5).toString('hex')}`;
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`create database ${name}`);
      await c.end();
      const u = new URL(base);
      u.pathname = `/${name}`;
      url = u.toString();
      drop = async () => {
        const d = new pg.Client({ connectionString: base });
        await d.connect();
        await d.query(`drop database if exists ${name} with (force)`);
        await d.end();
      };
    }
    const handle = openDatabase({ url, file: ':memory:' });
    try {
      const dir = path.resolve(import.meta.dirname, '../src/db/migrations');
      const before = fs
        .readdirSync(dir)
        .filter((f) => f < '0008')
        .map((f) => f.replace(/\.ts$/, ''));
      const migrations = Object.fromEntries(
        await Promise.all(
          before.map(async (n) => {
            const m = (await import(path.join(dir, `${n}.ts`))) as {
              up: (db: unknown, e: typeof engine) => Promise<void>;
            };
            return [n, { up: (db: unknown) => m.up(db, engine) }] as const;
          }),
        ),
      );
      const old = await new Migrator({
        db: handle.db,
        provider: { getMigrations: async () => migrations as never },
      }).migrateToLatest();
      expect(old.error).toBeUndefined();
      const legacy = [
        { action: 'login', entity: 'session', entityId: '1' },
        { action: 'login_failed', entity: 'session', entityId: null },
        { action: 'update', entity: 'project', entityId: '7' },
      ];
      for (const [i, r] of legacy.entries())
        await handle.db
          .insertInto('auditLog')
          .values({
            ...r,
            at: `2026-01-0${i + 1}T00:00:00.000Z`,
            actorId: null,
            actorName: '旧',
            before: null,
            after: '{"a":1}',
            ip: '10.0.0.1',
          } as never)
          .execute();
      await migrateToLatest(handle);
      const rowsNow = await handle.db.selectFrom('auditLog').selectAll().orderBy('seq').execute();
      expect(rowsNow.map((r) => [Number(r.seq), r.action, r.outcome, r.requestId])).toEqual([
        [1, 'login', 'success', null],
        [2, 'login_failed', 'failure', null],
        [3, 'update', 'success', null],
      ]);
      expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, count: 3, archived: 0, broken: null });
      await recordAudit(handle.db, null, { action: 'run', entity: 'job', entityId: null });
      const fourth = await handle.db
        .selectFrom('auditLog')
        .selectAll()
        .where('seq', '=', 4)
        .executeTakeFirstOrThrow();
      expect(fourth.prevHash).toBe(rowsNow[2]!.hash);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    } finally {
      await handle.db.destroy();
      await drop();
    }
  });
});
