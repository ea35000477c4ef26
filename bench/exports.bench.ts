// (11) The two xlsx exports of every project, streamed: GET /api/projects/export (the ledger) and
// GET /api/war-chart/export.xlsx over the seeded ~50,000-project data directory, timed from a
// client (time to first byte, total, bytes) with the server's RSS before and at its peak; the
// war chart's computation (GET /api/war-chart, the same chart as JSON) is timed beside it, so
// that its writer's share (export − computation) shows; and the writer alone, in this process,
// on a synthetic chart of the same size.
//
//   --data-dir D   a seeded data directory (default: a copy of /tmp/guatu-50k; never written to)
//   --runs N       downloads of each export (default 2; the first is cold)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  ROOT,
  fmtInt,
  fmtMs,
  freePort,
  groupRssMiB,
  printTable,
  type BenchSection,
  type GoalRow,
  type ProvinceRows,
  type ProvinceServer,
  benchEnv,
  serveBuilt,
} from './lib.ts';

const SEEDED = '/tmp/guatu-50k';
const GOAL_MS = 5_000;

export const EXPORTS = [
  { target: 'ledger xlsx export, all projects', url: '/api/projects/export?year=2023' },
  { target: 'war-chart xlsx export, all projects', url: '/api/war-chart/export.xlsx?year=2023' },
] as const;

type Download = {
  status: number;
  ttfbMs: number;
  totalMs: number;
  bytes: number;
  rssBefore: number;
  rssPeak: number;
};

/** One download read to its end, the server's RSS sampled every 25 ms meanwhile. */
async function download(
  base: string,
  url: string,
  cookie: string,
  pgid: number | undefined,
): Promise<Download> {
  const rssBefore = groupRssMiB(pgid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, groupRssMiB(pgid));
  }, 25);
  const t0 = performance.now();
  let ttfbMs = 0;
  let bytes = 0;
  try {
    const res = await fetch(`${base}${url}`, { headers: { cookie } });
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (ttfbMs === 0) ttfbMs = performance.now() - t0;
      bytes += value.length;
    }
    return { status: res.status, ttfbMs, totalMs: performance.now() - t0, bytes, rssBefore, rssPeak };
  } finally {
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, groupRssMiB(pgid));
  }
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** The province section's rows: each export downloaded twice (cold, warm), the warm one judged. */
export const provinceRows: ProvinceRows = async (server: ProvinceServer): Promise<GoalRow[]> => {
  const rows: GoalRow[] = [];
  for (const e of EXPORTS) {
    await download(server.base, e.url, server.cookie, server.pgid);
    const d = await download(server.base, e.url, server.cookie, server.pgid);
    rows.push({
      target: e.target,
      figure: `${fmtMs(d.totalMs)} (first byte ${fmtMs(d.ttfbMs)}, ${mb(d.bytes)}, RSS ${fmtInt(d.rssBefore)} → ${fmtInt(d.rssPeak)} MiB)`,
      goal: '≤ 5 s, streamed',
      met: d.status === 200 && d.totalMs <= GOAL_MS && d.ttfbMs < d.totalMs,
    });
  }
  return rows;
};

/** The war-chart writer alone on a synthetic chart of `n` projects × 19 stages, to a null sink. */
async function writerAlone(n: number): Promise<{ ms: number; bytes: number }> {
  const src = (p: string) => pathToFileURL(path.join(ROOT, 'packages/server/src', p)).href;
  type Writer = (opts: unknown, out: Writable) => Promise<void>;
  const { writeWarChartWorkbook } = (await import(src('excel/war-chart-export.ts'))) as {
    writeWarChartWorkbook: Writer;
  };
  const { encodeCell } = (await import('@guatu/contracts')) as {
    encodeCell: (s: number, w: number, f: number) => number;
  };
  const W = 19;
  const groupsOf = ['landing', 'procedures', 'construction', 'completion'];
  const chart = {
    year: 2023,
    today: '2026-11-29',
    stages: Array.from({ length: W }, (_, i) => ({
      key: `s${i}`,
      name: `工序${i}`,
      group: groupsOf[Math.min(3, Math.floor(i / 5))],
      milestone: i % 6 === 0,
    })),
    groups: Array.from({ length: 20 }, (_, i) => ({ key: `g${i}`, label: `第${i}镇`, count: n / 20 })),
    projects: {
      ids: Array.from({ length: n }, (_, i) => i + 1),
      names: Array.from({ length: n }, (_, i) => `生成的重点建设项目第${i + 1}号`),
      group: Array.from({ length: n }, (_, i) => Math.floor((i * 20) / n)),
    },
    cells: Array.from({ length: n * W }, (_, i) => encodeCell(i % 5, (i >> 3) % 4, (i >> 5) % 3)),
  };
  const dates = Int32Array.from({ length: n * W }, (_, i) => 738_800 + (i % 900));
  let bytes = 0;
  const sink = new Writable({
    highWaterMark: 8 << 20,
    write(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      cb();
    },
  });
  const t0 = performance.now();
  await writeWarChartWorkbook({ title: '挂图', chart, dates, groupBy: 'town', lang: 'zh-CN' }, sink);
  return { ms: performance.now() - t0, bytes };
}

const section: BenchSection = {
  name: 'exports',
  title: '(11) xlsx exports of every project, streamed (ledger and war chart)',
  async run(ctx) {
    const runs = Math.max(1, ctx.numberOption('runs', 2));
    const given = ctx.options['data-dir'];
    let dataDir: string;
    if (typeof given === 'string') dataDir = path.resolve(given);
    else {
      if (!fs.existsSync(path.join(SEEDED, 'guatu.db')))
        throw new Error(`no seeded data directory at ${SEEDED} (pass --data-dir)`);
      // A copy: the server migrates and writes its sessions; the seeded directory stays as it is.
      dataDir = path.join(ctx.tmpDir('exports'), 'data');
      execFileSync('cp', ['-a', SEEDED, dataDir]);
    }
    const env = benchEnv(dataDir, await freePort());
    const { server, base, cookie } = await serveBuilt(env, path.join(ctx.tmpDir('exports-log'), 'serve.log'));
    try {
      const pgid = server.child.pid;

      const table: string[][] = [];
      const warm: Record<string, Download> = {};
      for (const e of EXPORTS)
        for (let i = 0; i < runs; i++) {
          const d = await download(base, e.url, cookie, pgid);
          if (i > 0 || runs === 1) warm[e.url] = d;
          table.push([
            `${e.target} (${i === 0 ? 'cold' : `warm ${i}`})`,
            String(d.status),
            fmtMs(d.ttfbMs),
            fmtMs(d.totalMs),
            fmtInt(d.bytes),
            `${fmtInt(d.rssBefore)} → ${fmtInt(d.rssPeak)}`,
          ]);
        }
      printTable(
        `streamed exports (${base}, goal ≤ ${GOAL_MS / 1000} s each)`,
        ['export', 'status', 'first byte', 'total', 'bytes', 'server RSS MiB'],
        table,
      );

      // The war chart: its computation (the same chart as JSON, warm) beside its export.
      const chartTimes: number[] = [];
      for (let i = 0; i < 2; i++) {
        const t = performance.now();
        const res = await fetch(`${base}/api/war-chart?year=2023`, { headers: { cookie } });
        await res.arrayBuffer();
        chartTimes.push(performance.now() - t);
      }
      const compute = Math.min(...chartTimes);
      const exported = warm[EXPORTS[1].url]!.totalMs;
      const alone = await writerAlone(50_000);
      printTable(
        'war chart: computation and writer',
        ['part', 'time'],
        [
          ['GET /api/war-chart (computation + JSON, warm)', fmtMs(compute)],
          ['export total (warm)', fmtMs(exported)],
          ['writer ≈ export − computation', fmtMs(Math.max(0, exported - compute))],
          [`writer alone, in process, 50,000 × 19 synthetic (${mb(alone.bytes)})`, fmtMs(alone.ms)],
        ],
      );
      for (const e of EXPORTS) {
        const d = warm[e.url]!;
        console.log(
          `  ${e.target}: ${fmtMs(d.totalMs)} ${d.totalMs <= GOAL_MS ? 'meets' : 'misses'} ≤ 5 s (first byte ${fmtMs(d.ttfbMs)})`,
        );
      }
    } finally {
      await server.stop();
    }
  },
};
export default section;
