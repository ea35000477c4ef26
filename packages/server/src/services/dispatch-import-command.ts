/**
 * `guatu dispatch-import --month 2023-03 --file 调度表.xlsx [--region ID] [--overwrite] [--yes]`: a
 * filled dispatch table into the month's round, as the web's 导入调度表 — the preview printed, and
 * with --yes the commit in one transaction when no row has an error (conflicts with submitted
 * reports kept unless --overwrite).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../policies/actor.ts';
import { importDispatchFile } from './dispatch-import.service.ts';
import { roundTableOfMonth } from './dispatch-table.service.ts';

export async function dispatchImportCommand(
  db: Db,
  actor: Actor,
  opts: { month: string; region?: number; file: string; overwrite: boolean; yes: boolean },
  now: Date,
  out: (line: string) => void = console.log,
): Promise<number> {
  const { round } = await roundTableOfMonth(db, actor, opts.month, opts.region, now);
  const file = { data: fs.readFileSync(opts.file), fileName: path.basename(opts.file) };
  const { preview, result } = await importDispatchFile(
    db,
    actor,
    round.id,
    file,
    { overwrite: opts.overwrite, commit: opts.yes },
    now,
  );
  const c = preview.counts;
  out(
    `${round.regionName} ${round.month} 工作表 sheet: ${preview.sheet}; 行 rows ${c.rows}: 新增 new ${c.new}, ` +
      `替换草稿 replace ${c.replace}, 冲突 conflict ${c.conflict}, 不变 unchanged ${c.unchanged}, ` +
      `错误 errors ${c.error}, 跳过 skipped ${c.skipped}, 提示 warnings ${c.warnings}`,
  );
  const issues = preview.rows.flatMap((r) => r.issues);
  for (const i of issues.slice(0, 50))
    out(`  ${i.severity === 'error' ? '错误' : '提示'} ${i.column ?? ''}${i.row}: ${i.message}`);
  if (issues.length > 50) out(`  … ${issues.length - 50} more`);
  if (!opts.yes) {
    out('预览完成，未写入。加 --yes 提交 (preview only; add --yes to commit)');
    return 0;
  }
  if (!result) {
    out(`有 ${c.error} 行错误，未导入任何数据 (nothing imported)`);
    return 1;
  }
  out(
    `已导入 committed: ${result.written.length} 份填报 reports; 保留冲突 kept conflicts ${result.keptConflicts.length}`,
  );
  return 0;
}
