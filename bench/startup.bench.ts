// (b) Start-up: from spawning `node scripts/start.mjs` to the first 200 from /api/health,
// on a fresh data directory (migrations + 乐陵 demo), then again on the same directory.
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
      rows.push([run, fmtMs(ready), Number.isNaN(rss) ? '?' : rss.toFixed(0), fmtMs(stopMs)]);
    }
    const dbMiB = sqliteMiB(dataDir);
    printTable(
      `start-up (SQLite, data dir ${dataDir}${dbMiB === null ? '' : `, db ${dbMiB.toFixed(1)} MiB`})`,
      ['run', 'spawn → 200', 'RSS MiB', 'SIGTERM → exit'],
      rows,
    );
  },
};

export default section;
