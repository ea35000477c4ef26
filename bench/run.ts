// `npm run bench [-- options]`: runs the benchmark sections and prints figures; asserts nothing.
// All traffic goes to 127.0.0.1; every server runs on a fresh temporary data directory (SQLite).
//
//   --only list|startup|dispatch|bundle|province[,…]   run only these sections (default: all, in the order below)
//   --list                     list the sections and exit
//   --projects N               generated projects for the list benchmark (default 50000)
//   --connections N            autocannon connections (default 50)
//   --duration S               seconds of load per target (default 10), --warmup S (default 2)
//   --build                    rebuild packages/web before the start-up and bundle benchmarks
//   --keep                     keep the temporary data directories (their paths are printed)
//   --time-limit S             give up after S seconds (default 1800)
//   --data-dir D               warchart-api: time an already seeded data directory (no seeding)
//
// To add a section: write bench/<name>.bench.ts exporting a default `BenchSection` (see lib.ts)
// and register it in SECTIONS below.
import os from 'node:os';
import { makeTmpDir, runCleanups, serverCliExists, type BenchContext, type BenchSection } from './lib.ts';

const SECTIONS: Record<string, () => Promise<{ default: BenchSection }>> = {
  list: () => import('./list.bench.ts'),
  'list-pg': () => import('./list-pg.bench.ts'),
  startup: () => import('./startup.bench.ts'),
  import: () => import('./import.bench.ts'),
  scheduler: () => import('./scheduler.bench.ts'),
  warchart: () => import('./war-chart.bench.ts'),
  'warchart-api': () => import('./war-chart-api.bench.ts'),
  'warchart-click': () => import('./war-chart-click.bench.ts'),
  exports: () => import('./exports.bench.ts'),
  dispatch: () => import('./dispatch.bench.ts'),
  bundle: () => import('./bundle.bench.ts'),
  // Every goal of issue 11 on one seeded portfolio, reusing the sections above (long: ~10 min).
  province: () => import('./province.bench.ts'),
};

function parseArgs(argv: string[]): Record<string, string | true> {
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    const eq = arg.indexOf('=');
    if (eq > 0) {
      options[arg.slice(2, eq)] = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        options[arg.slice(2)] = next;
        i++;
      } else {
        options[arg.slice(2)] = true;
      }
    }
  }
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (options.list === true) {
    console.log(Object.keys(SECTIONS).join('\n'));
    return 0;
  }
  const only =
    typeof options.only === 'string' ? options.only.split(',').map((s) => s.trim()) : Object.keys(SECTIONS);
  const unknown = only.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) {
    console.error(`unknown section(s): ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`);
    return 2;
  }

  const keep = options.keep === true;
  const ctx: BenchContext = {
    options,
    tmpDir: (prefix) => {
      const dir = makeTmpDir(prefix, keep);
      if (keep) console.log(`  (keeping ${dir})`);
      return dir;
    },
    numberOption(name, fallback) {
      const v = options[name];
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a number, got ${String(v)}`);
      return n;
    },
  };

  const limitS = ctx.numberOption('time-limit', 1800);
  const watchdog = setTimeout(() => {
    console.error(`\nbench: time limit of ${limitS} s reached, stopping.`);
    runCleanups();
    process.exit(124);
  }, limitS * 1000);
  watchdog.unref();

  console.log(
    `Guatu benchmarks — node ${process.version}, ${os.cpus().length} cores, ` +
      `${new Date().toISOString()}; sections: ${only.join(', ')}`,
  );
  if (!serverCliExists())
    console.log('warning: packages/server/src/cli.ts does not exist yet; sections that need it will fail');

  let failures = 0;
  for (const name of only) {
    const started = performance.now();
    try {
      const section = (await SECTIONS[name]!()).default;
      console.log(`\n=== ${section.title}`);
      await section.run(ctx);
      console.log(`=== ${name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (err) {
      failures++;
      console.error(`=== ${name}: FAILED after ${((performance.now() - started) / 1000).toFixed(1)} s`);
      console.error(err instanceof Error ? err.message : err);
    } finally {
      runCleanups();
    }
  }
  return failures > 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    runCleanups();
    process.exit(130);
  });
}
process.on('exit', runCleanups);

main().then(
  (code) => {
    runCleanups();
    process.exit(code);
  },
  (err: unknown) => {
    console.error(err);
    runCleanups();
    process.exit(1);
  },
);
