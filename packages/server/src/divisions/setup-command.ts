import type { DivisionItem } from '@guatu/contracts';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { translate, type Lang } from '../messages.ts';
import { systemActor } from '../policies/actor.ts';
import { findRootRegion } from '../repositories/region.repository.ts';
import { setUpDeployment } from '../services/setup.service.ts';

type Out = { log: (line: string) => void; error: (line: string) => void };

const fullName = (d: Pick<DivisionItem, 'name' | 'parentNames'>) => [...d.parentNames, d.name].join(' ');

/**
 * `guatu setup --division 371481|乐陵市`: sets the deployment up as the system (audited as such)
 * and prints what it created; an unknown division, an ambiguous name (with its candidates) or a
 * refusal prints the reason and answers exit code 1.
 */
export async function setupCommand(
  db: Db,
  division: string | undefined,
  lang: Lang,
  out: Out,
): Promise<number> {
  if (!division?.trim()) {
    out.error('usage: setup --division <code or name>, e.g. --division 371481 or --division 乐陵市');
    return 1;
  }
  const root = (await findRootRegion(db))!;
  try {
    const r = await setUpDeployment(db, systemActor(root.id, root.path), { code: division });
    const d = r.division;
    const total = r.created.city + r.created.county + r.created.town;
    out.log(
      r.changed
        ? `已按 ${d.name}（${d.code}）初始化 set up as ${fullName(d)} ${d.code}: ` +
            `新建 created ${r.created.city} 个市 cities, ${r.created.county} 个县（区） counties, ` +
            `${r.created.town} 个乡镇（街道） towns (${total} regions)` +
            (r.coded ? `; 补全代码 coded ${r.coded} existing regions` : '')
        : `已是 ${d.name}（${d.code}），无需改动 already set up as ${fullName(d)} ${d.code}: nothing to change`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    out.error(`error: ${translate(e.code, lang, e.params)}`);
    if (e.code === 'division_ambiguous')
      for (const c of e.details as DivisionItem[]) out.error(`  ${c.code}  ${fullName(c)}`);
    return 1;
  }
}
