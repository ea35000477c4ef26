import { randomBytes } from 'node:crypto';
import { buildLaolingDemo, DEMO_PASSWORD } from '@guatu/domain';
import pg from 'pg';
import { describe } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type DbHandle, type Engine } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ensureFirstAdmin } from '../src/seed/bootstrap.ts';
import { seedDataset, type DemoIds } from '../src/seed/demo.ts';

export const ADMIN_PASSWORD = 'Admin@12345';
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

async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
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

/** A migrated database with the first admin and the 乐陵 demo, and the app on top; one per test file. */
export async function createTestContext(
  engine: Engine,
  overrides: Partial<Config> = {},
): Promise<TestContext> {
  let drop = async () => {};
  let handle: DbHandle;
  if (engine === 'postgres') {
    const fresh = await freshPostgres();
    drop = fresh.drop;
    handle = openDatabase({ url: fresh.url });
  } else handle = openDatabase({ url: null, file: ':memory:' });
  await migrateToLatest(handle);
  await ensureFirstAdmin(handle.db, ADMIN_PASSWORD);
  const ids = await seedDataset(handle.db, buildLaolingDemo());
  const clock: Clock = {
    now: new Date('2026-11-25T02:00:00Z'),
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
    ...overrides,
  };
  const app = await buildApp({ handle, config, now: () => clock.now });
  await app.ready();
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

export async function login(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'guatu_session');
  return {
    cookie: `guatu_session=${cookie!.value}`,
    csrf: (res.json() as { csrfToken: string }).csrfToken,
    username,
  };
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
