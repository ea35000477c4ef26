import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { JobList, ProjectScheduleDto } from '@guatu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/auth/totp.ts';
import { jobCatalogue } from '../src/jobs/catalogue.ts';
import { nextCronTime } from '../src/jobs/runner.ts';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  TEST_DATA_KEY,
  createTestContext,
  engines,
  freshPostgres,
  type TestContext,
} from './harness.ts';
import { loadConfig, type Config } from '../src/config.ts';
import type { DbHandle } from '../src/db/connect.ts';
import { prepareDatabase } from '../src/runtime.ts';

// Several app servers on one PostgreSQL (issue 11, item 4): two real server PROCESSES (`guatu serve`,
// each with its own job runner polling every second) on one throwaway PostgreSQL database, each on
// its own port, checked over HTTP only: a session opened on A works on B (and signing out on B ends it
// on A); a ledger edit on A is listed by B at once; a stop period added on A re-plans a project on B; a
// job asked for on one server runs exactly once with both runners competing, and both servers show
// the same run.
//
// The servers run the server as `npm start` does, built with esbuild (scripts/build-server.mjs), built
// afresh for the run into a directory of its own: under load a bundle starts in a few seconds where
// tsx took 30 s and more to transpile the sources in two processes at once.
//
// PostgreSQL only: several app servers are a PostgreSQL deployment (docs/several-app-servers.md).
// SQLite is one server per data directory; two handles on one SQLite file are covered in process by
// multi-instance.api.test.ts. Without PostgreSQL the test is skipped loudly — and under CI=true it
// fails (engines() throws), never skips.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/**
 * The server built for this run by scripts/build-server.mjs into a git-ignored directory of its own
 * inside the repository (so that node_modules resolve; the web build is not found from there, and
 * the test needs none): what `npm start` runs, never stale, and not the shared packages/server/dist
 * that another build may be replacing.
 */
const built = path.join(root, 'packages/server/.tmp', `two-instances-${process.pid}`);
const cli = path.join(built, 'cli.mjs');
const PROJECT = '新材料科技产业园项目';
const POLL_SECONDS = 1;

const withPostgres = engines().includes('postgres');
if (!withPostgres)
  console.warn('\n*** SKIPPED: two-instances test (needs PostgreSQL: scripts/with-postgres.sh). ***\n');

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

type Server = { name: string; base: string; child: ChildProcess; pid: number; output: () => string };
/** Every server process started, stopped at the end even when a start failed. */
const started: ChildProcess[] = [];

/** `guatu serve` in its own process on `port`; resolves once /api/health answers. */
async function startServer(name: string, env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [cli, 'serve'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server ${name} exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server ${name} did not answer within 60 s:\n${out}`);
    await sleep(100);
  }
  return { name, base, child, pid: child.pid!, output: () => out };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGCONT'); // in case a test paused it
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Session = { cookie: string; csrf: string };

async function http(
  server: Server,
  s: Session | null,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
) {
  const res = await fetch(`${server.base}${url}`, {
    method,
    headers: {
      ...(s ? { cookie: s.cookie } : {}),
      ...(s && method !== 'GET' ? { 'x-csrf-token': s.csrf } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: <T = Record<string, unknown>>() => JSON.parse(text) as T,
    cookies: res.headers.getSetCookie(),
  };
}

/**
 * Signs the admin in on `server` over HTTP, enrolling the second factor the officers need (setup,
 * then a code of the secret at the server's real clock).
 */
async function signInAdmin(server: Server): Promise<Session> {
  const res = await http(server, null, 'POST', '/api/auth/login', {
    username: 'admin',
    password: ADMIN_PASSWORD,
  });
  expect(res.status, res.text).toBe(200);
  const cookie = res.cookies.map((c) => c.split(';')[0]!).find((c) => c.startsWith('guatu_session='));
  expect(cookie).toBeTruthy();
  const body = res.json<{ csrfToken: string; mfaSetupRequired?: boolean }>();
  const session = { cookie: cookie!, csrf: body.csrfToken };
  expect(body.mfaSetupRequired).toBe(true);
  const setup = await http(server, session, 'POST', '/api/auth/mfa/setup');
  expect(setup.status, setup.text).toBe(200);
  const { secret } = setup.json<{ secret: string }>();
  const activate = await http(server, session, 'POST', '/api/auth/mfa/activate', {
    code: await totpCode(secret, new Date()),
  });
  expect(activate.status, activate.text).toBe(200);
  return session;
}

(withPostgres ? describe : describe.skip)('two app server processes on one PostgreSQL', () => {
  let ctx: TestContext;
  let a: Server;
  let b: Server;
  let admin: Session;
  let pid: number;
  let serversStarted: Date;

  beforeAll(async () => {
    // The database: migrated, the three officers, the 乐陵 demo (as every API test's), then the two
    // servers on it, started at the same time (each finds the migrations applied).
    const { buildServer } = (await import(
      pathToFileURL(path.join(root, 'scripts/build-server.mjs')).href
    )) as {
      buildServer: (o: { outdir: string }) => Promise<unknown>;
    };
    [ctx] = await Promise.all([
      createTestContext('postgres', {}, { onDisk: true }),
      buildServer({ outdir: built }),
    ]);
    pid = ctx.ids.projects.get(PROJECT)!;
    const env = {
      DATABASE_URL: ctx.config.databaseUrl!,
      GUATU_DATA_KEY: TEST_DATA_KEY,
      GUATU_DATA_DIR: ctx.config.dataDir, // shared: attachments live there
      GUATU_DEMO: '0',
      GUATU_JOB_POLL_SECONDS: String(POLL_SECONDS),
      GUATU_LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    };
    serversStarted = new Date();
    [a, b] = await Promise.all([startServer('A', env), startServer('B', env)]);
  }, 150_000);

  afterAll(async () => {
    await Promise.all(started.map(stop));
    await ctx?.close();
    fs.rmSync(built, { recursive: true, force: true });
  });

  it('takes on B a session opened on A; signing out on B ends it on A', async () => {
    admin = await signInAdmin(a);
    const meA = await http(a, admin, 'GET', '/api/auth/me');
    const meB = await http(b, admin, 'GET', '/api/auth/me');
    expect(meB.status, meB.text).toBe(200);
    expect(meB.json()).toMatchObject({ user: { username: 'admin' } });
    expect(meB.json<{ user: unknown }>().user).toEqual(meA.json<{ user: unknown }>().user);

    // A second session (the first one is used below), closed on B: A no longer takes it.
    const other = await http(a, null, 'POST', '/api/auth/login', {
      username: 'fgj',
      password: DEMO_PASSWORD,
    });
    expect(other.status, other.text).toBe(200);
    const fgj = {
      cookie: other.cookies.map((c) => c.split(';')[0]!).find((c) => c.startsWith('guatu_session='))!,
      csrf: other.json<{ csrfToken: string }>().csrfToken,
    };
    expect((await http(b, fgj, 'GET', '/api/auth/me')).json()).toMatchObject({ user: { username: 'fgj' } });
    const out = await http(b, fgj, 'POST', '/api/auth/logout');
    expect(out.status, out.text).toBeLessThan(300);
    expect((await http(a, fgj, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await http(a, admin, 'GET', '/api/auth/me')).status).toBe(200);
  });

  it('lists on B, at once, a ledger edit made on A', async () => {
    type Page = { total: number; items: Array<{ id: number; name: string; version: number }> };
    const list = async (server: Server, q: string) => {
      const res = await http(server, admin, 'GET', `/api/projects?year=2023&q=${encodeURIComponent(q)}`);
      expect(res.status, res.text).toBe(200);
      return res.json<Page>();
    };
    const before = await list(b, PROJECT); // B's portfolio of 2023 is built before the edit
    expect(before.items.map((i) => i.id)).toEqual([pid]);
    const total = async (server: Server) =>
      (await http(server, admin, 'GET', '/api/projects?year=2023')).json<Page>().total;
    const totalBefore = await total(b);

    const renamed = `${PROJECT}（二期）`;
    const edit = await http(a, admin, 'PATCH', `/api/projects/${pid}`, {
      version: before.items[0]!.version,
      name: renamed,
    });
    expect(edit.status, edit.text).toBe(200);
    const after = await list(b, '（二期）');
    expect(after.items.map((i) => [i.id, i.name])).toEqual([[pid, renamed]]);
    expect(after.items[0]!.version).toBe(before.items[0]!.version + 1);
    expect(await total(b)).toBe(totalBefore);
    expect(await total(a)).toBe(totalBefore);

    // The version B read before is stale on B too.
    const stale = await http(b, admin, 'PATCH', `/api/projects/${pid}`, {
      version: before.items[0]!.version,
      name: PROJECT,
    });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { code: string } }>().error.code).toBe('version_conflict');
  });

  it('re-plans on B around a stop period added on A, and back when A deletes it', async () => {
    const schedule = async (server: Server) => {
      const res = await http(server, admin, 'GET', `/api/projects/${pid}/schedule`);
      expect(res.status, res.text).toBe(200);
      return res.json<ProjectScheduleDto>();
    };
    const structure = (s: ProjectScheduleDto) => s.stages.find((x) => x.key === 'structure')!;
    const before = structure(await schedule(b));
    expect(before.latestStart).toBeTruthy();

    const created = await http(a, admin, 'POST', '/api/calendar/entries', {
      kind: 'stop',
      from: before.latestStart,
      to: before.latestFinish,
      name: '冬季停工',
    });
    expect(created.status, created.text).toBe(201);
    const after = await schedule(b);
    expect(after.nonWorking.filter((p) => p.name === '冬季停工')).toEqual([
      { from: before.latestStart, to: before.latestFinish, name: '冬季停工' },
    ]);
    expect(structure(after).latestFinish! < before.latestStart!).toBe(true);
    expect(after).toEqual(await schedule(a));

    const id = created.json<{ id: number }>().id;
    expect((await http(a, admin, 'DELETE', `/api/calendar/entries/${id}`)).status).toBe(200);
    expect(structure(await schedule(b))).toEqual(before);
  });

  it('runs a job asked for on either server exactly once, both runners polling; both show the same runs', async () => {
    const JOBS = ['prune-portfolio-changes', 'purge-expired-sessions', 'purge-expired-uploads'];
    const jobsOn = async (server: Server) => {
      const res = await http(server, admin, 'GET', '/api/admin/jobs');
      expect(res.status, res.text).toBe(200);
      return new Map(res.json<JobList>().items.map((j) => [j.name, j]));
    };
    /**
     * The jobs also fire on their own schedules (every 10 and 15 minutes, hourly) while the test runs:
     * a run the cron time started is one more run, never a second run of one claim. So a job has at
     * least one run per request and at most one more per cron time passed since the servers started.
     */
    const cronTimes = (name: string) => {
      const schedule = jobCatalogue.find((d) => d.name === name)!.schedule!;
      let n = 0;
      for (
        let t = nextCronTime(schedule, serversStarted);
        t && t <= new Date();
        t = nextCronTime(schedule, t)
      )
        n++;
      return n;
    };
    const counts = new Map(JOBS.map((n) => [n, 0]));
    /** Asks for the three jobs at once on `server`, then waits until each has run since. */
    const round = async (server: Server) => {
      const before = await jobsOn(server);
      const asked = await Promise.all(
        JOBS.map((n) => http(server, admin, 'POST', `/api/admin/jobs/${n}/run`)),
      );
      for (const r of asked) expect(r.status, r.text).toBe(202);
      for (const n of JOBS) counts.set(n, counts.get(n)! + 1);
      const deadline = Date.now() + 20_000;
      for (;;) {
        const jobs = await jobsOn(server);
        // requestedAt is cleared by the claim that follows the request; then that run ended.
        const done = (n: string) => {
          const j = jobs.get(n)!;
          const runs = j.recentRuns.length;
          return runs > before.get(n)!.recentRuns.length && j.requestedAt === null && !j.running;
        };
        if (JOBS.every(done)) return jobs;
        if (Date.now() > deadline)
          throw new Error(`jobs not done: ${JSON.stringify(JOBS.map((n) => jobs.get(n)))}`);
        await sleep(200);
      }
    };
    const runnerPid = (r: { runner: string }) => Number(r.runner.split(':')[1]);
    /**
     * Pauses a server's process (SIGSTOP) at a moment its runner holds nothing: no job row locked by
     * a claim in progress, no job leased (running) — else the other runner could not take the jobs.
     */
    const pauseIdle = async (server: Server) => {
      for (let tries = 0; ; tries++) {
        server.child.kill('SIGSTOP');
        const idle = await ctx.handle.db
          .transaction()
          .execute(async (trx) => {
            const rows = await trx.selectFrom('jobs').select('lockedUntil').forUpdate().noWait().execute();
            return rows.every((r) => r.lockedUntil === null || r.lockedUntil <= new Date().toISOString());
          })
          .catch(() => false); // a row locked by a claim in progress
        if (idle) return;
        server.child.kill('SIGCONT');
        if (tries > 100) throw new Error(`server ${server.name}'s runner never idle`);
        await sleep(50);
      }
    };

    // Each runner is alive and runs jobs: with A's process paused, B's runner runs what was asked on
    // B; with B's paused, A's runs what was asked on A.
    for (const [paused, live] of [
      [a, b],
      [b, a],
    ] as const) {
      await pauseIdle(paused);
      try {
        const jobs = await round(live);
        for (const n of JOBS) expect(runnerPid(jobs.get(n)!.recentRuns[0]!)).toBe(live.pid);
      } finally {
        paused.child.kill('SIGCONT');
      }
    }
    // Both polling every second: three rounds asked on A, B, A — each job runs once a round.
    for (const server of [a, b, a]) await round(server);
    // Both runners polled several times more meanwhile: still one run per request.
    await sleep(POLL_SECONDS * 2500);
    const onA = await jobsOn(a);
    const onB = await jobsOn(b);
    for (const n of JOBS) {
      const runs = onA.get(n)!.recentRuns; // newest first
      expect(runs.length).toBeGreaterThanOrEqual(counts.get(n)!);
      expect(runs.length).toBeLessThanOrEqual(counts.get(n)! + cronTimes(n));
      for (const r of runs) {
        expect([r.status, r.attempt]).toEqual(['ok', 1]);
        expect([a.pid, b.pid]).toContain(runnerPid(r));
        expect(r.finishedAt! >= r.startedAt).toBe(true);
      }
      expect(onB.get(n)).toEqual(onA.get(n)); // the same state and history from both
    }

    // A job made due by its schedule (as its cron time comes): both runners find it due, one runs it.
    const job = 'prune-portfolio-changes';
    await ctx.handle.db
      .updateTable('jobs')
      .set({ nextRunAt: new Date(Date.now() - 60_000).toISOString() })
      .where('name', '=', job)
      .execute();
    counts.set(job, counts.get(job)! + 1);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const j = (await jobsOn(a)).get(job)!;
      if (
        j.recentRuns.length > onA.get(job)!.recentRuns.length &&
        !j.running &&
        j.nextRunAt! > new Date().toISOString()
      )
        break;
      if (Date.now() > deadline) throw new Error(`the due job did not run: ${JSON.stringify(j)}`);
      await sleep(200);
    }
    await sleep(POLL_SECONDS * 2500);
    const runs = (await jobsOn(b)).get(job)!.recentRuns;
    expect(runs.length).toBeGreaterThanOrEqual(counts.get(job)!);
    expect(runs.length).toBeLessThanOrEqual(counts.get(job)! + cronTimes(job));
    expect(runs.every((r) => r.status === 'ok')).toBe(true);
  }, 60_000);
});

(withPostgres ? describe : describe.skip)('several servers starting at once on one empty PostgreSQL', () => {
  it('sets the database up once (the key check, the three officers, the demo) and every start succeeds', async () => {
    const fresh = await freshPostgres();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-two-instances-'));
    const config: Config = {
      ...loadConfig({}),
      databaseUrl: fresh.url,
      dataDir,
      dataKey: TEST_DATA_KEY,
      adminPassword: ADMIN_PASSWORD,
      secadminPassword: DEMO_PASSWORD,
      auditorPassword: DEMO_PASSWORD,
      loadDemo: true,
      logLevel: 'silent',
    };
    const handles: DbHandle[] = [];
    try {
      // What `guatu serve` does first, three times at once (three servers of a first deployment).
      const starts = await Promise.allSettled(
        [1, 2, 3].map(async () => handles.push(await prepareDatabase(config, () => {}))),
      );
      expect(starts.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual([
        'started',
        'started',
        'started',
      ]);
      const db = handles[0]!.db;
      expect(await db.selectFrom('dataKeys').select('purpose').execute()).toHaveLength(1);
      const users = await db
        .selectFrom('users')
        .select('username')
        .where('username', 'in', ['admin', 'secadmin', 'auditor', 'fgj'])
        .orderBy('username')
        .execute();
      expect(users.map((u) => u.username)).toEqual(['admin', 'auditor', 'fgj', 'secadmin']);
      const named = await db.selectFrom('projects').select('id').where('name', '=', PROJECT).execute();
      expect(named).toHaveLength(1); // the demo once
    } finally {
      await Promise.all(handles.map((h) => h.db.destroy()));
      await fresh.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
