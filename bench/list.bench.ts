// (a) Ledger list under load: ~50k projects in SQLite, 50 connections, against a bare Fastify
// route serving a static JSON of the same size (the ceiling of this machine's HTTP stack).
import fs from 'node:fs';
import path from 'node:path';
import {
  HOST,
  ROOT,
  fmtInt,
  fmtMs,
  freePort,
  load,
  login,
  printTable,
  runCli,
  serverEnv,
  spawnLogged,
  sqliteFile,
  sqliteMiB,
  waitFor200,
  builtServerArgs,
  type BenchSection,
  type LoadFigures,
} from './lib.ts';

const section: BenchSection = {
  name: 'list',
  title: '(a) ledger list: GET /api/projects under load, vs a bare Fastify route',
  async run(ctx) {
    const projects = ctx.numberOption('projects', 50_000);
    const connections = ctx.numberOption('connections', 50);
    const durationS = ctx.numberOption('duration', 10);
    const warmupS = ctx.numberOption('warmup', 2);
    const password = process.env.GUATU_BENCH_ADMIN_PASSWORD ?? 'Bench@12345';
    const username = process.env.GUATU_BENCH_USERNAME ?? 'admin';

    const dataDir = ctx.tmpDir('list');
    const port = await freePort();
    const env = serverEnv({
      GUATU_DATA_DIR: dataDir,
      GUATU_DEMO: '0',
      GUATU_ADMIN_PASSWORD: password,
      // The benchmarks measure the API, not the officers' second factor.
      GUATU_MFA_REQUIRED: '0',
      PORT: String(port),
      HOST,
      NODE_ENV: 'production',
    });

    // Seed: migrate, the 乐陵 demo, then N generated projects in the 2023 list.
    const seedRows: string[][] = [];
    const migrate = await runCli(['migrate'], env, 120_000);
    const said = (out: string): string =>
      (out.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '').slice(0, 80);
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

    // Serve.
    const [cmd, args] = await builtServerArgs('serve');
    const t0 = performance.now();
    const server = spawnLogged(cmd, args, env, path.join(dataDir, 'serve.log'));
    const base = `http://${HOST}:${port}`;
    await waitFor200(`${base}/api/health`, {
      since: t0,
      timeoutMs: 120_000,
      exited: server.exited,
      logFile: server.logFile,
    });
    const cookie = await login(base, username, password);
    const headers = { cookie, accept: 'application/json' };

    const targets: { label: string; path: string }[] = [
      { label: 'ledger page 1', path: '/api/projects?year=2023&page=1&pageSize=20' },
      {
        label: 'filtered+sorted',
        path: `/api/projects?year=2023&page=1&pageSize=20&q=${encodeURIComponent('产业')}&sort=totalInvestment&order=desc`,
      },
      { label: 'deep page 2000', path: '/api/projects?year=2023&page=2000&pageSize=20' },
    ];

    // One request each first: status, size, total, so a broken endpoint is obvious before the load.
    const probeRows: string[][] = [];
    let sampleBody = '';
    for (const t of targets) {
      const p0 = performance.now();
      const res = await fetch(base + t.path, { headers });
      const body = await res.text();
      const ms = performance.now() - p0;
      if (!sampleBody && res.ok) sampleBody = body;
      let total = '?';
      let items = '?';
      try {
        const json = JSON.parse(body) as Record<string, unknown>;
        const pag = (json.pagination ?? json.page ?? {}) as Record<string, unknown>;
        const t1 = json.total ?? pag.total;
        if (typeof t1 === 'number') total = fmtInt(t1);
        const list = json.items ?? json.rows ?? json.data;
        if (Array.isArray(list)) items = String(list.length);
      } catch {
        // not JSON
      }
      probeRows.push([t.label, String(res.status), fmtInt(Buffer.byteLength(body)), items, total, fmtMs(ms)]);
    }
    printTable(
      `single requests (cold) to ${base}`,
      ['endpoint', 'status', 'bytes', 'items', 'total', 'time'],
      probeRows,
    );

    // Bare Fastify: a child process serving the first page's exact body (or a stand-in).
    if (!sampleBody) {
      sampleBody = JSON.stringify({
        items: Array.from({ length: 20 }, (_, i) => ({
          id: i,
          name: `项目${i}`,
          totalInvestment: 100000 + i,
        })),
        total: projects,
      });
    }
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
    await waitFor200(`${bareBase}/api/health`, {
      since: b0,
      timeoutMs: 60_000,
      exited: bare.exited,
      logFile: bare.logFile,
    });

    const results: LoadFigures[] = [];
    try {
      for (const t of targets) {
        console.log(`  loading ${t.label} (${connections} connections, ${durationS} s)…`);
        results.push(await load(t.label, base + t.path, { connections, durationS, warmupS, headers }));
      }
      console.log(`  loading bare Fastify (${connections} connections, ${durationS} s)…`);
      results.push(
        await load('bare Fastify, static JSON', `${bareBase}/api/projects?year=2023&page=1&pageSize=20`, {
          connections,
          durationS,
          warmupS,
          headers,
        }),
      );
    } finally {
      await bare.stop();
      await server.stop();
    }

    const bareRps = results[results.length - 1]!.rps;
    printTable(
      `ledger list, ${fmtInt(projects)} generated projects + demo, SQLite, ${connections} connections × ${durationS} s` +
        ` (bare route body: ${fmtInt(Buffer.byteLength(sampleBody))} bytes)`,
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors+timeouts', 'requests', 'MiB/s', 'vs bare'],
      results.map((r) => [
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
  },
};

export default section;
