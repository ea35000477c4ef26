// (a) Ledger list under load: ~50k projects in SQLite, 50 connections, against a bare Fastify
// route serving a static JSON of the same size (the ceiling of this machine's HTTP stack).
// Also the seeding and serving the province section (province.bench.ts) reuses.
// Options: --projects N (default 50000), --data-dir D (an already seeded copy, not seeded again),
// --connections, --duration, --warmup.
import fs from 'node:fs';
import path from 'node:path';
import {
  HOST,
  ROOT,
  fmtInt,
  fmtMs,
  freePort,
  load,
  printTable,
  runCli,
  serverEnv,
  spawnLogged,
  sqliteFile,
  sqliteMiB,
  waitFor200,
  type BenchContext,
  type BenchSection,
  type LoadFigures,
  benchEnv,
  serveBuilt,
} from './lib.ts';

/** migrate, the 乐陵 demo, then N generated projects in the 2023 list; prints what each step took. */
export async function seedLedger(env: NodeJS.ProcessEnv, dataDir: string, projects: number): Promise<void> {
  const seedRows: string[][] = [];
  const said = (out: string): string =>
    (out.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '').slice(0, 80);
  const migrate = await runCli(['migrate'], env, 120_000);
  seedRows.push(['migrate', fmtMs(migrate.ms), said(migrate.output)]);
  const demo = await runCli(['demo'], env, 300_000);
  seedRows.push(['demo (乐陵)', fmtMs(demo.ms), said(demo.output)]);
  const gen = await runCli(['demo', '--generate', String(projects)], env, 900_000);
  seedRows.push([`demo --generate ${fmtInt(projects)}`, fmtMs(gen.ms), said(gen.output)]);
  const dbMiB = sqliteMiB(dataDir);
  seedRows.push([
    'SQLite file + WAL',
    dbMiB === null ? '?' : `${dbMiB.toFixed(1)} MiB`,
    sqliteFile(dataDir) ?? '(no guatu.db found)',
  ]);
  printTable(
    'seeding (wall time of each CLI command, including tsx start-up)',
    ['step', 'time', 'the command said'],
    seedRows,
  );
}

export const LIST_TARGETS: { label: string; path: string }[] = [
  { label: 'ledger page 1', path: '/api/projects?year=2023&page=1&pageSize=20' },
  {
    label: 'filtered+sorted',
    path: `/api/projects?year=2023&page=1&pageSize=20&q=${encodeURIComponent('产业')}&sort=totalInvestment&order=desc`,
  },
  { label: 'deep page 2000', path: '/api/projects?year=2023&page=2000&pageSize=20' },
];

export type ListFigures = { results: LoadFigures[]; bare: LoadFigures; bareBytes: number };

/**
 * The three list targets under load on a running server, then a bare Fastify route serving page
 * 1's exact body in a child process of its own (the ceiling of this machine's HTTP stack, measured
 * in the same run); prints both tables.
 */
export async function measureList(
  ctx: BenchContext,
  base: string,
  cookie: string,
  opts: { connections: number; durationS: number; warmupS: number },
): Promise<ListFigures> {
  const headers = { cookie, accept: 'application/json' };
  // One request each first: status, size, total, so a broken endpoint is obvious before the load.
  const probeRows: string[][] = [];
  let sampleBody = '';
  for (const t of LIST_TARGETS) {
    const p0 = performance.now();
    const res = await fetch(base + t.path, { headers });
    const body = await res.text();
    const ms = performance.now() - p0;
    if (!sampleBody && res.ok) sampleBody = body;
    let total = '?';
    let items = '?';
    try {
      const json = JSON.parse(body) as { total?: unknown; items?: unknown };
      if (typeof json.total === 'number') total = fmtInt(json.total);
      if (Array.isArray(json.items)) items = String(json.items.length);
    } catch {
      // not JSON
    }
    probeRows.push([t.label, String(res.status), fmtInt(Buffer.byteLength(body)), items, total, fmtMs(ms)]);
  }
  printTable(
    `single requests (the first of each) to ${base}`,
    ['endpoint', 'status', 'bytes', 'items', 'total', 'time'],
    probeRows,
  );
  if (!sampleBody) throw new Error('the ledger list answered no page: see the table above');

  const bareDir = ctx.tmpDir('bare');
  const bodyFile = path.join(bareDir, 'body.json');
  fs.writeFileSync(bodyFile, sampleBody);
  const barePort = await freePort();
  const b0 = performance.now();
  const bare = spawnLogged(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench/bare-server.ts'), bodyFile, String(barePort)],
    serverEnv({ NODE_ENV: 'production' }),
    path.join(bareDir, 'bare.log'),
  );
  const bareBase = `http://${HOST}:${barePort}`;
  const results: LoadFigures[] = [];
  let bareFigures: LoadFigures;
  try {
    await waitFor200(`${bareBase}/api/health`, {
      since: b0,
      timeoutMs: 60_000,
      exited: bare.exited,
      logFile: bare.logFile,
    });
    for (const t of LIST_TARGETS) {
      console.log(`  loading ${t.label} (${opts.connections} connections, ${opts.durationS} s)…`);
      results.push(await load(t.label, base + t.path, { ...opts, headers }));
    }
    console.log(`  loading bare Fastify (${opts.connections} connections, ${opts.durationS} s)…`);
    bareFigures = await load('bare Fastify, static JSON', `${bareBase}${LIST_TARGETS[0]!.path}`, {
      ...opts,
      headers,
    });
  } finally {
    await bare.stop();
  }

  const bareRps = bareFigures.rps;
  printTable(
    `ledger list, SQLite, ${opts.connections} connections × ${opts.durationS} s` +
      ` (bare route body: ${fmtInt(Buffer.byteLength(sampleBody))} bytes)`,
    ['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors+timeouts', 'requests', 'MiB/s', 'vs bare'],
    [...results, bareFigures].map((r) => [
      r.label,
      fmtInt(r.rps),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      fmtInt(r.non2xx),
      fmtInt(r.errors),
      fmtInt(r.total),
      r.mbPerSec.toFixed(1),
      bareRps > 0 ? `${((r.rps / bareRps) * 100).toFixed(1)} %` : '?',
    ]),
  );
  console.log(
    '(non-2xx on the API rows means the figures are not of the ledger: check rate limits / session.)',
  );
  return { results, bare: bareFigures, bareBytes: Buffer.byteLength(sampleBody) };
}

export const loadOptions = (ctx: BenchContext) => ({
  connections: ctx.numberOption('connections', 50),
  durationS: ctx.numberOption('duration', 10),
  warmupS: ctx.numberOption('warmup', 2),
});

const section: BenchSection = {
  name: 'list',
  title: '(a) ledger list: GET /api/projects under load, vs a bare Fastify route',
  async run(ctx) {
    const projects = ctx.numberOption('projects', 50_000);
    // --data-dir D: an already seeded copy (e.g. of the province section's), written to (sessions).
    const given = ctx.options['data-dir'];
    const dataDir = typeof given === 'string' ? path.resolve(given) : ctx.tmpDir('list');
    const env = benchEnv(dataDir, await freePort());
    if (typeof given !== 'string') await seedLedger(env, dataDir, projects);
    const { server, base, cookie } = await serveBuilt(env, path.join(dataDir, 'serve.log'));
    try {
      await measureList(ctx, base, cookie, loadOptions(ctx));
    } finally {
      await server.stop();
    }
  },
};

export default section;
