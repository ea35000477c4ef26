import type { ImportUpload, JobInfo, JobList } from '@guatu/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connect.ts';
import { retryDelayMinutes, runDueJobs, runNow } from '../src/jobs/runner.ts';
import type { JobDefinition } from '../src/jobs/types.ts';
import { findJobRow, findRecentRuns } from '../src/repositories/jobs.repository.ts';
import { purgeExpiredUploadsJob } from '../src/services/ledger-import-purge.job.ts';
import { csvLedger, multipart } from './fixtures/ledger-workbooks.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

const quiet = { log: () => {} };
const at = (iso: string) => new Date(iso);

describeEngines('job runner and 后台任务 API', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
  });
  afterAll(() => ctx.close());

  const run = (now: Date, catalogue: JobDefinition[]) =>
    runDueJobs(ctx.handle, ctx.config, now, catalogue, quiet);

  it('runs a cron job once at its time (Asia/Shanghai), not before, and records the run', async () => {
    const calls: string[] = [];
    const job: JobDefinition = {
      name: 'test-every-ten',
      schedule: '*/10 * * * *',
      run: async ({ now }) => {
        calls.push(now.toISOString());
        return { n: calls.length };
      },
    };
    expect(await run(at('2026-11-25T02:03:00Z'), [job])).toEqual([]);
    expect((await findJobRow(ctx.handle.db, job.name))!.nextRunAt).toBe('2026-11-25T02:10:00.000Z');
    expect(await run(at('2026-11-25T02:09:59.999Z'), [job])).toEqual([]);
    const ran = await run(at('2026-11-25T02:10:00Z'), [job]);
    expect(ran).toEqual([
      expect.objectContaining({
        name: job.name,
        status: 'ok',
        attempt: 1,
        summary: { n: 1 },
        error: null,
        nextRunAt: '2026-11-25T02:20:00.000Z',
      }),
    ]);
    expect(await run(at('2026-11-25T02:10:30Z'), [job])).toEqual([]);
    expect(calls).toEqual(['2026-11-25T02:10:00.000Z']);
    const row = (await findJobRow(ctx.handle.db, job.name))!;
    expect(row).toMatchObject({
      lastRunAt: '2026-11-25T02:10:00.000Z',
      lastStatus: 'ok',
      lastError: null,
      failures: 0,
      attempts: 1,
      lockedBy: null,
      lockedUntil: null,
    });
    const runs = await findRecentRuns(ctx.handle.db, job.name, 10);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      job: job.name,
      status: 'ok',
      startedAt: '2026-11-25T02:10:00.000Z',
      summary: '{"n":1}',
      error: null,
    });
    expect(runs[0]!.finishedAt! >= runs[0]!.startedAt).toBe(true);

    // A daily 02:00 job is due at 02:00 in Shanghai: 18:00 UTC the day before.
    const daily: JobDefinition = { name: 'test-daily-two', schedule: '0 2 * * *', run: async () => {} };
    await run(at('2026-11-25T02:03:00Z'), [daily]);
    expect((await findJobRow(ctx.handle.db, daily.name))!.nextRunAt).toBe('2026-11-25T18:00:00.000Z');
  });

  it('retries a failing job after 1, 2, 4 minutes, counting failures, then follows its schedule again', async () => {
    let failing = true;
    let calls = 0;
    const job: JobDefinition = {
      name: 'test-flaky',
      schedule: '0 3 * * *', // 03:00 Shanghai = 19:00 UTC
      run: async () => {
        calls++;
        if (failing) throw new Error('disk full');
        return { ok: 1 };
      },
    };
    expect(await run(at('2026-11-25T18:59:00Z'), [job])).toEqual([]);
    const first = await run(at('2026-11-25T19:00:00Z'), [job]);
    expect(first).toEqual([
      expect.objectContaining({
        status: 'failed',
        error: 'disk full',
        attempt: 1,
        nextRunAt: '2026-11-25T19:01:00.000Z',
      }),
    ]);
    expect(await findJobRow(ctx.handle.db, job.name)).toMatchObject({
      lastStatus: 'failed',
      lastError: 'disk full',
      failures: 1,
      totalFailures: 1,
    });
    expect(await run(at('2026-11-25T19:00:59Z'), [job])).toEqual([]);
    expect((await run(at('2026-11-25T19:01:00Z'), [job]))[0]).toMatchObject({
      attempt: 2,
      nextRunAt: '2026-11-25T19:03:00.000Z',
    });
    expect(await run(at('2026-11-25T19:02:59Z'), [job])).toEqual([]);
    expect((await run(at('2026-11-25T19:03:00Z'), [job]))[0]).toMatchObject({
      attempt: 3,
      nextRunAt: '2026-11-25T19:07:00.000Z',
    });
    expect(await findJobRow(ctx.handle.db, job.name)).toMatchObject({ failures: 3, totalFailures: 3 });
    failing = false;
    expect((await run(at('2026-11-25T19:07:00Z'), [job]))[0]).toMatchObject({
      status: 'ok',
      attempt: 4,
      nextRunAt: '2026-11-26T19:00:00.000Z',
    });
    expect(await findJobRow(ctx.handle.db, job.name)).toMatchObject({
      lastStatus: 'ok',
      lastError: null,
      failures: 0,
      totalFailures: 3,
      attempts: 4,
    });
    expect(calls).toBe(4);
    const runs = await findRecentRuns(ctx.handle.db, job.name, 10);
    expect(runs.map((r) => [r.status, r.attempt, r.error])).toEqual([
      ['ok', 4, null],
      ['failed', 3, 'disk full'],
      ['failed', 2, 'disk full'],
      ['failed', 1, 'disk full'],
    ]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(retryDelayMinutes)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('runs a job without a schedule only when asked (runNow), once per request', async () => {
    let calls = 0;
    const job: JobDefinition = {
      name: 'test-manual',
      schedule: null,
      run: async () => {
        calls++;
      },
    };
    const catalogue = [job];
    expect(await run(at('2026-11-26T00:00:00Z'), catalogue)).toEqual([]);
    expect((await findJobRow(ctx.handle.db, job.name))!.nextRunAt).toBeNull();
    expect(await runNow(ctx.handle.db, 'test-manual', { now: at('2026-11-26T00:01:00Z'), catalogue })).toBe(
      true,
    );
    expect((await findJobRow(ctx.handle.db, job.name))!.requestedAt).toBe('2026-11-26T00:01:00.000Z');
    expect(await run(at('2026-11-26T00:01:05Z'), catalogue)).toMatchObject([
      { name: 'test-manual', status: 'ok', summary: null, nextRunAt: null },
    ]);
    expect(await run(at('2026-11-26T00:02:00Z'), catalogue)).toEqual([]);
    expect(calls).toBe(1);
    expect(await findJobRow(ctx.handle.db, job.name)).toMatchObject({ requestedAt: null, attempts: 1 });
    expect(await runNow(ctx.handle.db, 'no-such-job', { catalogue })).toBe(false);
  });

  it('four runners claiming at once run a due job exactly once (two connections and SKIP LOCKED on PostgreSQL; the lease update on SQLite)', async () => {
    // On PostgreSQL a second pool is a second app server; SQLite has one process owning the file,
    // where the conditional lease update alone must keep concurrent claims apart.
    let other = ctx.handle;
    if (engine === 'postgres') {
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(ctx.handle.db);
      const url = new URL((process.env.GUATU_TEST_PG_URL ?? process.env.DATABASE_URL)!);
      url.pathname = `/${rows[0]!.name}`;
      other = openDatabase({ url: url.toString() });
    }
    try {
      const ran: string[] = [];
      const job: JobDefinition = {
        name: 'test-contended',
        schedule: '* * * * *',
        run: async ({ now }) => {
          ran.push(now.toISOString());
          await new Promise((r) => setTimeout(r, 50));
        },
      };
      const catalogue = [job];
      await run(at('2026-11-27T00:00:30Z'), catalogue);
      for (let minute = 1; minute <= 5; minute++) {
        const now = at(`2026-11-27T00:0${minute}:00Z`);
        const outcomes = await Promise.all([
          runDueJobs(ctx.handle, ctx.config, now, catalogue, { ...quiet, runner: 'a' }),
          runDueJobs(other, ctx.config, now, catalogue, { ...quiet, runner: 'b' }),
          runDueJobs(ctx.handle, ctx.config, now, catalogue, { ...quiet, runner: 'c' }),
          runDueJobs(other, ctx.config, now, catalogue, { ...quiet, runner: 'd' }),
        ]);
        expect(outcomes.flat()).toHaveLength(1);
      }
      expect(ran).toEqual([1, 2, 3, 4, 5].map((m) => `2026-11-27T00:0${m}:00.000Z`));
      expect(await findRecentRuns(ctx.handle.db, job.name, 100)).toHaveLength(5);
      expect(await findJobRow(ctx.handle.db, job.name)).toMatchObject({ attempts: 5, lockedBy: null });
    } finally {
      if (other !== ctx.handle) await other.db.destroy();
    }
  });

  it('purge-expired-uploads deletes expired uploads and keeps fresh ones; an expired one is refused meanwhile', async () => {
    let fgj = await login(ctx.app, 'fgj');
    const upload = async () => {
      const body = multipart('台账.csv', Buffer.from(csvLedger()));
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/projects/import',
        payload: body.payload,
        headers: { ...body.headers, cookie: fgj.cookie, 'x-csrf-token': fgj.csrf },
      });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as ImportUpload).uploadId;
    };
    const uploadIds = async () =>
      (await sql<{ id: string }>`select id from import_uploads`.execute(ctx.handle.db)).rows
        .map((r) => r.id)
        .sort();
    const old = await upload();
    ctx.clock.advanceMinutes(61);
    fgj = await login(ctx.app, 'fgj'); // the first session is idle past its limit
    const fresh = await upload();
    // The upload no longer purges inline: the expired one stays until the job runs, but is refused.
    expect(await uploadIds()).toEqual([old, fresh].sort());
    const expired = await call(ctx.app, fgj, 'POST', `/api/projects/import/${old}/preview`, {});
    expect(expired.statusCode).toBe(404);
    expect(expired.json().error.code).toBe('import_expired');

    const ran = await runNow(ctx.handle.db, purgeExpiredUploadsJob.name, {
      now: ctx.clock.now,
      catalogue: [purgeExpiredUploadsJob],
    }).then(() => run(ctx.clock.now, [purgeExpiredUploadsJob]));
    expect(ran).toMatchObject([{ name: 'purge-expired-uploads', status: 'ok', summary: { deleted: 1 } }]);
    expect(await uploadIds()).toEqual([fresh]);
    expect((await call(ctx.app, fgj, 'POST', `/api/projects/import/${fresh}/preview`, {})).statusCode).toBe(
      200,
    );
    // Called directly, as any job can be: nothing more is expired.
    expect(
      await purgeExpiredUploadsJob.run({
        db: ctx.handle.db,
        config: ctx.config,
        now: ctx.clock.now,
        log: () => {},
      }),
    ).toEqual({ deleted: 0 });
    expect(purgeExpiredUploadsJob.schedule).toBe('*/10 * * * *');
  });

  it('shows 后台任务 to the root region’s admin only; others get 403', async () => {
    admin = await loginAdmin(ctx.app);
    const res = await call(ctx.app, admin, 'GET', '/api/admin/jobs');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as JobList;
    const names = list.items.map((j) => j.name);
    expect(names).toContain('purge-expired-uploads');
    expect(names).toContain('deliver-notifications');
    expect(names).toEqual([...names].sort());
    expect(list.items.find((j) => j.name === 'deliver-notifications')).toMatchObject({
      schedule: '* * * * *',
      timeZone: 'Asia/Shanghai',
    });
    // The session says so, for the web's menu: admin and secadmin sit at the root region, fgj at 乐陵市.
    const rootRegionOf = async (s: typeof admin) =>
      ((await call(ctx.app, s, 'GET', '/api/auth/me')).json() as { user: { rootRegion: boolean } }).user
        .rootRegion;
    expect(await rootRegionOf(admin)).toBe(true);
    expect(await rootRegionOf(await login(ctx.app, 'fgj'))).toBe(false);
    for (const username of ['fgj', 'secadmin', 'auditor', 'viewer', 'mayor', 'tf01']) {
      const s = await login(ctx.app, username);
      const denied = await call(ctx.app, s, 'GET', '/api/admin/jobs');
      expect(denied.statusCode, username).toBe(403);
      expect(denied.json().error.code).toBe('forbidden');
      expect((await call(ctx.app, s, 'POST', '/api/admin/jobs/purge-expired-uploads/run')).statusCode).toBe(
        403,
      );
    }
    expect((await call(ctx.app, null, 'GET', '/api/admin/jobs')).statusCode).toBe(401);
  });

  it('runs a job now on the admin’s request, audited; an unknown job is 404', async () => {
    const auditRows = () =>
      ctx.handle.db
        .selectFrom('auditLog')
        .select(['action', 'entity', 'entityId', 'actorId'])
        .where('entity', '=', 'job')
        .execute();
    const before = (await auditRows()).length;
    ctx.clock.advanceMinutes(1);
    const res = await call(ctx.app, admin, 'POST', '/api/admin/jobs/purge-expired-uploads/run');
    expect(res.statusCode, res.body).toBe(202);
    expect((res.json() as JobInfo).requestedAt).toBe(ctx.clock.now.toISOString());
    const adminId = (
      await ctx.handle.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow()
    ).id;
    const rows = await auditRows();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toEqual({
      action: 'run',
      entity: 'job',
      entityId: 'purge-expired-uploads',
      actorId: adminId,
    });

    const ran = await run(ctx.clock.now, [purgeExpiredUploadsJob]);
    expect(ran).toMatchObject([{ name: 'purge-expired-uploads', status: 'ok' }]);
    const listed = ((await call(ctx.app, admin, 'GET', '/api/admin/jobs')).json() as JobList).items.find(
      (j) => j.name === 'purge-expired-uploads',
    )!;
    expect(listed).toMatchObject({
      requestedAt: null,
      lastRunAt: ctx.clock.now.toISOString(),
      lastStatus: 'ok',
      running: false,
      failures: 0,
    });
    expect(listed.recentRuns[0]).toMatchObject({ status: 'ok', summary: { deleted: 0 } });

    const unknown = await call(ctx.app, admin, 'POST', '/api/admin/jobs/no-such-job/run');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    expect((await call(ctx.app, admin, 'POST', '/api/admin/jobs/Bad%20Name/run')).statusCode).toBe(400);
    expect((await auditRows()).length).toBe(before + 1);
  });
});
