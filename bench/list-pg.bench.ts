// (11, item 4) Ledger list on PostgreSQL through TWO app servers: a throwaway PostgreSQL (the one
// GUATU_TEST_PG_URL names, in a fresh database; else a cluster of its own through
// scripts/with-postgres.sh), seeded with `guatu migrate`, `demo` and `demo --generate N` (default
// 50,000), two built servers (packages/server/dist/cli.mjs serve) on it, one session (opened on A,
// used on both), and the three targets of the list section loaded through both servers at once
// (half the connections on each), beside a bare Fastify route serving page 1's body in the same run.
//
//   npm run bench -- --only list-pg [--projects N] [--connections N] [--duration S] [--warmup S]
//
// `provinceRows` gives the province section its rows "ledger list on PostgreSQL, 2 instances: …"
// (goal: printed; met when every request was answered 2xx without errors).
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import {
  HOST,
  ROOT,
  fmtInt,
  fmtMs,
  freePort,
  load,
  login,
  onCleanup,
  printTable,
  runToEnd,
  serverEnv,
  spawnLogged,
  waitFor200,
  type BenchContext,
  type BenchSection,
  type GoalRow,
  type LoadFigures,
  type ProvinceRows,
  type Spawned,
} from './lib.ts';

const BUILT_CLI = path.join(ROOT, 'packages/server/dist/cli.mjs');
const DATA_KEY = '7a1c0e2d9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3b4a5968778695a4b';
const PASSWORD = 'Bench@12345';

/** The list section's three targets (bench/list.bench.ts), copied. */
const TARGETS: { label: string; path: string }[] = [
  { label: 'page 1', path: '/api/projects?year=2023&page=1&pageSize=20' },
  {
    label: 'filtered+sorted (产业)',
    path: `/api/projects?year=2023&page=1&pageSize=20&q=${encodeURIComponent('产业')}&sort=totalInvestment&order=desc`,
  },
  { label: 'deep page 2000', path: '/api/projects?year=2023&page=2000&pageSize=20' },
];

type Pg = { url: string; stop: () => Promise<void> };

/**
 * A PostgreSQL database nobody else uses: a fresh database in GUATU_TEST_PG_URL's cluster, or a
 * throwaway cluster of our own (scripts/with-postgres.sh running `sleep` until we stop it).
 */
async function throwawayPostgres(ctx: BenchContext): Promise<Pg> {
  const given = process.env.GUATU_TEST_PG_URL;
  if (given) {
    const name = `guatu_bench_${process.pid}_${Date.now().toString(36)}`;
    const run = async (sql: string) => {
      const c = new pg.Client({ connectionString: given });
      await c.connect();
      try {
        await c.query(sql);
      } finally {
        await c.end();
      }
    };
    await run(`create database ${name}`);
    const u = new URL(given);
    u.pathname = `/${name}`;
    return { url: u.toString(), stop: () => run(`drop database if exists ${name} with (force)`) };
  }
  const dir = ctx.tmpDir('list-pg-cluster');
  const urlFile = path.join(dir, 'url');
  const cluster = spawnLogged(
    'bash',
    [
      path.join(ROOT, 'scripts/with-postgres.sh'),
      'bash',
      '-c',
      'echo "$DATABASE_URL" > "$0.tmp" && mv "$0.tmp" "$0" && exec sleep 86400',
      urlFile,
    ],
    { ...process.env, WITH_POSTGRES_QUIET: '1' },
    path.join(dir, 'with-postgres.log'),
  );
  let gone = false;
  void cluster.exited.then(() => (gone = true));
  const t0 = performance.now();
  while (!fs.existsSync(urlFile)) {
    if (gone || performance.now() - t0 > 60_000)
      throw new Error(`no PostgreSQL: ${fs.readFileSync(cluster.logFile, 'utf8').slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: fs.readFileSync(urlFile, 'utf8').trim(), stop: () => cluster.stop(20_000) };
}

async function cli(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number) {
  const r = await runToEnd(process.execPath, [BUILT_CLI, ...args], env, timeoutMs);
  if (r.code !== 0)
    throw new Error(`guatu ${args.join(' ')} exited with ${r.code}:\n${r.output.slice(-3000)}`);
  return r;
}

type Instance = { base: string; server: Spawned; startMs: number };

export type ListPgFigures = {
  label: string;
  /** Both servers together: req/s summed, p50 weighted by requests, p99 the worse of the two. */
  both: LoadFigures;
  each: [LoadFigures, LoadFigures];
  bareRps: number;
};

/** Sets up PostgreSQL, seeds, serves two instances, loads the targets; everything stopped at the end. */
export async function measureListPg(
  ctx: BenchContext,
  opts: { projects: number; connections: number; durationS: number; warmupS: number },
): Promise<ListPgFigures[]> {
  if (!fs.existsSync(BUILT_CLI)) throw new Error('build the server first: node scripts/build-server.mjs');
  const pgdb = await throwawayPostgres(ctx);
  onCleanup(() => void pgdb.stop().catch(() => {}));
  const instances: Instance[] = [];
  let bare: Spawned | null = null;
  try {
    const dataDir = ctx.tmpDir('list-pg'); // shared by both servers, as on NFS
    const env = serverEnv({
      DATABASE_URL: pgdb.url,
      GUATU_DATA_KEY: DATA_KEY,
      GUATU_DATA_DIR: dataDir,
      GUATU_DEMO: '0',
      GUATU_ADMIN_PASSWORD: PASSWORD,
      GUATU_MFA_REQUIRED: '0',
      HOST,
      NODE_ENV: 'production',
    });
    env.DATABASE_URL = pgdb.url; // serverEnv drops any database URL of ours

    const seedRows: string[][] = [];
    const said = (out: string) => (out.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '').slice(0, 80);
    for (const [label, args, limit] of [
      ['migrate', ['migrate'], 120_000],
      ['demo (乐陵)', ['demo'], 300_000],
      [`demo --generate ${fmtInt(opts.projects)}`, ['demo', '--generate', String(opts.projects)], 1_800_000],
    ] as const) {
      const r = await cli([...args], env, limit);
      seedRows.push([label, fmtMs(r.ms), said(r.output)]);
    }
    printTable(
      `seeding PostgreSQL (${pgdb.url.replace(/\/\/[^@]*@/, '//')})`,
      ['step', 'time', 'said'],
      seedRows,
    );

    // Two servers on it, started at once (each finds the migrations applied).
    const started = await Promise.all(
      ['a', 'b'].map(async (name) => {
        const port = await freePort();
        const t0 = performance.now();
        const server = spawnLogged(
          process.execPath,
          [BUILT_CLI, 'serve'],
          { ...env, PORT: String(port) },
          path.join(dataDir, `serve-${name}.log`),
        );
        onCleanup(() => void server.stop(2000));
        const base = `http://${HOST}:${port}`;
        instances.push({ base, server, startMs: Number.NaN });
        const startMs = await waitFor200(`${base}/api/health`, {
          since: t0,
          timeoutMs: 120_000,
          exited: server.exited,
          logFile: server.logFile,
        });
        return { base, server, startMs };
      }),
    );
    const [a, b] = started as [Instance, Instance];
    // One session, opened on A and sent to both (sessions are the database's).
    const cookie = await login(a.base, 'admin', PASSWORD);
    const headers = { cookie, accept: 'application/json' };

    const probeRows: string[][] = [];
    let sampleBody = '';
    for (const t of TARGETS) {
      for (const inst of [a, b]) {
        const p0 = performance.now();
        const res = await fetch(inst.base + t.path, { headers });
        const body = await res.text();
        const ms = performance.now() - p0;
        if (!sampleBody && res.ok && t === TARGETS[0]) sampleBody = body;
        let total = '?';
        try {
          const n = (JSON.parse(body) as { total?: unknown }).total;
          if (typeof n === 'number') total = fmtInt(n);
        } catch {
          // not JSON
        }
        probeRows.push([
          `${t.label} on ${inst === a ? 'A' : 'B'}`,
          String(res.status),
          fmtInt(Buffer.byteLength(body)),
          total,
          fmtMs(ms),
        ]);
      }
    }
    printTable(
      `started A in ${fmtMs(a.startMs)}, B in ${fmtMs(b.startMs)}; single requests (cold: each builds its index)`,
      ['endpoint', 'status', 'bytes', 'total', 'time'],
      probeRows,
    );

    // The bare Fastify route: page 1's exact body, one process.
    if (!sampleBody) throw new Error('page 1 did not answer 200: see the table above');
    const bareDir = ctx.tmpDir('list-pg-bare');
    const bodyFile = path.join(bareDir, 'body.json');
    fs.writeFileSync(bodyFile, sampleBody);
    const barePort = await freePort();
    const b0 = performance.now();
    bare = spawnLogged(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'bench/bare-server.ts'), bodyFile, String(barePort)],
      serverEnv({ NODE_ENV: 'production' }),
      path.join(bareDir, 'bare.log'),
    );
    const bareBase = `http://${HOST}:${barePort}`;
    await waitFor200(`${bareBase}/api/health`, {
      since: b0,
      timeoutMs: 60_000,
      exited: bare.exited,
      logFile: bare.logFile,
    });

    const half = Math.max(1, Math.floor(opts.connections / 2));
    const loadOpts = { connections: half, durationS: opts.durationS, warmupS: opts.warmupS, headers };
    const measured: Omit<ListPgFigures, 'bareRps'>[] = [];
    for (const t of TARGETS) {
      console.log(
        `  loading ${t.label} through A and B (${half} + ${half} connections, ${opts.durationS} s)…`,
      );
      const each = (await Promise.all([
        load(`${t.label} (A)`, a.base + t.path, loadOpts),
        load(`${t.label} (B)`, b.base + t.path, loadOpts),
      ])) as [LoadFigures, LoadFigures];
      measured.push({ label: t.label, both: combine(t.label, each), each });
    }
    console.log(`  loading bare Fastify (${opts.connections} connections, ${opts.durationS} s)…`);
    const bareFigures = await load('bare Fastify, static JSON', `${bareBase}/api/projects?year=2023`, {
      ...loadOpts,
      connections: opts.connections,
    });
    const results = measured.map((m) => ({ ...m, bareRps: bareFigures.rps }));

    const pct = (r: number) => (bareFigures.rps > 0 ? `${((r / bareFigures.rps) * 100).toFixed(1)} %` : '?');
    const row = (r: LoadFigures) => [
      r.label,
      fmtInt(r.rps),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      fmtInt(r.non2xx),
      fmtInt(r.errors),
      fmtInt(r.total),
      pct(r.rps),
    ];
    printTable(
      `ledger list on PostgreSQL, 2 app servers, ${fmtInt(opts.projects)} generated projects + demo, ` +
        `${opts.connections} connections (${half} per server) × ${opts.durationS} s`,
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors+timeouts', 'requests', 'vs bare'],
      [...results.flatMap((r) => [row(r.both), ...r.each.map(row)]), row(bareFigures)],
    );
    console.log('(A + B: req/s summed, p50 weighted by requests, p99 the worse of the two.)');
    return results;
  } finally {
    await bare?.stop();
    await Promise.all(instances.map((i) => i.server.stop()));
    await pgdb.stop().catch((err: unknown) => console.warn(`  PostgreSQL cleanup: ${String(err)}`));
  }
}

function combine(label: string, [a, b]: [LoadFigures, LoadFigures]): LoadFigures {
  const total = a.total + b.total;
  return {
    label: `${label} (A + B)`,
    rps: a.rps + b.rps,
    p50: total > 0 ? (a.p50 * a.total + b.p50 * b.total) / total : Number.NaN,
    p99: Math.max(a.p99, b.p99),
    non2xx: a.non2xx + b.non2xx,
    errors: a.errors + b.errors,
    total,
    mbPerSec: a.mbPerSec + b.mbPerSec,
  };
}

function options(ctx: BenchContext) {
  return {
    projects: ctx.numberOption('projects', 50_000),
    connections: ctx.numberOption('connections', 50),
    durationS: ctx.numberOption('duration', 10),
    warmupS: ctx.numberOption('warmup', 2),
  };
}

/** The province section's rows: its own PostgreSQL and two servers, as many projects as its server's. */
export const provinceRows: ProvinceRows = async (server) => {
  const results = await measureListPg(server.ctx, { ...options(server.ctx), projects: server.projects });
  return results.map((r): GoalRow => ({
    target: `ledger list on PostgreSQL, 2 instances: ${r.label}`,
    figure:
      `${fmtInt(r.both.rps)} req/s (${r.bareRps > 0 ? ((r.both.rps / r.bareRps) * 100).toFixed(1) : '?'} % of bare), ` +
      `p50 ${r.both.p50.toFixed(1)} ms, p99 ${r.both.p99.toFixed(1)} ms, ${fmtInt(r.both.errors + r.both.non2xx)} errors`,
    goal: 'printed',
    met: r.both.total > 0 && r.both.errors === 0 && r.both.non2xx === 0,
  }));
};

const section: BenchSection = {
  name: 'list-pg',
  title: '(11d) ledger list on PostgreSQL through two app servers, vs a bare Fastify route',
  async run(ctx) {
    await measureListPg(ctx, options(ctx));
  },
};

export default section;
