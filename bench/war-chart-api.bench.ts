// (11b) 挂图作战 server side: GET /api/war-chart over ~50k generated projects × 19 stages, served
// by the BUILT server (packages/server/dist/cli.mjs; built first when a source is newer), timed end
// to end from a client: the first request (the year's chart computed and cached), then warm ones
// as a browser asks (accept-encoding: gzip, deflate, br, zstd) and without compression, with the
// bytes on the wire and of the JSON; eight other queries once each (answers not kept: assembled
// from the cached chart and compressed anew); then the first request after one stage's actual dates were
// written in the database (the cache recomputes that project only).
//
//   --projects N   generated projects (default 50000)   --runs N   warm requests (default 9)
//   --data-dir D   an already seeded data directory, copied first (admin password as below)
//
// `provinceRows` (issue 11, `--only province`) gives the row "war-chart API, all projects
// (median)", goal ≤ 300 ms, on the province server, with the bytes in the figure.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  fmtInt,
  fmtMs,
  freePort,
  printTable,
  runCli,
  runToEnd,
  sqliteFile,
  type BenchSection,
  type GoalRow,
  type ProvinceRows,
  benchEnv,
  serveBuilt,
  builtServerArgs,
} from './lib.ts';

const GOAL_MS = 300;
const BROWSER_ENCODING = 'gzip, deflate, br, zstd';

type Answer = { status: number; ms: number; wire: number; encoding: string };

/** One GET read to its last byte: the time and the bytes as they came over the socket. */
function get(url: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { headers }, (res) => {
      let wire = 0;
      res.on('data', (c: Buffer) => (wire += c.length));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - t0,
          wire,
          encoding: String(res.headers['content-encoding'] ?? 'identity'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const fmtMB = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;

type Figures = { first: Answer; warm: Answer[]; assembled: Answer[]; plain: Answer; projects: number };

/** The first request, `runs` warm ones as a browser asks, one without compression. */
async function measure(base: string, cookie: string, runs: number): Promise<Figures> {
  // The generated projects are on the 2023 list; without a year the chart is this year's.
  const url = `${base}/api/war-chart?year=2023`;
  const browser = { cookie, accept: 'application/json', 'accept-encoding': BROWSER_ENCODING };
  const first = await get(url, browser);
  const warm: Answer[] = [];
  for (let i = 0; i < runs; i++) warm.push(await get(url, browser));
  // Eight other queries (grouping × language), each asked once: answers the server has not kept
  // (it keeps the last four per chart), assembled from the cached chart and compressed anew.
  const assembled: Answer[] = [];
  for (const lang of ['en-US', 'zh-CN'])
    for (const by of ['town', 'leader', 'department', 'level'])
      assembled.push(await get(`${url}&groupBy=${by}`, { ...browser, 'accept-language': lang }));
  const plain = await get(url, { cookie, accept: 'application/json' });
  const body = await (await fetch(url, { headers: { cookie, accept: 'application/json' } })).json();
  const projects = (body as { projects?: { ids?: unknown[] } }).projects?.ids?.length ?? 0;
  return { first, warm, assembled, plain, projects };
}

function figureOf(f: Figures): string {
  const times = f.warm.map((a) => a.ms);
  const wire = f.warm[0]!;
  return (
    `${fmtMs(quantile(times, 0.5))} (p95 ${fmtMs(quantile(times, 0.95))}; ${fmtInt(f.projects)} projects, ` +
    `${fmtMB(f.plain.wire)} JSON, ${fmtMB(wire.wire)} sent ${wire.encoding}; first ${fmtMs(f.first.ms)}, ` +
    `not kept ${fmtMs(
      quantile(
        f.assembled.map((a) => a.ms),
        0.5,
      ),
    )})`
  );
}

const section: BenchSection = {
  name: 'warchart-api',
  title: '(11b) war chart API: GET /api/war-chart over generated projects (built server)',
  async run(ctx) {
    const projects = ctx.numberOption('projects', 50_000);
    const runs = Math.max(1, ctx.numberOption('runs', 9));
    const given = ctx.options['data-dir'];
    const dataDir = ctx.tmpDir('warchart-api');
    const port = await freePort();
    const env = benchEnv(dataDir, port);
    if (typeof given === 'string') {
      // A copy: the stage write below must not land in the given directory.
      fs.cpSync(path.resolve(given), dataDir, { recursive: true });
    } else {
      await runCli(['migrate'], env, 120_000);
      const gen = await runCli(['demo', '--generate', String(projects)], env, 900_000);
      console.log(`  seeded ${fmtInt(projects)} projects in ${fmtMs(gen.ms)}`);
    }
    // Migrations first (the built server's own), as `npm start` would.
    const [mcmd, margs] = await builtServerArgs('migrate');
    await runToEnd(mcmd, margs, env, 300_000);
    // Stopped at the end by the cleanup spawnLogged registers.
    const { base, cookie } = await serveBuilt(env, path.join(ctx.tmpDir('warchart-api-log'), 'serve.log'));
    const f = await measure(base, cookie, runs);

    // One stage's actual dates written (as another app server would): the next request recomputes it.
    const file = sqliteFile(dataDir);
    let afterWrite: Answer | null = null;
    if (file) {
      const sqlite = new Database(file);
      try {
        const p = sqlite
          .prepare('select project_id as id from project_years where year = 2023 limit 1')
          .get() as { id: number } | undefined;
        if (p) {
          sqlite
            .prepare("delete from project_stages where project_id = ? and stage_key = 'signing'")
            .run(p.id);
          sqlite
            .prepare(
              "insert into project_stages (project_id, stage_key, actual_start, actual_finish, note, updated_at, updated_by) values (?, 'signing', '2023-02-01', '2023-02-02', null, ?, null)",
            )
            .run(p.id, new Date().toISOString());
        }
      } finally {
        sqlite.close();
      }
      afterWrite = await get(`${base}/api/war-chart?year=2023`, {
        cookie,
        accept: 'application/json',
        'accept-encoding': BROWSER_ENCODING,
      });
    }

    const row = (label: string, a: Answer): string[] => [
      label,
      String(a.status),
      a.encoding,
      fmtInt(a.wire),
      fmtMs(a.ms),
    ];
    const rows: string[][] = [row('first (computes the year)', f.first)];
    f.warm.forEach((a, i) => rows.push(row(`warm ${i + 1}`, a)));
    f.assembled.forEach((a, i) => rows.push(row(`other query ${i + 1} (not kept)`, a)));
    rows.push(row('warm, no accept-encoding', f.plain));
    if (afterWrite) rows.push(row('after one stage written', afterWrite));
    const times = f.warm.map((a) => a.ms);
    rows.push(['warm median', '', '', '', fmtMs(quantile(times, 0.5))]);
    rows.push(['warm p95', '', '', '', fmtMs(quantile(times, 0.95))]);
    rows.push([
      'not kept median',
      '',
      '',
      '',
      fmtMs(
        quantile(
          f.assembled.map((a) => a.ms),
          0.5,
        ),
      ),
    ]);
    printTable(
      `GET /api/war-chart?year=2023 (${fmtInt(f.projects)} projects, built server, ${base})`,
      ['request', 'status', 'encoding', 'bytes on the wire', 'time'],
      rows,
    );
    console.log(`  war-chart API, all projects (median): ${figureOf(f)} — goal ≤ ${GOAL_MS} ms`);
  },
};
export default section;

/** The province section's row: the war chart of all projects on the province server (reads only). */
export const provinceRows: ProvinceRows = async (server) => {
  const f = await measure(server.base, server.cookie, 9);
  const median = quantile(
    f.warm.map((a) => a.ms),
    0.5,
  );
  const row: GoalRow = {
    target: 'war-chart API, all projects (median)',
    figure: figureOf(f),
    goal: `≤ ${GOAL_MS} ms`,
    met: f.first.status === 200 && f.warm.every((a) => a.status === 200) && median <= GOAL_MS,
  };
  return [row];
};
