// (b) Start-up: from spawning `node scripts/start.mjs` to the first 200 from /api/health,
// on a fresh data directory (migrations + 乐陵 demo), then again on the same directory — beside a
// bare `node` HTTP server spawned and asked the same way in the same run (issue 11's goal: the
// second start ≤ 3× the bare server's). The server is built (scripts/build-server.mjs) first, untimed.
import fs from 'node:fs';
import path from 'node:path';
import {
  HOST,
  ROOT,
  fmtMs,
  freePort,
  groupRssMiB,
  printTable,
  runToEnd,
  serverEnv,
  spawnLogged,
  sqliteMiB,
  waitFor200,
  type BenchSection,
} from './lib.ts';

const section: BenchSection = {
  name: 'startup',
  title: '(b) start-up: node scripts/start.mjs → first 200 from /api/health',
  async run(ctx) {
    // scripts/start.mjs builds the web when packages/web/dist is missing: build first, untimed,
    // so that the figures are the server's own start.
    const distIndex = path.join(ROOT, 'packages/web/dist/index.html');
    if (!fs.existsSync(distIndex) || ctx.options.build === true) {
      console.log('  building the web app first (npm run build, not timed)…');
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      const b = await runToEnd(npm, ['run', 'build'], process.env, 600_000);
      if (b.code !== 0) throw new Error(`npm run build failed:\n${b.output.slice(-3000)}`);
      console.log(`  built in ${fmtMs(b.ms)}`);
    } else {
      console.log('  using the existing packages/web/dist (pass --build to rebuild first)');
    }

    const { buildServer } = (await import(path.join(ROOT, 'scripts/build-server.mjs'))) as {
      buildServer: () => Promise<number>;
    };
    console.log(`  server built in ${fmtMs(await buildServer())} (not timed)`);

    // The baseline: a bare node HTTP server answering 200, spawned and polled the same way.
    const bare: number[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const script = `require('node:http').createServer((q, s) => s.end('{"ok":true}')).listen(${port}, '${HOST}')`;
      const logFile = path.join(ctx.tmpDir('startup-bare'), `bare-${i}.log`);
      const t0 = performance.now();
      const server = spawnLogged(process.execPath, ['-e', script], process.env, logFile);
      try {
        bare.push(
          await waitFor200(`http://${HOST}:${port}/api/health`, {
            since: t0,
            timeoutMs: 30_000,
            exited: server.exited,
            logFile,
            intervalMs: 10,
          }),
        );
      } finally {
        await server.stop();
      }
    }
    const bareMs = [...bare].sort((a, b) => a - b)[1]!;

    const dataDir = ctx.tmpDir('startup');
    const rows: string[][] = [];
    for (const run of ['first start (migrate + demo)', 'second start (same data dir)']) {
      const port = await freePort();
      const env = serverEnv({
        GUATU_DATA_DIR: dataDir,
        GUATU_DEMO: '1',
        GUATU_ADMIN_PASSWORD: 'Bench@12345',
        // The benchmarks measure the API, not the officers' second factor.
        GUATU_MFA_REQUIRED: '0',
        PORT: String(port),
        HOST,
        // Built above: never let start.mjs rebuild inside the timed window.
        GUATU_SKIP_BUILD: '1',
      });
      const t0 = performance.now();
      const server = spawnLogged(
        process.execPath,
        [path.join(ROOT, 'scripts/start.mjs')],
        env,
        path.join(dataDir, `start-${rows.length + 1}.log`),
      );
      let ready: number;
      try {
        ready = await waitFor200(`http://${HOST}:${port}/api/health`, {
          since: t0,
          timeoutMs: 180_000,
          exited: server.exited,
          logFile: server.logFile,
          intervalMs: 10,
        });
      } catch (err) {
        await server.stop();
        throw err;
      }
      const rss = groupRssMiB(server.child.pid);
      const s0 = performance.now();
      await server.stop();
      const stopMs = performance.now() - s0;
      rows.push([
        run,
        fmtMs(ready),
        `${(ready / bareMs).toFixed(1)}×`,
        Number.isNaN(rss) ? '?' : rss.toFixed(0),
        fmtMs(stopMs),
      ]);
    }
    const dbMiB = sqliteMiB(dataDir);
    printTable(
      `start-up (SQLite, data dir ${dataDir}${dbMiB === null ? '' : `, db ${dbMiB.toFixed(1)} MiB`})`,
      ['run', 'spawn → 200', '÷ bare node', 'RSS MiB', 'SIGTERM → exit'],
      [['bare node HTTP server (median of 3)', fmtMs(bareMs), '1.0×', '', ''], ...rows],
    );
    const second = rows[1];
    if (second) {
      const ratio = Number(second[2]!.replace('×', ''));
      console.log(
        `  goal (issue 11): second start ≤ 3× a bare node server's → ${ratio.toFixed(1)}× ${ratio <= 3 ? 'met' : 'NOT met'}`,
      );
    }
  },
};

export default section;
