// (b) 挂图作战 in headless Chromium: the war chart grid (canvas, packages/web/src/features/war-chart)
// mounted on a bench page with a generated WarChartDto of 50,000 projects × 19 stages — the DTO is
// built in the page and handed over as JSON text, so JSON.parse + typed arrays + first paint are timed
// together — then ~2 s of programmatic scrolling, one step per animation frame. In the same run:
// the same grid with 5,000 projects, and frappe-gantt (a general SVG Gantt library) rendering 5,000
// rows, for the ratio. No server: the page is a Vite build of a bench entry, served from a temp dir.
//
//   --projects N   war chart projects (default 50000)   --gantt-rows N   frappe-gantt rows (default 5000)
//   --scroll-ms N  scrolling time per subject (default 2000)
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
  HOST,
  ROOT,
  fmtInt,
  freePort,
  onCleanup,
  printTable,
  type BenchSection,
  CHROMIUM,
  CHROMIUM_ARGS,
} from './lib.ts';

const ENTRY = `
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import Gantt from 'frappe-gantt';
import '../../node_modules/frappe-gantt/dist/frappe-gantt.css';
import { WarChartGrid } from '../../packages/web/src/features/war-chart/war-chart-grid.tsx';
import { buildModel } from '../../packages/web/src/features/war-chart/war-chart-model.ts';
import { defaultStageTemplate } from '../../packages/domain/src/schedule/stage-templates.ts';
import { cellFlag as F, cellStatus as S, cellWarning as W, encodeCell } from '../../packages/domain/src/war-chart-cell.ts';

const groupsOf = ['省级重点项目', '市级重点项目', '县级重点项目'];
function dtoText(n) {
  let s = 7;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const ids = new Array(n), names = new Array(n), group = new Array(n), cells = new Array(n * 19);
  const counts = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const g = i < n * 0.1 ? 0 : i < n * 0.4 ? 1 : 2;
    counts[g]++;
    ids[i] = i + 1; group[i] = g; names[i] = '重点项目' + (i + 1) + '号 · 年产' + (i % 97) + '万吨新材料';
    const done = Math.floor(rnd() * 20);
    for (let c = 0; c < 19; c++) {
      cells[i * 19 + c] =
        c < done ? encodeCell(S.done, W.none, rnd() < 0.8 ? F.red : F.black)
        : c === done ? (rnd() < 0.5 ? encodeCell(S.in_progress, W.none, F.none) : encodeCell(S.late, W.yellow, F.none))
        : rnd() < 0.1 ? encodeCell(S.not_started, W.yellow, F.none) : encodeCell(S.not_started, W.none, F.none);
    }
  }
  return JSON.stringify({
    year: 2023, today: '2023-08-15',
    stages: defaultStageTemplate.stages.map((x) => ({ key: x.key, name: x.name, group: x.group })),
    groups: groupsOf.map((label, i) => ({ key: String(i), label, count: counts[i] })),
    projects: { ids, names, group }, cells,
  });
}

const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN; };
const stats = (xs) => ({ n: xs.length, p50: q(xs, 0.5), p95: q(xs, 0.95), max: xs.length ? Math.max(...xs) : NaN });

async function scroll(el, ms, paints) {
  const gaps = [];
  let last = await frame();
  const t0 = last;
  let dir = 1;
  paints.length = 0;
  while (last - t0 < ms) {
    el.scrollTop += dir * 173;
    el.scrollLeft = (el.scrollLeft + 37) % Math.max(1, el.scrollWidth - el.clientWidth);
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - 2) dir = -1;
    if (el.scrollTop <= 0) dir = 1;
    const now = await frame();
    gaps.push(now - last);
    last = now;
  }
  return { frames: stats(gaps), paint: stats(paints.slice()) };
}

window.benchWarChart = async (n, scrollMs) => {
  const text = dtoText(n);
  const host = document.getElementById('root');
  host.style.width = '1400px';
  const paints = [];
  let first = null;
  const t0 = performance.now();
  const dto = JSON.parse(text);
  const model = buildModel(dto);
  const painted = new Promise((resolve) => { first = resolve; });
  const root = createRoot(host);
  root.render(createElement(WarChartGrid, {
    model, mobile: false, height: '860px',
    labels: { corner: '项目名称（' + n + '）', band: (g) => ({ landing: '落地', procedures: '手续', construction: '建设', completion: '竣工' })[g] },
    describe: () => '',
    onPaint: (ms) => { paints.push(ms); if (first) { first(); first = null; } },
  }));
  await painted;
  await frame();
  const firstPaint = performance.now() - t0;
  const el = host.querySelector('[data-testid=war-chart-scroller]');
  const s = await scroll(el, scrollMs, paints);
  root.unmount();
  return { firstPaint, ...s, rows: model.rows.length, bytes: text.length };
};

window.benchFrappe = async (n, scrollMs) => {
  const host = document.getElementById('root');
  host.innerHTML = '<div id="g" style="width:1400px;height:860px;overflow:hidden"></div>';
  const tasks = [];
  const day = (d) => new Date(Date.UTC(2023, 0, 1) + d * 86400000).toISOString().slice(0, 10);
  for (let i = 0; i < n; i++) {
    const a = (i * 7) % 500;
    tasks.push({ id: 't' + i, name: '工序' + (i % 19) + ' · 项目' + Math.floor(i / 19), start: day(a), end: day(a + 5 + (i % 40)), progress: (i * 13) % 100, dependencies: i % 19 ? 't' + (i - 1) : '' });
  }
  const t0 = performance.now();
  new Gantt('#g', tasks, { view_mode: 'Week', container_height: 860, infinite_padding: false });
  await frame();
  await frame();
  const firstPaint = performance.now() - t0;
  const g = document.getElementById('g');
  const el = [g, ...g.querySelectorAll('*')].find((e) => e.scrollHeight > e.clientHeight + 10 && getComputedStyle(e).overflowY !== 'visible') || document.scrollingElement;
  const s = await scroll(el, scrollMs, []);
  return { firstPaint, ...s, rows: n, svgNodes: g.querySelectorAll('*').length };
};
window.benchReady = true;
`;

type Stat = { n: number; p50: number; p95: number; max: number };
type Result = {
  firstPaint: number;
  frames: Stat;
  paint: Stat;
  rows: number;
  bytes?: number;
  svgNodes?: number;
};

function serveDir(dir: string, port: number): Promise<http.Server> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = path.join(dir, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, HOST, () => resolve(server)));
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '—');

const section: BenchSection = {
  name: 'warchart',
  title: '(b) war chart in headless Chromium: first paint and scrolling, vs frappe-gantt',
  async run(ctx) {
    const projects = ctx.numberOption('projects', 50_000);
    const ganttRows = ctx.numberOption('gantt-rows', 5_000);
    const scrollMs = ctx.numberOption('scroll-ms', 2_000);

    // the bench page: an entry under <root>/.tmp so that node_modules resolve, built by Vite
    const work = path.join(ROOT, '.tmp', `bench-war-chart-${process.pid}`);
    fs.mkdirSync(work, { recursive: true });
    onCleanup(() => fs.rmSync(work, { recursive: true, force: true }));
    fs.writeFileSync(path.join(work, 'entry.tsx'), ENTRY);
    fs.writeFileSync(
      path.join(work, 'index.html'),
      '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title></head>' +
        '<body style="margin:0"><div id="root"></div><script type="module" src="./entry.tsx"></script></body></html>',
    );
    const outDir = ctx.tmpDir('warchart-dist');
    const t0 = performance.now();
    const { build } = await import('vite');
    const react = (await import('@vitejs/plugin-react')).default;
    await build({
      root: work,
      logLevel: 'error',
      plugins: [react()],
      build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 5000 },
    });
    console.log(`  bench page built with Vite in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const port = await freePort();
    const server = await serveDir(outDir, port);
    onCleanup(() => server.close());

    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    onCleanup(() => void browser.close());
    const run = async (fn: 'benchWarChart' | 'benchFrappe', n: number): Promise<Result> => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      await page.goto(`http://${HOST}:${port}/`);
      await page.waitForFunction('window.benchReady === true');
      const r = (await page.evaluate(`window.${fn}(${n}, ${scrollMs})`)) as Result;
      await page.close();
      return r;
    };

    const big = await run('benchWarChart', projects);
    const small = await run('benchWarChart', ganttRows);
    let frappe: Result | null = null;
    let frappeError = '';
    try {
      frappe = await run('benchFrappe', ganttRows);
    } catch (e) {
      frappeError = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    }
    await browser.close();

    const row = (label: string, r: Result | null, goal: boolean): string[] =>
      r
        ? [
            label,
            fmtInt(r.rows),
            ms(r.firstPaint) + (goal ? (r.firstPaint <= 1000 ? ' ✓' : ' ✗') : ''),
            ms(r.frames.p50),
            ms(r.frames.p95) + (goal ? (r.frames.p95 <= 16.7 ? ' ✓' : ' ✗') : ''),
            ms(r.frames.max),
            fmtInt(r.frames.n),
            r.paint.n ? `${ms(r.paint.p50)} / ${ms(r.paint.p95)} / ${ms(r.paint.max)}` : '—',
          ]
        : [label, '—', frappeError || 'failed', '', '', '', '', ''];
    printTable(
      `war chart vs frappe-gantt, Chromium headless 1440×900, ~${scrollMs} ms of scrolling (one step per frame)`,
      [
        'subject',
        'rows',
        'first paint',
        'frame p50',
        'frame p95',
        'frame max',
        'frames',
        'canvas paint p50/p95/max',
      ],
      [
        row(`war chart, ${fmtInt(projects)} projects × 19`, big, true),
        row(`war chart, ${fmtInt(ganttRows)} projects × 19`, small, false),
        row(`frappe-gantt, ${fmtInt(ganttRows)} tasks (week view)`, frappe, false),
      ],
    );
    if (frappe) {
      printTable(
        `ratio at ${fmtInt(ganttRows)} rows (frappe-gantt ÷ war chart)`,
        ['figure', 'war chart', 'frappe-gantt', 'ratio'],
        [
          [
            'first paint',
            ms(small.firstPaint),
            ms(frappe.firstPaint),
            `${(frappe.firstPaint / small.firstPaint).toFixed(1)}×`,
          ],
          [
            'frame p95 while scrolling',
            ms(small.frames.p95),
            ms(frappe.frames.p95),
            `${(frappe.frames.p95 / small.frames.p95).toFixed(1)}×`,
          ],
          [
            'frame max',
            ms(small.frames.max),
            ms(frappe.frames.max),
            `${(frappe.frames.max / small.frames.max).toFixed(1)}×`,
          ],
        ],
      );
      if (frappe.svgNodes)
        console.log(
          `  frappe-gantt drew ${fmtInt(frappe.svgNodes)} DOM/SVG nodes; the war chart one <canvas>.`,
        );
    }
    console.log(
      `  first paint = JSON.parse of the DTO (${big.bytes ? (big.bytes / 1048576).toFixed(1) : '?'} MiB) + typed arrays + React mount + ` +
        'first canvas paint + the next frame. Frame = interval between animation frames while scrolling; ' +
        'headless Chromium without GPU, so the floor is the 60 Hz frame clock.',
    );
  },
};
export default section;
