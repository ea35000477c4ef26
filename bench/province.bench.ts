// Province scale (issue 11): every goal of the table in one run, on one seeded data
// directory (~50,000 generated projects in the 2023 list + the 乐陵 demo) served by the built
// server, signed in as the province admin. Each row prints the figure, the goal and whether it
// was met; the section ends with `province-scale: N of M goals met`.
//
// The rows come from the sections that own them (their `provinceRows`, see ProvinceRows in
// lib.ts): the ledger list here (list.bench.ts), PostgreSQL with two instances (list-pg), the war
// chart API (warchart-api), click → drawn in Chromium (warchart-click), the xlsx exports (exports),
// the summary and dispatch figures (dispatch), start-up (startup); then the server's RSS.
//
//   --projects N      generated projects (default 50000)     --data-dir D   an already seeded copy
//   --duration S      seconds of load per list target (default 10)
//   --skip a,b        leave rows out (names as in --only: list, list-pg, warchart-api, …)
import path from 'node:path';
import {
  fmtInt,
  freePort,
  groupRssMiB,
  printTable,
  type GoalRow,
  type ProvinceRows,
  type ProvinceServer,
  type BenchSection,
  BENCH_PASSWORD,
  benchEnv,
  serveBuilt,
} from './lib.ts';
import { loadOptions, measureList, seedLedger } from './list.bench.ts';

const LIST_SHARE = 0.25;
const LIST_P99_MS = 50;
const RSS_MIB = 500;

/** The sections giving rows, in the order of the table. */
const ROW_SOURCES: Record<string, () => Promise<{ provinceRows?: ProvinceRows }>> = {
  'list-pg': () => import('./list-pg.bench.ts'),
  'warchart-api': () => import('./war-chart-api.bench.ts'),
  'warchart-click': () => import('./war-chart-click.bench.ts'),
  exports: () => import('./exports.bench.ts'),
  dispatch: () => import('./dispatch.bench.ts'),
  startup: () => import('./startup.bench.ts'),
};

async function csrfOf(base: string, cookie: string): Promise<string | undefined> {
  const res = await fetch(`${base}/api/auth/me`, { headers: { cookie, accept: 'application/json' } });
  const body = (await res.json()) as { csrfToken?: string };
  return body.csrfToken;
}

const section: BenchSection = {
  name: 'province',
  title: '(11) province scale: every goal of issue 11 on one seeded portfolio',
  async run(ctx) {
    const projects = ctx.numberOption('projects', 50_000);
    const skip = new Set(typeof ctx.options.skip === 'string' ? ctx.options.skip.split(',') : []);
    const given = ctx.options['data-dir'];
    const dataDir = typeof given === 'string' ? path.resolve(given) : ctx.tmpDir('province');
    const env = benchEnv(dataDir, await freePort());
    if (typeof given !== 'string') await seedLedger(env, dataDir, projects);
    const { server, base, cookie } = await serveBuilt(
      env,
      path.join(ctx.tmpDir('province-log'), 'serve.log'),
    );
    const rows: GoalRow[] = [];
    let rssMax = 0;
    const sampleRss = () => {
      const mib = groupRssMiB(server.child.pid);
      if (Number.isFinite(mib)) rssMax = Math.max(rssMax, mib);
      return mib;
    };
    try {
      const province: ProvinceServer = {
        base,
        cookie,
        csrf: await csrfOf(base, cookie),
        dataDir,
        env,
        pgid: server.child.pid,
        projects,
        ctx,
      };

      if (!skip.has('list')) {
        const { results, bare } = await measureList(ctx, base, cookie, loadOptions(ctx));
        sampleRss();
        for (const r of results) {
          const share = bare.rps > 0 ? r.rps / bare.rps : 0;
          rows.push({
            target: `ledger list on SQLite: ${r.label} (${loadOptions(ctx).connections} connections)`,
            figure:
              `${fmtInt(r.rps)} req/s = ${(share * 100).toFixed(1)} % of bare ${fmtInt(bare.rps)}, ` +
              `p99 ${r.p99.toFixed(0)} ms, ${fmtInt(r.errors)} time-outs/errors, ${fmtInt(r.non2xx)} non-2xx`,
            goal: `≥ ${LIST_SHARE * 100} % of bare, p99 < ${LIST_P99_MS} ms, 0 time-outs`,
            met: share >= LIST_SHARE && r.p99 < LIST_P99_MS && r.errors === 0 && r.non2xx === 0,
          });
        }
      }

      for (const [name, source] of Object.entries(ROW_SOURCES)) {
        if (skip.has(name)) continue;
        console.log(`\n--- ${name}`);
        try {
          const mod = await source();
          if (!mod.provinceRows) throw new Error('the section gives no provinceRows');
          rows.push(...(await mod.provinceRows(province)));
        } catch (err) {
          rows.push({
            target: name,
            figure: `not measured: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`,
            goal: '—',
            met: false,
          });
        }
        console.log(`  server RSS now ${sampleRss().toFixed(0)} MiB`);
      }

      sampleRss();
      rows.push({
        target: `server RSS with ${fmtInt(projects)} projects loaded (the most seen during this run)`,
        figure: `${rssMax.toFixed(0)} MiB`,
        goal: `≤ ${RSS_MIB} MiB`,
        met: rssMax > 0 && rssMax <= RSS_MIB,
      });
    } finally {
      await server.stop();
    }

    printTable(
      `province scale — ${fmtInt(projects)} generated projects + the 乐陵 demo (admin password ${BENCH_PASSWORD})`,
      ['target', 'figure', 'goal', 'met'],
      rows.map((r) => [r.target, r.figure, r.goal, r.met ? 'yes' : 'NO']),
    );
    const met = rows.filter((r) => r.met).length;
    console.log(`\nprovince-scale: ${met} of ${rows.length} goals met`);
  },
};

export default section;
