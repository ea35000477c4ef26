// (11c) Click → war chart drawn, in headless Chromium: the BUILT web app served by the BUILT server
// (packages/server/dist/cli.mjs) over a copy of a seeded data directory (~50,000 generated projects
// in the 2023 list). Signed in as admin, the ledger of 2023 open (its page chunks preloaded while
// idle, as a user's tab would have them), a click on the menu's 挂图作战, timed until the grid's
// canvas has painted the first rows of all projects: the page marks `war-chart-drawn` (detail: the
// projects drawn) right after that paint, `war-chart-parsed` when the answer is parsed and
// `war-chart-model` when its typed arrays are built; the API's time comes from the resource timing.
// Each run is a fresh tab (nothing cached in the page; the server keeps whatever it caches).
//
//   --data-dir D   the seeded data directory to copy (default /tmp/guatu-50k; it is never written)
//   --runs N       clicks, each in a fresh tab (default 5)   --year Y   the list year (default 2023)
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT,
  fmtInt,
  freePort,
  onCleanup,
  printTable,
  type BenchSection,
  type GoalRow,
  type ProvinceRows,
  benchEnv,
  serveBuilt,
  CHROMIUM,
  CHROMIUM_ARGS,
} from './lib.ts';

const GOAL_MS = 500;

/** One click, in milliseconds from the pointer going down on 挂图作战. */
export type ClickRun = {
  /** The war-chart request's start (after the click). */
  requestStart: number;
  /** Request start → last byte (resource timing). */
  api: number;
  bytes: number;
  /** Last byte → the body in the page as bytes → decoded (war-chart-decode.ts) → typed arrays built. */
  receive: number;
  parse: number;
  model: number;
  /** Model built → first canvas paint of the grid. */
  paint: number;
  /** Click → the grid painted with all projects. */
  total: number;
  projects: number;
};

type Marks = {
  t0: number;
  drawn: number;
  projects: number;
  received: number;
  parsed: number;
  model: number;
  reqStart: number;
  reqEnd: number;
  bytes: number;
};

type Options = { base: string; cookie: string; year: number; runs: number; expected?: number };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : Number.NaN;
};
const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)} ms` : '—');

/** Clicks 挂图作战 from the ledger `runs` times, each in a fresh tab, and reads the page's marks. */
export async function measureClicks(o: Options): Promise<ClickRun[]> {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  onCleanup(() => void browser.close());
  const url = new URL(o.base);
  const cookies = o.cookie
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => {
      const eq = c.indexOf('=');
      return { name: c.slice(0, eq), value: c.slice(eq + 1), domain: url.hostname, path: '/' };
    });
  const out: ClickRun[] = [];
  try {
    for (let i = 0; i < o.runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
      await context.addCookies(cookies);
      const page = await context.newPage();
      await page.goto(`${o.base}/projects?year=${o.year}`);
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 60_000 });
      // the other pages' chunks load while the tab is idle, as they would before a user's click
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      // The drawn mark is awaited by an observer in the page, not by polling: a poll every 20 ms
      // would take the page's main thread from the work being timed.
      await page.evaluate(`
        performance.clearMarks();
        performance.clearMeasures();
        performance.clearResourceTimings();
        document.addEventListener('pointerdown', () => (window.clickAt = performance.now()), {
          capture: true,
          once: true,
        });
        window.warChartDrawn = new Promise((resolve) => {
          new PerformanceObserver((list, observer) => {
            if (list.getEntriesByName('war-chart-drawn').length === 0) return;
            observer.disconnect();
            resolve(true);
          }).observe({ type: 'mark' });
        });
        undefined; // not the promise: evaluate would wait for it
      `);
      await page.getByRole('menuitem', { name: '挂图作战' }).click();
      await page.evaluate(
        `Promise.race([window.warChartDrawn, new Promise((_, reject) => setTimeout(() => reject(new Error('not drawn in 120 s')), 120000))])`,
      );
      const r = (await page.evaluate(`(() => {
        const mark = (name) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN;
        const drawn = performance.getEntriesByName('war-chart-drawn').at(-1);
        // fetched by the page, or by its worker (web api/fetch-bytes.ts: the page measures it then)
        const found = performance.getEntriesByType('resource').find((e) => /\\/api\\/war-chart\\?/.test(e.name));
        const measured = performance.getEntriesByType('measure').find((e) => /\\/api\\/war-chart\\?/.test(e.name));
        const res = found ?? (measured && {
          startTime: measured.startTime,
          responseEnd: measured.startTime + measured.duration,
          encodedBodySize: measured.detail?.bytes,
        });
        return {
          t0: window.clickAt,
          drawn: drawn.startTime,
          projects: Number(drawn.detail?.projects ?? NaN),
          received: mark('war-chart-received'),
          parsed: mark('war-chart-parsed'),
          model: mark('war-chart-model'),
          reqStart: res?.startTime ?? NaN,
          reqEnd: res?.responseEnd ?? NaN,
          bytes: res ? res.encodedBodySize || res.transferSize : NaN,
        };
      })()`)) as Marks;
      out.push({
        requestStart: r.reqStart - r.t0,
        api: r.reqEnd - r.reqStart,
        bytes: r.bytes,
        receive: r.received - r.reqEnd,
        parse: r.parsed - r.received,
        model: r.model - r.parsed,
        paint: r.drawn - r.model,
        total: r.drawn - r.t0,
        projects: r.projects,
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  if (o.expected !== undefined && out.some((r) => r.projects !== o.expected))
    throw new Error(`the grid drew ${out.map((r) => r.projects).join(', ')} projects, not ${o.expected}`);
  return out;
}

function printRuns(runs: ClickRun[], title: string): void {
  const row = (label: string, pick: (r: ClickRun) => number) => [
    label,
    ...runs.map((r) => ms(pick(r))),
    ms(median(runs.map(pick))),
  ];
  printTable(
    title,
    ['figure', ...runs.map((_, i) => `#${i + 1}`), 'median'],
    [
      row('click → request sent', (r) => r.requestStart),
      row('API (request → last byte)', (r) => r.api),
      row('body → bytes in the page', (r) => r.receive),
      row('decode (cells as bytes + JSON)', (r) => r.parse),
      row('model (typed arrays)', (r) => r.model),
      row('first paint', (r) => r.paint),
      row('total: click → drawn', (r) => r.total),
    ],
  );
  const bytes = median(runs.map((r) => r.bytes));
  console.log(
    `  ${fmtInt(median(runs.map((r) => r.projects)))} projects drawn; ${(bytes / 1048576).toFixed(1)} MiB received ` +
      `per click; goal: total ≤ ${GOAL_MS} ms (median of ${runs.length}).`,
  );
}

/** The province section's row: the already running, signed-in server serves the built web app too. */
export const provinceRows: ProvinceRows = async (server) => {
  const runs = await measureClicks({
    base: server.base,
    cookie: server.cookie,
    year: server.ctx.numberOption('year', 2023),
    runs: Math.max(1, server.ctx.numberOption('runs', 5)),
  });
  printRuns(runs, 'click → war chart drawn (province server)');
  const total = median(runs.map((r) => r.total));
  const row: GoalRow = {
    target: 'click → war chart drawn, all projects (Chromium)',
    figure: `${ms(total)} (API ${ms(median(runs.map((r) => r.api)))}, parse+model ${ms(
      median(runs.map((r) => r.receive + r.parse + r.model)),
    )}, paint ${ms(median(runs.map((r) => r.paint)))}; ${fmtInt(median(runs.map((r) => r.projects)))} projects)`,
    goal: `≤ ${GOAL_MS} ms`,
    met: total <= GOAL_MS,
  };
  return [row];
};

const section: BenchSection = {
  name: 'warchart-click',
  title: '(11c) click → war chart of all projects drawn, in headless Chromium (built app and server)',
  async run(ctx) {
    const given = ctx.options['data-dir'];
    const source = typeof given === 'string' ? path.resolve(given) : '/tmp/guatu-50k';
    if (!fs.existsSync(path.join(source, 'guatu.db')))
      throw new Error(`no seeded data directory at ${source} (--data-dir D)`);
    if (!fs.existsSync(path.join(ROOT, 'packages/web/dist/index.html')))
      throw new Error('build the web app first: npm run build -w packages/web');
    const dataDir = ctx.tmpDir('warchart-click');
    fs.cpSync(source, dataDir, { recursive: true });
    const env = benchEnv(dataDir, await freePort());
    const { server, base, cookie } = await serveBuilt(
      env,
      path.join(ctx.tmpDir('warchart-click-log'), 'serve.log'),
    );
    onCleanup(() => void server.stop(2000));
    // The year's chart computed once first (as the province section's server has it): the clicks
    // time the page, not the server's first computation of the year (seconds, timed by warchart-api).
    const year = ctx.numberOption('year', 2023);
    const first = await fetch(`${base}/api/war-chart?year=${year}&groupBy=level`, {
      // the page's request: the binary form (contracts/war-chart-binary.ts), in Chinese
      headers: { cookie, accept: 'application/vnd.guatu.war-chart+bin', 'accept-language': 'zh-CN' },
    });
    if (!first.ok) throw new Error(`GET /api/war-chart: HTTP ${first.status}`);
    await first.arrayBuffer();
    const runs = await measureClicks({
      base,
      cookie,
      year,
      runs: Math.max(1, ctx.numberOption('runs', 5)),
    });
    printRuns(runs, `click on 挂图作战 from the ${year} ledger → grid drawn (${base})`);
    await server.stop();
  },
};
export default section;
