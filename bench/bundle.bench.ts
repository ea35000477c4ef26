// (g) Bundle: the JavaScript and CSS each route makes the browser fetch, gzip and brotli bytes.
// Reads packages/web/dist/.vite/manifest.json (build.manifest in vite.config.ts) and follows the
// static imports from index.html's entry chunk plus the lazy chunks a route renders (the shell and
// the page), as the browser would: dynamic imports of other pages are not counted.
// Builds the web app first when dist is missing or with --build. Also checks that the holiday
// calendar (chinese-days) and the demo dataset stay out of the browser's chunks.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT, fmtInt, fmtMs, printTable, runToEnd, type BenchSection } from './lib.ts';

const WEB = path.join(ROOT, 'packages/web');
const DIST = path.join(WEB, 'dist');
const MANIFEST = path.join(DIST, '.vite/manifest.json');
/** The target of issue 8: the JS each of these routes needs, gzip. */
const LIMIT_GZIP = 350_000;

type ManifestChunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
};
type Manifest = Record<string, ManifestChunk>;

/** What each measured route renders besides index.html's entry: its lazy modules (when split), by source path. */
const ROUTES: { route: string; lazy: string[] }[] = [
  { route: '/login', lazy: ['src/pages/login/login-page.tsx'] },
  { route: '/projects (ledger)', lazy: ['src/shell/app-layout.tsx', 'src/pages/ledger/ledger-page.tsx'] },
];

/** Strings that must not reach the browser: chinese-days' data, and the demo's people and date. */
const SERVER_ONLY: { what: string; needle: string }[] = [
  { what: 'chinese-days holiday data', needle: '2025-10-08' },
  { what: 'chinese-days lunar festivals', needle: '孟兰盆会' },
  { what: 'demo people (乐陵 2023)', needle: '孟庆华' },
];

const gzipBytes = (b: Buffer) => zlib.gzipSync(b, { level: 9 }).length;
const brotliBytes = (b: Buffer) =>
  zlib.brotliCompressSync(b, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length },
  }).length;

/** Every chunk key reached from `keys` through static imports (a chunk's own dynamic imports excluded). */
function closure(manifest: Manifest, keys: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...keys];
  while (stack.length > 0) {
    const key = stack.pop()!;
    if (seen.has(key)) continue;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the Vite manifest (was the page renamed? see ROUTES)`);
    seen.add(key);
    stack.push(...(chunk.imports ?? []));
  }
  return seen;
}

type Weight = { files: number; raw: number; gzip: number; brotli: number };
function weigh(files: string[]): Weight {
  const w: Weight = { files: files.length, raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const data = fs.readFileSync(path.join(DIST, f));
    w.raw += data.length;
    w.gzip += gzipBytes(data);
    w.brotli += brotliBytes(data);
  }
  return w;
}

const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;

const section: BenchSection = {
  name: 'bundle',
  title: '(g) bundle: JS and CSS the login and ledger routes load (gzip / brotli)',
  async run(ctx) {
    if (!fs.existsSync(MANIFEST) || ctx.options.build === true) {
      console.log('  building the web app (npm run build -w packages/web)…');
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      const b = await runToEnd(npm, ['run', 'build', '-w', 'packages/web'], process.env, 600_000);
      if (b.code !== 0) throw new Error(`web build failed:\n${b.output.slice(-3000)}`);
      console.log(`  built in ${fmtMs(b.ms)}`);
    } else {
      console.log('  using the existing packages/web/dist (pass --build to rebuild first)');
    }
    const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Manifest;
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry && k.endsWith('index.html'));
    if (!entry) throw new Error('no index.html entry in the Vite manifest');

    const rows: (string | number)[][] = [];
    for (const { route, lazy } of ROUTES) {
      // A page that is not a lazy chunk of its own is inside the entry's static graph already.
      const keys = closure(manifest, [entry, ...lazy.filter((k) => manifest[k]?.isDynamicEntry)]);
      const js = [...keys].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
      const css = [...new Set([...keys].flatMap((k) => manifest[k]!.css ?? []))];
      const j = weigh(js);
      const c = weigh(css);
      rows.push([
        route,
        j.files,
        kB(j.raw),
        `${kB(j.gzip)} (${fmtInt(j.gzip)} B)`,
        kB(j.brotli),
        c.files === 0 ? '—' : `${kB(c.gzip)} (${c.files})`,
        j.gzip <= LIMIT_GZIP ? 'ok' : `OVER by ${kB(j.gzip - LIMIT_GZIP)}`,
      ]);
    }
    printTable(
      `per route (entry ${manifest[entry]!.file} + static imports + the route's lazy chunks)`,
      ['route', 'JS files', 'JS raw', 'JS gzip', 'JS brotli', 'CSS gzip', `≤ ${kB(LIMIT_GZIP)} gzip`],
      rows,
    );

    // The whole build, and its five largest chunks, for context.
    const allJs = fs
      .readdirSync(path.join(DIST, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `assets/${f}`);
    const all = weigh(allJs);
    const largest = allJs
      .map((f) => ({ f, size: fs.statSync(path.join(DIST, f)).size }))
      .sort((a, b) => b.size - a.size)
      .slice(0, 5)
      .map(({ f, size }) => [f, kB(size), kB(gzipBytes(fs.readFileSync(path.join(DIST, f))))]);
    printTable(
      `all JS: ${all.files} files, ${kB(all.raw)} raw, ${kB(all.gzip)} gzip, ${kB(all.brotli)} brotli; largest`,
      ['chunk', 'raw', 'gzip'],
      largest,
    );

    const found = SERVER_ONLY.map(({ what, needle }) => {
      const files = allJs.filter((f) => fs.readFileSync(path.join(DIST, f), 'utf8').includes(needle));
      return [what, needle, files.length === 0 ? 'absent' : `PRESENT in ${files.join(', ')}`];
    });
    printTable('server-only data in the browser chunks', ['what', 'searched for', 'result'], found);
  },
};

export default section;
