// (11b) 挂图作战 server side: GET /api/war-chart over ~50k generated projects × 19 stages in
// SQLite — the ledger query, the actual dates, scheduleMany, the warnings and the JSON — timed
// end to end from a client, a few requests in a row (the first one cold).
//
//   --projects N   generated projects (default 50000)   --runs N   requests (default 5)
//   --data-dir D   use an already seeded data directory (skips seeding; admin password as below)
import path from 'node:path';
import {
  HOST,
  cliArgs,
  fmtInt,
  fmtMs,
  freePort,
  login,
  printTable,
  runCli,
  serverEnv,
  spawnLogged,
  waitFor200,
  type BenchSection,
} from './lib.ts';

const section: BenchSection = {
  name: 'warchart-api',
  title: '(11b) war chart API: GET /api/war-chart over generated projects',
  async run(ctx) {
    const projects = ctx.numberOption('projects', 50_000);
    const runs = Math.max(1, ctx.numberOption('runs', 5));
    const password = process.env.GUATU_BENCH_ADMIN_PASSWORD ?? 'Bench@12345';
    const given = ctx.options['data-dir'];
    const dataDir = typeof given === 'string' ? path.resolve(given) : ctx.tmpDir('warchart-api');
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
    if (typeof given !== 'string') {
      await runCli(['migrate'], env, 120_000);
      const gen = await runCli(['demo', '--generate', String(projects)], env, 900_000);
      console.log(`  seeded ${fmtInt(projects)} projects in ${fmtMs(gen.ms)}`);
    }

    const [cmd, args] = cliArgs('serve');
    const t0 = performance.now();
    const server = spawnLogged(cmd, args, env, path.join(ctx.tmpDir('warchart-api-log'), 'serve.log'));
    const base = `http://${HOST}:${port}`;
    await waitFor200(`${base}/api/health`, {
      since: t0,
      timeoutMs: 120_000,
      exited: server.exited,
      logFile: server.logFile,
    });
    const cookie = await login(base, 'admin', password);
    const headers = { cookie, accept: 'application/json' };

    const rows: string[][] = [];
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r0 = performance.now();
      // The generated projects are on the 2023 list; without a year the chart is this year's.
      const res = await fetch(`${base}/api/war-chart?year=2023`, { headers });
      const body = await res.text();
      const ms = performance.now() - r0;
      times.push(ms);
      let size = '?';
      try {
        const json = JSON.parse(body) as { projects?: { ids?: unknown[] }; cells?: unknown[] };
        size = `${fmtInt(json.projects?.ids?.length ?? 0)} × ${fmtInt((json.cells?.length ?? 0) / Math.max(1, json.projects?.ids?.length ?? 1))}`;
      } catch {
        // not JSON
      }
      rows.push([
        i === 0 ? 'cold' : `warm ${i}`,
        String(res.status),
        fmtInt(Buffer.byteLength(body)),
        size,
        fmtMs(ms),
      ]);
    }
    const warm = times.slice(1).sort((a, b) => a - b);
    if (warm.length) rows.push(['warm median', '', '', '', fmtMs(warm[Math.floor(warm.length / 2)]!)]);
    printTable(
      `GET /api/war-chart?year=2023 (${base})`,
      ['request', 'status', 'bytes', 'projects × stages', 'time'],
      rows,
    );
  },
};
export default section;
