// (12) 一月一调度 at scale: a dispatch round over ~50k generated projects in SQLite — the dispatch
// table (GET …/table: rows with 当前工序, totals) and the figures (GET …/figures?by=level|town),
// timed from a client (median and p95 of N runs, bytes), printed beside the ledger list of the same
// projects in the same run; then 100 concurrent submissions of 100 unreported projects (p50/p99).
//
//   --projects N    generated projects (default 50000)    --runs N   requests per target (default 5)
//   --reported P    share of the round's projects with a submitted report, in % (default 60)
//   --data-dir D    reuse a seeded data directory instead of seeding (a copy of it is used, e.g.
//                   /tmp/guatu-50k; its admin password: GUATU_BENCH_ADMIN_PASSWORD or Bench@12345)
//
// provinceRows (issue 11, `--only province`): the ledger summary of all projects, p95 under 10
// connections, on the province server; and the figures ?by=town p95 of a round opened over every
// 2023 implementation project on a copy of its data directory served by a server of its own.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  HOST,
  fmtInt,
  fmtMs,
  freePort,
  printTable,
  runCli,
  sqliteFile,
  type BenchSection,
  type GoalRow,
  type ProvinceRows,
  benchEnv,
  serveBuilt,
} from './lib.ts';

const MONTH = '2023-03';

const quantile = (sorted: readonly number[], q: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

/** The round's projects' reports written straight into the database (the setup, not the measure). */
function seedReports(dataDir: string, roundId: number, share: number): { reported: number; open: number[] } {
  const db = new Database(sqliteFile(dataDir)!);
  try {
    db.pragma('busy_timeout = 10000');
    const ids = (
      db
        .prepare(
          'select project_id as id from dispatch_round_projects where round_id = ? order by project_id',
        )
        .all(roundId) as Array<{ id: number }>
    ).map((r) => r.id);
    const at = new Date().toISOString();
    // `share` of every 100 projects reported; the first 100 of the others are the concurrent submissions.
    const reported = ids.filter((_, i) => i % 100 < share);
    const reportedSet = new Set(reported);
    const open = ids.filter((id) => !reportedSet.has(id));
    const insert = db.prepare(
      `insert into dispatch_reports (round_id, project_id, status, completed_this_month, progress_text,
         workers_on_site, funds_in_place, problems, next_month_plan, stages, submitted_at, late,
         idempotency_key, created_at, updated_at, version)
       values (?, ?, ?, ?, '主体结构施工', ?, 500000, ?, '完成主体封顶', '[]', ?, ?, ?, ?, ?, 1)`,
    );
    db.transaction(() => {
      reported.forEach((projectId, i) =>
        insert.run(
          roundId,
          projectId,
          i % 10 === 0 ? 'accepted' : 'submitted',
          100_000 + ((projectId * 7919) % 5_000_000),
          20 + (projectId % 80),
          JSON.stringify(projectId % 5 === 0 ? ['用地指标待落实'] : []),
          at,
          i % 7 === 0 ? 1 : 0,
          randomUUID(),
          at,
          at,
        ),
      );
    })();
    return { reported: reported.length, open };
  } finally {
    db.close();
  }
}

const section: BenchSection = {
  name: 'dispatch',
  title:
    '(12) dispatch round: table and figures over generated projects, beside the ledger; 100 concurrent submissions',
  async run(ctx) {
    const projects = ctx.numberOption('projects', 50_000);
    const runs = Math.max(1, ctx.numberOption('runs', 5));
    const share = Math.min(99, Math.max(0, ctx.numberOption('reported', 60)));
    const dataDir = ctx.tmpDir('dispatch');
    const port = await freePort();
    const env = benchEnv(dataDir, port);
    const seeded = typeof ctx.options['data-dir'] === 'string' ? ctx.options['data-dir'] : null;
    if (seeded) {
      await copyDataDir(seeded, dataDir);
      await runCli(['migrate'], env, 120_000);
      console.log(`  a copy of ${seeded} (no seeding)`);
    } else {
      await runCli(['migrate'], env, 120_000);
      const gen = await runCli(['demo', '--generate', String(projects)], env, 900_000);
      console.log(`  seeded the demo and ${fmtInt(projects)} generated projects in ${fmtMs(gen.ms)}`);
    }

    const { server, base, cookie } = await serveBuilt(
      env,
      path.join(ctx.tmpDir('dispatch-log'), 'serve.log'),
    );
    try {
      const csrf = await csrfOf(base, cookie);
      const headers = { cookie, accept: 'application/json' };
      const post = (url: string, body: unknown) =>
        fetch(base + url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': csrf, origin: base },
          body: JSON.stringify(body),
        });

      // The round: every 2023 implementation project (the root admin's scope), reopened after its deadline.
      const o0 = performance.now();
      const opened = await post('/api/dispatch/rounds', { month: MONTH });
      const openMs = performance.now() - o0;
      if (opened.status !== 201) throw new Error(`open round: ${opened.status} ${await opened.text()}`);
      const round = (await opened.json()) as { id: number; version: number; counts: { projects: number } };
      const reopened = await post(`/api/dispatch/rounds/${round.id}/reopen`, { version: round.version });
      if (reopened.status !== 200) throw new Error(`reopen: ${reopened.status} ${await reopened.text()}`);
      const s0 = performance.now();
      const { reported, open } = seedReports(dataDir, round.id, share);
      console.log(
        `  round ${MONTH}: ${fmtInt(round.counts.projects)} projects opened in ${fmtMs(openMs)}; ` +
          `${fmtInt(reported)} reports inserted in ${fmtMs(performance.now() - s0)}`,
      );

      const targets = [
        { label: 'ledger list page 1 (20 rows)', path: '/api/projects?year=2023&page=1&pageSize=20' },
        { label: 'dispatch table (all rows)', path: `/api/dispatch/rounds/${round.id}/table` },
        { label: 'figures ?by=level', path: `/api/dispatch/rounds/${round.id}/figures?by=level` },
        { label: 'figures ?by=town', path: `/api/dispatch/rounds/${round.id}/figures?by=town` },
      ];
      const rows: string[][] = [];
      for (const t of targets) {
        const times: number[] = [];
        let bytes = 0;
        let status = 0;
        let cold = 0;
        for (let i = 0; i <= runs; i++) {
          const r0 = performance.now();
          const res = await fetch(base + t.path, { headers });
          const body = await res.arrayBuffer();
          const ms = performance.now() - r0;
          status = res.status;
          bytes = body.byteLength;
          if (i === 0) cold = ms;
          else times.push(ms);
        }
        times.sort((a, b) => a - b);
        rows.push([
          t.label,
          String(status),
          fmtInt(bytes),
          fmtMs(cold),
          fmtMs(quantile(times, 0.5)),
          fmtMs(quantile(times, 0.95)),
        ]);
      }
      printTable(
        `${fmtInt(round.counts.projects)} projects in the round, ${share} % reported, SQLite, ${runs} warm runs each (${base})`,
        ['target', 'status', 'bytes', 'cold', 'median', 'p95'],
        rows,
      );

      // 100 concurrent submissions of 100 projects without a report (the root admin reports them).
      const batch = open.slice(0, 100);
      const latencies: number[] = [];
      const statuses = new Map<number, number>();
      const c0 = performance.now();
      await Promise.all(
        batch.map(async (projectId, i) => {
          const r0 = performance.now();
          const res = await post(`/api/dispatch/rounds/${round.id}/reports/${projectId}/submit`, {
            completedThisMonth: 100_000 + i,
            progressText: '主体结构施工',
            stages: [{ key: 'signing', actualStart: '2023-03-02', actualFinish: '2023-03-02' }],
            idempotencyKey: randomUUID(),
            confirmWarnings: true,
          });
          await res.arrayBuffer();
          latencies.push(performance.now() - r0);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }),
      );
      const wall = performance.now() - c0;
      latencies.sort((a, b) => a - b);
      printTable(
        `${batch.length} concurrent submissions (POST …/reports/:projectId/submit, one stage each)`,
        ['statuses', 'wall', 'p50', 'p99', 'max'],
        [
          [
            [...statuses].map(([s, n]) => `${n} × ${s}`).join(', '),
            fmtMs(wall),
            fmtMs(quantile(latencies, 0.5)),
            fmtMs(quantile(latencies, 0.99)),
            fmtMs(latencies[latencies.length - 1] ?? NaN),
          ],
        ],
      );
    } finally {
      await server.stop();
    }
  },
};

/** A copy of a live SQLite data directory: the database through SQLite's online backup. */
async function copyDataDir(from: string, to: string): Promise<void> {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (src) => !/guatu\.db(-wal|-shm|-journal)?$/.test(path.basename(src)),
  });
  const db = sqliteFile(from);
  if (!db) throw new Error(`no SQLite database in ${from}`);
  const source = new Database(db, { readonly: true, fileMustExist: true });
  try {
    await source.backup(path.join(to, 'guatu.db'));
  } finally {
    source.close();
  }
}

/** Latencies (sorted, ms) of `runs` GETs of `url` over `connections` at once, after one unmeasured. */
async function latencies(
  url: string,
  headers: Record<string, string>,
  runs: number,
  connections: number,
): Promise<{ times: number[]; status: number; bytes: number }> {
  await (await fetch(url, { headers })).arrayBuffer();
  const times: number[] = [];
  let status = 0;
  let bytes = 0;
  let left = runs;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (left-- > 0) {
        const t0 = performance.now();
        const res = await fetch(url, { headers });
        bytes = (await res.arrayBuffer()).byteLength;
        status = res.status;
        times.push(performance.now() - t0);
      }
    }),
  );
  return { times: times.sort((a, b) => a - b), status, bytes };
}

const GOAL_MS = 100;

/**
 * The province section's rows (issue 11: summary and dispatch aggregates p95 < 100 ms): the
 * ledger summary of all 2023 projects under 10 connections on the province server (a read), with
 * GET /api/auth/me under the same load beside it (what any request costs on this machine now);
 * the figures ?by=town of a round over every 2023 implementation project — a write, so on a copy
 * of the data directory served by a server of its own, with 60 % of the projects reported.
 */
export const provinceRows: ProvinceRows = async (server) => {
  const headers = { cookie: server.cookie, accept: 'application/json' };
  const summary = await latencies(`${server.base}/api/projects/summary?year=2023`, headers, 300, 10);
  const me = await latencies(`${server.base}/api/auth/me`, headers, 300, 10);
  const p95 = quantile(summary.times, 0.95);
  const rows: GoalRow[] = [
    {
      target: 'ledger summary, all projects (p95, 10 connections)',
      figure: `${fmtMs(p95)} (median ${fmtMs(quantile(summary.times, 0.5))}; /api/auth/me p95 ${fmtMs(quantile(me.times, 0.95))})`,
      goal: `< ${GOAL_MS} ms`,
      met: summary.status === 200 && p95 < GOAL_MS,
    },
  ];

  const target = 'dispatch figures ?by=town (p95)';
  const dataDir = server.ctx.tmpDir('dispatch-province');
  await copyDataDir(server.dataDir, dataDir);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...server.env, GUATU_DATA_DIR: dataDir, PORT: String(port), HOST };
  const {
    server: own,
    base,
    cookie,
  } = await serveBuilt(env, path.join(server.ctx.tmpDir('dispatch-province-log'), 'serve.log'));
  try {
    const { roundId, projects } = await openRound(base, cookie, dataDir, 60);
    const h = { cookie, accept: 'application/json' };
    const figures = await latencies(`${base}/api/dispatch/rounds/${roundId}/figures?by=town`, h, 50, 1);
    const page = await latencies(`${base}/api/dispatch/rounds/${roundId}/table?page=1&pageSize=50`, h, 20, 1);
    const f95 = quantile(figures.times, 0.95);
    console.log(
      `  dispatch round of ${fmtInt(projects)} projects on a copy: figures ?by=town median ` +
        `${fmtMs(quantile(figures.times, 0.5))}, p95 ${fmtMs(f95)} (${fmtInt(figures.bytes)} B); ` +
        `table page of 50 p95 ${fmtMs(quantile(page.times, 0.95))}`,
    );
    rows.push({
      target,
      figure: `${fmtMs(f95)} (${fmtInt(projects)} projects, median ${fmtMs(quantile(figures.times, 0.5))})`,
      goal: `< ${GOAL_MS} ms`,
      met: figures.status === 200 && f95 < GOAL_MS,
    });
  } finally {
    await own.stop();
  }
  return rows;
};

/**
 * Opens (or finds) the 2023-03 round of the root region over every 2023 implementation project,
 * reopened after its deadline, with `share` % of its projects reported straight into the database.
 */
async function openRound(
  base: string,
  cookie: string,
  dataDir: string,
  share: number,
): Promise<{ roundId: number; projects: number; openMs: number; reported: number; open: number[] }> {
  const csrf = await csrfOf(base, cookie);
  const headers = { cookie, accept: 'application/json' };
  const post = (url: string, body: unknown) =>
    fetch(base + url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': csrf, origin: base },
      body: JSON.stringify(body),
    });
  const o0 = performance.now();
  const opened = await post('/api/dispatch/rounds', { month: MONTH });
  const openMs = performance.now() - o0;
  if (opened.status !== 201) throw new Error(`open round: ${opened.status} ${await opened.text()}`);
  const round = (await opened.json()) as { id: number; version: number; counts: { projects: number } };
  const reopened = await post(`/api/dispatch/rounds/${round.id}/reopen`, { version: round.version });
  if (reopened.status !== 200) throw new Error(`reopen: ${reopened.status} ${await reopened.text()}`);
  const { reported, open } = seedReports(dataDir, round.id, share);
  return { roundId: round.id, projects: round.counts.projects, openMs, reported, open };
}

/** The CSRF token of the session (GET /api/auth/me answers it). */
async function csrfOf(base: string, cookie: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/me`, { headers: { cookie, accept: 'application/json' } });
  const json = (await res.json()) as { csrfToken?: string };
  if (!json.csrfToken) throw new Error(`no CSRF token from /api/auth/me (${res.status})`);
  return json.csrfToken;
}

export default section;
