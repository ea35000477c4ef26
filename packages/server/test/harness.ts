import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildLaolingDemo, DEMO_PASSWORD } from '@guatu/domain';
import pg from 'pg';
import { describe } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type DbHandle, type Engine } from '../src/db/connect.ts';
import { createDataCodec, installDataCodec } from '../src/crypto/personal-data.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ensureSetupAccounts } from '../src/seed/bootstrap.ts';
import { seedDataset, type DemoIds } from '../src/seed/demo.ts';
import { totpCode, totpStepOf } from '../src/auth/totp.ts';

/** The setup admin's password (it must pass the policy: no username inside, so not 'Admin@…'). */
export const ADMIN_PASSWORD = 'Root#Guatu2026';
/** The tests' clock starts here, and the 乐陵 demo is lived to its date (Asia/Shanghai): TEST_TODAY. */
export const TEST_NOW = '2026-11-25T02:00:00Z';
export const TEST_TODAY = '2026-11-25';
/** The personal-data key of every test context (config.dataKey; a test may pass its own). */
export const TEST_DATA_KEY = '5f1c0e2d9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3b4a5968778695a4b';
export { DEMO_PASSWORD };

const pgUrl = process.env.GUATU_TEST_PG_URL ?? process.env.DATABASE_URL;

/** SQLite always; PostgreSQL when scripts/with-postgres.sh provides it — and it must under CI=true. */
export function engines(): Engine[] {
  if (pgUrl) return ['sqlite', 'postgres'];
  if (process.env.CI === 'true')
    throw new Error('CI=true but no PostgreSQL: run the tests through scripts/with-postgres.sh');
  console.warn('\n*** SKIPPED: PostgreSQL runs of the API tests (no GUATU_TEST_PG_URL). Use npm test. ***\n');
  return ['sqlite'];
}

/** describe() once per engine, the engine's name in the title. */
export function describeEngines(name: string, fn: (engine: Engine) => void) {
  describe.each(engines())(`${name} [%s]`, fn);
}

export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `guatu_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(pgUrl!);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A clock the tests can move (idle timeout, lockout). */
export type Clock = { now: Date; advanceMinutes: (m: number) => void };

export type TestContext = {
  app: App;
  handle: DbHandle;
  ids: DemoIds;
  clock: Clock;
  config: Config;
  close: () => Promise<void>;
};

/**
 * A migrated database with the first admin and the 乐陵 demo, and the app on top; one per test file.
 * `onDisk`: SQLite in a file under a temporary data directory, and the config names the database
 * as the CLI's would (dataDir; PostgreSQL's databaseUrl), for tests of backups.
 * `demo: false`: no demo — the empty system a county starts with (GUATU_DEMO=0): the placeholder root
 * and the three officers only.
 */
export async function createTestContext(
  engine: Engine,
  overrides: Partial<Config> = {},
  options: { onDisk?: boolean; demo?: boolean } = {},
): Promise<TestContext> {
  let drop = async () => {};
  let handle: DbHandle;
  const dataDir = options.onDisk ? fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-test-')) : null;
  const onDisk: Partial<Config> = dataDir ? { dataDir } : {};
  if (engine === 'postgres') {
    const fresh = await freshPostgres();
    drop = fresh.drop;
    handle = openDatabase({ url: fresh.url });
    if (dataDir) onDisk.databaseUrl = fresh.url;
  } else handle = openDatabase({ url: null, file: dataDir ? path.join(dataDir, 'guatu.db') : ':memory:' });
  if (dataDir) {
    const dropDb = drop;
    drop = async () => {
      await dropDb();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  }
  // Phones are sealed on write: the key is installed before the demo is seeded.
  installDataCodec(createDataCodec(overrides.dataKey ?? TEST_DATA_KEY, overrides.dataCipher ?? 'sm4'));
  await migrateToLatest(handle);
  // The three setup accounts (三员分立), with known passwords and no forced change.
  await ensureSetupAccounts(handle.db, {
    admin: ADMIN_PASSWORD,
    secadmin: DEMO_PASSWORD,
    auditor: DEMO_PASSWORD,
  });
  const ids =
    options.demo === false
      ? {
          regions: new Map(),
          departments: new Map(),
          users: new Map(),
          people: new Map(),
          projects: new Map(),
        }
      : await seedDataset(handle.db, buildLaolingDemo(TEST_TODAY));
  const clock: Clock = {
    now: new Date(TEST_NOW),
    advanceMinutes(m) {
      this.now = new Date(this.now.getTime() + m * 60_000);
    },
  };
  const config: Config = {
    ...loadConfig({}),
    databaseUrl: null,
    webDist: null,
    loginRateLimitPerMinute: 10_000,
    logLevel: 'silent',
    dataKey: TEST_DATA_KEY,
    ...onDisk,
    ...overrides,
  };
  const app = await buildApp({ handle, config, now: () => clock.now });
  await app.ready();
  secondFactors.set(app, { clock, secrets: new Map(), lastSteps: new Map() });
  return {
    app,
    handle,
    ids,
    clock,
    config,
    close: async () => {
      await app.close();
      await handle.db.destroy();
      await drop();
    },
  };
}

export type Session = { cookie: string; csrf: string; username: string };

/**
 * The TOTP secrets the harness enrolled, per context (the officers need a second factor): the
 * clock is the context's, so codes follow ctx.clock. `lastSteps`: the last time step whose code the
 * harness gave per user (the server accepts a code once).
 */
const secondFactors = new WeakMap<
  App,
  { clock: Clock; secrets: Map<string, string>; lastSteps: Map<string, number> }
>();

/** The TOTP secret the harness enrolled for a user of this context (mfa tests). */
export const enrolledSecret = (app: App, username: string) => secondFactors.get(app)?.secrets.get(username);
/** Forget a secret (after the security admin resets it). */
export const forgetSecret = (app: App, username: string) => secondFactors.get(app)?.secrets.delete(username);
/** The code an authenticator holding the user's secret shows now (on the context's clock). */
export async function currentCode(app: App, username: string): Promise<string> {
  const state = secondFactors.get(app);
  const secret = state?.secrets.get(username);
  if (!state || !secret) throw new Error(`no second factor enrolled by the harness for ${username}`);
  return totpCode(secret, state.clock.now);
}

/**
 * The code the harness gives (login, enrolment): the server accepts a code once, of a time step
 * later than the last one used and within one step of its clock. So, at one instant, the codes of
 * the steps before, at and after it serve three logins; a fourth moves the context's clock to the
 * start of the next unused step (by less than a minute) — as a person waits for the next code.
 */
async function nextCode(app: App, username: string): Promise<string> {
  const state = secondFactors.get(app);
  const secret = state?.secrets.get(username);
  if (!state || !secret) throw new Error(`no second factor enrolled by the harness for ${username}`);
  const current = totpStepOf(state.clock.now);
  const step = Math.max(current - 1, (state.lastSteps.get(username) ?? -Infinity) + 1);
  if (step > current + 1) state.clock.now = new Date(step * 30_000);
  state.lastSteps.set(username, step);
  return totpCode(secret, new Date(step * 30_000));
}

/**
 * Logs in; when the answer asks for a second factor the harness gives it: the code of the secret it
 * enrolled, or — an officer without one — enrols first (setup, activate) and remembers the secret.
 */
export async function login(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  let res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const first = res.json() as { mfaRequired?: boolean; mfaToken?: string };
  if (first.mfaRequired) {
    res = await app.inject({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      payload: { mfaToken: first.mfaToken, code: await nextCode(app, username) },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username} (code): ${res.statusCode} ${res.body}`);
  }
  const cookie = res.cookies.find((c) => c.name === 'guatu_session');
  const body = res.json() as { csrfToken: string; mfaSetupRequired?: boolean };
  const session = { cookie: `guatu_session=${cookie!.value}`, csrf: body.csrfToken, username };
  if (body.mfaSetupRequired) {
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
    const setup = await app.inject({ method: 'POST', url: '/api/auth/mfa/setup', headers });
    if (setup.statusCode !== 200) throw new Error(`mfa setup ${username}: ${setup.statusCode} ${setup.body}`);
    const { secret } = setup.json() as { secret: string };
    secondFactors.get(app)?.secrets.set(username, secret);
    const activate = await app.inject({
      method: 'POST',
      url: '/api/auth/mfa/activate',
      headers,
      payload: { code: await nextCode(app, username) },
    });
    if (activate.statusCode !== 200)
      throw new Error(`mfa activate ${username}: ${activate.statusCode} ${activate.body}`);
  }
  return session;
}

export const loginAdmin = (app: App) => login(app, 'admin', ADMIN_PASSWORD);

/** A request as the session's user, with the CSRF header on writes. */
export async function call(
  app: App,
  s: Session | null,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method,
    url,
    payload: payload as never,
    headers: {
      ...(s ? { cookie: s.cookie } : {}),
      ...(s && method !== 'GET' ? { 'x-csrf-token': s.csrf } : {}),
      ...headers,
    },
  });
}
