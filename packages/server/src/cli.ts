#!/usr/bin/env node
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import { dispatchMonth, ledgerExportQuery, summaryQuery, userCreate } from '@guatu/contracts';
import { importFieldLabels, toWan } from '@guatu/domain';
import { buildApp } from './app.ts';
import { backupDatabase, restoreDatabase } from './backup/backup.ts';
import { loadConfig } from './config.ts';
import { migrateToLatest } from './db/migrate.ts';
import { setupCommand } from './divisions/setup-command.ts';
import { AppError } from './errors.ts';
import { startJobRunner } from './jobs/runner.ts';
import { limitHeapGrowth } from './memory.ts';
import { warmPortfolio } from './portfolio/portfolio.ts';
import { langOf, translate } from './messages.ts';
import { systemActor } from './policies/actor.ts';
import { findRootRegion } from './repositories/region.repository.ts';
import { openFromConfig, prepareDatabase } from './runtime.ts';
import { readSpreadsheet } from './excel/read-spreadsheet.ts';
import { removeDemo } from './services/accounts.service.ts';
import { createUser } from './services/admin.service.ts';
import { verifyAndRecord, verifyReport } from './services/audit.service.ts';
import { roundTableOfMonth } from './services/dispatch-table.service.ts';
import { dispatchImportCommand } from './services/dispatch-import-command.ts';
import { exportLedger } from './services/ledger-export.service.ts';
import { warmWarChart } from './services/war-chart.service.ts';
import { countPlan, prepareImport, presentIssues } from './services/ledger-import-prepare.ts';
import { commitSheets } from './services/ledger-import.service.ts';
import type { FirstImport } from './services/first-import.ts';
import { ledgerSummary } from './services/projects.service.ts';
import { hasDemo, seedDataset, seedGeneratedProjects } from './seed/demo.ts';
import { fileStoreOf } from './storage/index.ts';

const usage = `Usage: npm run guatu -- <command> [options]
  serve                         start the server (PORT, HOST, GUATU_DATA_DIR, DATABASE_URL)
  migrate                       apply database migrations
  setup --division CODE|NAME    set up from the official divisions (371481 or 乐陵市): the root region
                                becomes that province, city or county, its towns included
  demo [--generate N]           load the 乐陵市 demo (2023 as the article has it, lived to today),
                                or add N generated projects
  demo --remove                 delete the demo's data and accounts (one transaction, audited)
  create-user --username U --password P --roles admin,auditor [--name 名字] [--region ID]
  summary [--year 2023] [--as-of 2023-04-13] [--json]
                                the ledger summary, as GET /api/projects/summary (default: this
                                year, as of today)
  import FILE [--sheet NAME] [--year 2023] [--yes] [--division CODE|NAME]
                                read an Excel/CSV ledger, print the detected mapping and the preview;
                                with --yes commit it (one transaction) when no row has an error; on an
                                empty system --yes confirms the jurisdiction the file names (or
                                --division names it) and sets it up, with the departments and
                                leaders the file names, in the same transaction
  export FILE [--year 2023]     write the ledger in the standard layout (.xlsx)
  dispatch-table --month 2023-03 [--region ID] [--json]
                                the month's dispatch table (调度表), as GET /api/dispatch/rounds/:id/table
  dispatch-import --month 2023-03 --file FILE [--region ID] [--overwrite] [--yes]
                                a filled dispatch table into the month's round: the preview; with --yes
                                the commit (one transaction) when no row has an error, reports the
                                task forces submitted kept unless --overwrite
  audit-verify                  check the tamper-evident audit chain (archives, then live rows);
                                exit 1 naming the first broken row
  backup FILE                   back up the whole database while serving (SQLite online backup;
                                PostgreSQL pg_dump custom format)
  restore FILE                  replace the database with a backup after checking it is one
                                (SQLite: stop the server first; restart it after a restore)`;

/** The import's jurisdiction, 将新建 and near matches (the web's preview, printed). */
function printFirstImport(first: FirstImport) {
  const j = first.jurisdiction;
  if (j)
    console.log(
      `所属区划 jurisdiction: ${j.fullName} (${j.code}, ${j.source})${j.setUp ? '; --yes 将按此区划初始化 (sets it up)' : ''}`,
    );
  if (first.departments.length > 0)
    console.log(
      `将新建部门 new departments (${first.departments.length}): ${first.departments.map((d) => d.name).join('、')}`,
    );
  if (first.people.length > 0)
    console.log(
      `将新建人员 new people (${first.people.length}): ${first.people.map((x) => x.name).join('、')}`,
    );
  for (const m of first.nearMatches)
    console.log(
      `  近似 near: ${m.name} ≈ ${m.candidates.map((c) => c.name).join(' / ')} → ${m.chosen === null ? '新建 create' : '使用已有 use existing'}`,
    );
}

/** How long after listening `serve` starts its job runner and the portfolio warm-up. */
const BACKGROUND_DELAY_MS = 1000;

/** The operator's language: English when LC_ALL / LC_MESSAGES / LANG start with "en", else Chinese. */
const cliLang = () => langOf(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      generate: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      roles: { type: 'string' },
      name: { type: 'string' },
      region: { type: 'string' },
      year: { type: 'string' },
      json: { type: 'boolean' },
      sheet: { type: 'string' },
      yes: { type: 'boolean' },
      remove: { type: 'boolean' },
      division: { type: 'string' },
      'as-of': { type: 'string' },
      month: { type: 'string' },
      file: { type: 'string' },
      overwrite: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  switch (command) {
    case 'serve': {
      const handle = await prepareDatabase(config);
      const app = await buildApp({ handle, config });
      await app.listen({ port: config.port, host: config.host });
      // Once listening, before the first large allocation (a portfolio, a war chart): under it
      // the start itself collected early and often (issue 11: start-up, ~20 ms).
      limitHeapGrowth(config.heapGrowthPercent);
      console.log(
        `[guatu] 挂图 serving http://${config.host}:${config.port} on ${handle.engine} (${handle.describe})`,
      );
      // The job runner's first look and the default year's portfolio (built now, not by the first
      // reader of the ledger) come a moment after the start, so that the first requests are not
      // queued behind them (issue 11: start-up); a ledger read before then builds it itself.
      let jobs: ReturnType<typeof startJobRunner> | null = null;
      const background = setTimeout(() => {
        jobs = startJobRunner({ handle, config });
        const warm = performance.now();
        void warmPortfolio(handle.db, new Date())
          .then(async (year) => {
            if (year === null) return;
            console.log(`[guatu] portfolio ${year} in memory in ${Math.round(performance.now() - warm)} ms`);
            // Then that year's war chart (seconds at 50,000 projects), off the first reader's path.
            const chart = performance.now();
            await warmWarChart(handle.db, year, new Date());
            console.log(`[guatu] war chart ${year} computed in ${Math.round(performance.now() - chart)} ms`);
          })
          .catch((err: unknown) => console.warn(`[guatu] warm-up failed: ${String(err)}`));
      }, BACKGROUND_DELAY_MS);
      const stop = async () => {
        clearTimeout(background);
        await (jobs as ReturnType<typeof startJobRunner> | null)?.stop();
        await app.close();
        await handle.db.destroy();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1;
    }
    case 'migrate': {
      const handle = openFromConfig(config);
      const applied = await migrateToLatest(handle);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      await handle.db.destroy();
      return 0;
    }
    case 'setup': {
      const handle = await prepareDatabase({ ...config, loadDemo: false });
      const code = await setupCommand(handle.db, values.division, cliLang(), console);
      await handle.db.destroy();
      return code;
    }
    case 'demo': {
      const handle = await prepareDatabase({ ...config, loadDemo: false });
      const t = Date.now();
      if (values.remove) {
        const root = (await findRootRegion(handle.db))!;
        const r = await removeDemo(handle, systemActor(root.id, root.path));
        console.log(
          `demo removed: ${r.users} accounts, ${r.projects} projects, ${r.departments} departments, ${r.regions} regions (${Date.now() - t} ms)`,
        );
      } else if (values.generate) {
        const n = Number(values.generate);
        if (!Number.isInteger(n) || n < 1) throw new Error('--generate takes a positive whole number');
        if (!(await hasDemo(handle.db))) await seedDataset(handle.db, undefined, fileStoreOf(config));
        await seedGeneratedProjects(handle.db, n);
        console.log(`generated ${n} projects in ${Date.now() - t} ms`);
      } else if (await hasDemo(handle.db)) {
        console.log('demo data already loaded');
      } else {
        await seedDataset(handle.db, undefined, fileStoreOf(config));
        console.log(`demo data loaded in ${Date.now() - t} ms`);
      }
      await handle.db.destroy();
      return 0;
    }
    case 'create-user': {
      const handle = await prepareDatabase({ ...config, loadDemo: false });
      const root = (await findRootRegion(handle.db))!;
      const input = userCreate.parse({
        username: values.username,
        password: values.password,
        displayName: values.name ?? values.username,
        roles: (values.roles ?? '').split(',').filter(Boolean),
        regionId: values.region ? Number(values.region) : root.id,
      });
      const user = await createUser(handle.db, systemActor(root.id, root.path), input, new Date());
      console.log(`created user ${user.username} (${user.roles.join(', ')}) id ${user.id}`);
      await handle.db.destroy();
      return 0;
    }
    case 'summary': {
      const handle = await prepareDatabase({ ...config, loadDemo: false });
      const root = (await findRootRegion(handle.db))!;
      const q = summaryQuery.parse({ year: values.year, asOf: values['as-of'] });
      const s = await ledgerSummary(handle.db, systemActor(root.id, root.path), q, new Date());
      if (values.json) console.log(JSON.stringify(s));
      else
        console.log(
          `${s.year}年: ${s.projects} 个项目, 实施类 ${s.implementation}, 储备类 ${s.reserve}, 已开工 ${s.started}, ` +
            `开工率 ${Math.round(s.startRate * 100)}%, 总投资 ${(s.totalInvestment / 1e8).toFixed(2)} 亿元, ` +
            `年度计划 ${(s.annualPlan / 1e8).toFixed(2)} 亿元`,
        );
      await handle.db.destroy();
      return 0;
    }
    case 'import': {
      const file = positionals[0];
      if (!file) throw new Error('usage: import FILE [--sheet NAME] [--year 2023] [--yes]');
      const handle = await prepareDatabase({ ...config, loadDemo: false });
      const root = (await findRootRegion(handle.db))!;
      const actor = { ...systemActor(root.id, root.path), regionName: root.name };
      const t = Date.now();
      const sheets = await readSpreadsheet(fs.readFileSync(file), file.split('/').pop() ?? file);
      const options = {
        sheet: values.sheet,
        year: values.year ? Number(values.year) : undefined,
        division: values.division,
      };
      const p = await prepareImport(handle.db, actor, sheets, options, [], new Date());
      const d = p.detection;
      printFirstImport(p.first);
      console.log(
        `工作表 sheet: ${d.sheet}（共 ${sheets.map((s) => s.name).join('、')}）; 表头 header rows: ${d.headerRows.join('-')}; 年度 year: ${p.year}; 单位 unit: ${d.unit ?? '万元 (default)'}`,
      );
      for (const c of d.columns)
        console.log(
          `  ${c.letter.padEnd(3)} ${c.label || '(空)'} → ${c.field ? importFieldLabels[c.field] : '—'}${c.unit ? ` [${c.unit}]` : ''}`,
        );
      const counts = countPlan(p);
      console.log(
        `行 rows ${counts.rows}: 新增 new ${counts.new}, 变更 changed ${counts.changed}, 不变 unchanged ${counts.unchanged}, ` +
          `错误 errors ${counts.error}, 跳过 skipped ${counts.skipped}, 提示 warnings ${counts.warnings} (${Date.now() - t} ms)`,
      );
      const issues = p.plan.flatMap((r) => presentIssues(p, r, 'zh-CN'));
      for (const i of issues.slice(0, 50))
        console.log(
          `  ${i.severity === 'error' ? '错误' : '提示'} ${i.sheet}!${i.column ?? ''}${i.row}: ${i.message}`,
        );
      if (issues.length > 50) console.log(`  … ${issues.length - 50} more`);
      let code = 0;
      if (!values.yes) console.log('预览完成，未写入。加 --yes 提交 (preview only; add --yes to commit)');
      else if (counts.error > 0) {
        console.log(`有 ${counts.error} 行错误，未导入任何数据 (nothing imported)`);
        code = 1;
      } else {
        // --yes confirms the jurisdiction the preview proposed.
        const confirmed = { ...options, division: options.division ?? p.first.jurisdiction?.code };
        const { result } = await handle.db
          .transaction()
          .execute((trx) => commitSheets(trx, actor, sheets, file, confirmed, [], new Date()));
        console.log(
          `已导入 committed: 新增 ${result.createdIds.length}, 变更 ${result.updatedIds.length} (${Date.now() - t} ms)`,
        );
      }
      await handle.db.destroy();
      return code;
    }
    case 'export': {
      const file = positionals[0];
      if (!file) throw new Error('usage: export FILE [--year 2023]');
      const handle = await prepareDatabase({ ...config, loadDemo: false });
      const root = (await findRootRegion(handle.db))!;
      const actor = { ...systemActor(root.id, root.path), regionName: root.name };
      const t = Date.now();
      const out = await exportLedger(
        handle.db,
        actor,
        ledgerExportQuery.parse({ year: values.year }),
        new Date(),
      );
      await out.write(fs.createWriteStream(file));
      console.log(`exported ${out.rows} projects to ${file} (${Date.now() - t} ms)`);
      await handle.db.destroy();
      return 0;
    }
    case 'dispatch-table': {
      const month = dispatchMonth.parse(values.month);
      const handle = await prepareDatabase({ ...config, loadDemo: false });
      const root = (await findRootRegion(handle.db))!;
      const actor = { ...systemActor(root.id, root.path), regionName: root.name };
      const region = values.region ? Number(values.region) : undefined;
      const t = await roundTableOfMonth(handle.db, actor, month, region, new Date());
      if (values.json) console.log(JSON.stringify(t));
      else {
        for (const [i, r] of t.rows.entries())
          console.log(
            `${i + 1}. ${r.name}: 年度计划 ${toWan(r.annualPlan)} 万元, 本月 ${toWan(r.completedThisMonth)}, 累计 ${toWan(r.completedYtd)}, 完成率 ${r.completionRate ?? '—'}%`,
          );
        console.log(
          `${t.round.regionName} ${t.round.month}: ${t.totals.projects} 个项目, 年度计划 ${toWan(t.totals.annualPlan)} 万元, ` +
            `本月完成 ${toWan(t.totals.completedThisMonth)} 万元, 累计 ${toWan(t.totals.completedYtd)} 万元, ` +
            `完成率 ${t.totals.completionRate ?? '—'}%, 序时进度 ${t.paceRate}%`,
        );
      }
      await handle.db.destroy();
      return 0;
    }
    case 'dispatch-import': {
      const month = dispatchMonth.parse(values.month);
      if (!values.file)
        throw new Error('usage: dispatch-import --month 2023-03 --file FILE [--overwrite] [--yes]');
      const handle = await prepareDatabase({ ...config, loadDemo: false });
      const root = (await findRootRegion(handle.db))!;
      const actor = { ...systemActor(root.id, root.path), regionName: root.name };
      const opts = {
        month,
        region: values.region ? Number(values.region) : undefined,
        file: values.file,
        overwrite: values.overwrite === true,
        yes: values.yes === true,
      };
      const code = await dispatchImportCommand(handle.db, actor, opts, new Date());
      await handle.db.destroy();
      return code;
    }
    case 'audit-verify': {
      const handle = openFromConfig(config);
      await migrateToLatest(handle);
      const root = await findRootRegion(handle.db);
      const actor = root ? systemActor(root.id, root.path) : null;
      const result = await verifyAndRecord(handle.db, actor, config.dataDir);
      (result.ok ? console.log : console.error)(verifyReport(result, cliLang()));
      await handle.db.destroy();
      return result.ok ? 0 : 1;
    }
    case 'backup': {
      const file = positionals[0];
      if (!file) throw new Error('usage: backup FILE');
      const r = await backupDatabase(config, file);
      console.log(`已备份 backed up ${r.engine} to ${r.file} (${r.bytes} bytes, ${r.ms} ms)`);
      return 0;
    }
    case 'restore': {
      const file = positionals[0];
      if (!file) throw new Error('usage: restore FILE');
      const r = await restoreDatabase(config, file);
      console.log(
        `已恢复 restored ${r.engine} from ${r.file} (${r.ms} ms)` +
          (r.migrated.length ? `; migrated: ${r.migrated.join(', ')}` : '') +
          '. 请重启服务 Restart the server.',
      );
      return 0;
    }
    default:
      console.log(usage);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof AppError) console.error(`error: ${translate(err.code, cliLang(), err.params)}`);
    else console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
