// (b) Start-up (issue 11, item 3): from spawning what `npm start` runs (package.json's `start`:
// node, its flags and scripts/start.mjs; web and server already built) to the first 200 from /api/health and to the first page (GET /),
// beside a bare `node` HTTP server spawned and polled the same way, the two alternating within one
// run (the machine's load falls on both alike). Goal: the app's start ≤ 3× the bare server's.
//
// `--only startup`: a fresh data directory (the first start, migrations + the 乐陵 demo, timed
// once), then five second starts on it beside five bare ones. The province section
// (`provinceRows`) times the same on a copy of its 50,000-project data directory, on its own port,
// and prints the figure of an empty data directory (GUATU_DEMO=0) too.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
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
  type BenchContext,
  type BenchSection,
  type ProvinceRows,
} from './lib.ts';

const RUNS = 5;
const GOAL_RATIO = 3;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** A bare node HTTP server answering 200: spawned and polled as the app is. */
async function bareStart(ctx: BenchContext): Promise<number> {
  const port = await freePort();
  const script = `require('node:http').createServer((q, s) => s.end('{"ok":true}')).listen(${port}, '${HOST}')`;
  const logFile = path.join(ctx.tmpDir('startup-bare'), 'bare.log');
  const t0 = performance.now();
  const server = spawnLogged(process.execPath, ['-e', script], process.env, logFile);
  try {
    return await waitFor200(`http://${HOST}:${port}/api/health`, {
      since: t0,
      timeoutMs: 30_000,
      exited: server.exited,
      logFile,
      intervalMs: 5,
    });
  } finally {
    await server.stop();
  }
}

type AppStart = { health: number; page: number; rss: number; stopMs: number };

/** package.json's `start` script as node's arguments (its flags, then scripts/start.mjs). */
function npmStartArgs(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [node, ...args] = pkg.scripts.start.trim().split(/\s+/);
  if (node !== 'node' || !args.at(-1)?.endsWith('.mjs'))
    throw new Error(`package.json's start script is not "node [flags] <script>.mjs": ${pkg.scripts.start}`);
  return args.map((a, i) => (i === args.length - 1 ? path.join(ROOT, a) : a));
}

/** `npm start`'s command on `dataDir` (never building: GUATU_SKIP_BUILD=1). */
async function appStart(dataDir: string, extraEnv: Record<string, string>, log: string): Promise<AppStart> {
  const port = await freePort();
  const env = serverEnv({
    GUATU_ADMIN_PASSWORD: 'Bench@12345',
    // The benchmarks measure the API, not the officers' second factor.
    GUATU_MFA_REQUIRED: '0',
    NODE_ENV: 'production',
    ...extraEnv,
    GUATU_DATA_DIR: dataDir,
    PORT: String(port),
    HOST,
    // Built beforehand: never let start.mjs build inside the timed window.
    GUATU_SKIP_BUILD: '1',
  });
  const t0 = performance.now();
  const server = spawnLogged(process.execPath, npmStartArgs(), env, log);
  try {
    const health = await waitFor200(`http://${HOST}:${port}/api/health`, {
      since: t0,
      timeoutMs: 180_000,
      exited: server.exited,
      logFile: log,
      intervalMs: 5,
    });
    const page = await waitFor200(`http://${HOST}:${port}/`, { since: t0, timeoutMs: 30_000, logFile: log });
    const rss = groupRssMiB(server.child.pid);
    const s0 = performance.now();
    await server.stop();
    return { health, page, rss, stopMs: performance.now() - s0 };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** Whether start.mjs would run the server from its sources (a build older than them). */
function serverBuildStale(): boolean {
  const dist = path.join(ROOT, 'packages/server/dist/cli.mjs');
  if (!fs.existsSync(dist)) return true;
  const built = fs.statSync(dist).mtimeMs;
  const newer = (dir: string): boolean =>
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      if (e.name === 'node_modules' || e.name === 'dist') return false;
      const p = path.join(dir, e.name);
      return e.isDirectory() ? newer(p) : fs.statSync(p).mtimeMs > built;
    });
  return ['packages/server/src', 'packages/contracts/src', 'packages/domain/src'].some((d) =>
    newer(path.join(ROOT, d)),
  );
}

type Comparison = { bare: number[]; app: AppStart[]; bareMs: number; appMs: number; pageMs: number };

/**
 * One untimed start first (it writes V8's code cache of a new build, as any first `serve` does;
 * on a fresh directory it migrates), then RUNS × (bare, app) alternating.
 */
async function compare(
  ctx: BenchContext,
  dataDir: string,
  extraEnv: Record<string, string>,
  label: string,
): Promise<Comparison> {
  const logs = ctx.tmpDir('startup-logs');
  await appStart(dataDir, extraEnv, path.join(logs, `${label}-warm.log`));
  const bare: number[] = [];
  const app: AppStart[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(await bareStart(ctx));
    app.push(await appStart(dataDir, extraEnv, path.join(logs, `${label}-${i + 1}.log`)));
  }
  return {
    bare,
    app,
    bareMs: median(bare),
    appMs: median(app.map((a) => a.health)),
    pageMs: median(app.map((a) => a.page)),
  };
}

function printComparison(title: string, c: Comparison): void {
  const rows: string[][] = c.app.map((a, i) => [
    `run ${i + 1}`,
    fmtMs(c.bare[i]!),
    fmtMs(a.health),
    `${(a.health / c.bare[i]!).toFixed(1)}×`,
    fmtMs(a.page),
    Number.isNaN(a.rss) ? '?' : a.rss.toFixed(0),
    fmtMs(a.stopMs),
  ]);
  rows.push([
    'median',
    fmtMs(c.bareMs),
    fmtMs(c.appMs),
    `${(c.appMs / c.bareMs).toFixed(1)}×`,
    fmtMs(c.pageMs),
    '',
    '',
  ]);
  printTable(
    title,
    [
      '',
      'bare node → 200',
      'start.mjs → /api/health 200',
      '÷ bare',
      '→ GET / 200',
      'RSS MiB',
      'SIGTERM → exit',
    ],
    rows,
  );
  console.log(
    `  goal (issue 11): npm start → first 200 ≤ ${GOAL_RATIO}× a bare node server's → ` +
      `${(c.appMs / c.bareMs).toFixed(1)}× ${c.appMs / c.bareMs <= GOAL_RATIO ? 'met' : 'NOT met'}`,
  );
}

const figureOf = (c: Comparison) =>
  `${Math.round(c.appMs)} ms = ${(c.appMs / c.bareMs).toFixed(1)}× bare ${Math.round(c.bareMs)} ms`;

/** A copy of a live SQLite data directory: the database through SQLite's online backup. */
async function copyDataDir(from: string, to: string): Promise<void> {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (src) => !/guatu\.db(-wal|-shm|-journal)?$/.test(path.basename(src)),
  });
  const db = path.join(from, 'guatu.db');
  if (!fs.existsSync(db)) return;
  const source = new Database(db, { readonly: true, fileMustExist: true });
  try {
    await source.backup(path.join(to, 'guatu.db'));
  } finally {
    source.close();
  }
}

/** The province section's row: the start on a copy of its 50,000-project data directory. */
export const provinceRows: ProvinceRows = async (server) => {
  const target = 'npm start → first 200 (vs bare node in the same run)';
  if (serverBuildStale())
    return [
      {
        target,
        figure:
          'not measured: packages/server/dist is older than the sources (node scripts/build-server.mjs)',
        goal: `≤ ${GOAL_RATIO}×`,
        met: false,
      },
    ];
  const copy = server.ctx.tmpDir('startup-50k');
  await copyDataDir(server.dataDir, copy);
  const env = { GUATU_DEMO: '0' };
  const big = await compare(server.ctx, copy, env, '50k');
  printComparison(`start-up on a copy of the province data (${server.projects} projects)`, big);
  const empty = await compare(server.ctx, server.ctx.tmpDir('startup-empty'), env, 'empty');
  printComparison('start-up on an empty data directory (GUATU_DEMO=0)', empty);
  console.log(`  empty data directory: ${figureOf(empty)}`);
  return [
    {
      target,
      figure: `${figureOf(big)} (empty data dir: ${figureOf(empty)})`,
      goal: `≤ ${GOAL_RATIO}×`,
      met: big.appMs / big.bareMs <= GOAL_RATIO,
    },
  ];
};

const section: BenchSection = {
  name: 'startup',
  title: '(b) start-up: node scripts/start.mjs → first 200 from /api/health, beside a bare node server',
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

    const dataDir = ctx.tmpDir('startup');
    const logs = ctx.tmpDir('startup-logs');
    const first = await appStart(dataDir, { GUATU_DEMO: '1' }, path.join(logs, 'first.log'));
    console.log(`  first start (migrations + the 乐陵 demo): ${fmtMs(first.health)} to the first 200`);
    const c = await compare(ctx, dataDir, { GUATU_DEMO: '1' }, 'demo');
    const dbMiB = sqliteMiB(dataDir);
    printComparison(
      `second starts (SQLite, data dir ${dataDir}${dbMiB === null ? '' : `, db ${dbMiB.toFixed(1)} MiB`})`,
      c,
    );
  },
};

export default section;
