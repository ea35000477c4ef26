/**
 * Stage templates (工序模板): the domain's three built-in templates, as edited by an admin. A
 * template nobody edited has no row and is the built-in one at version 1, so improvements of
 * the defaults reach every deployment that kept them.
 */
import type { stageTemplate, stageTemplateUpdate, templateKeys } from '@guatu/contracts';
import { stageTemplates, validateStages, type StageDef, type StageTemplateKey } from '@guatu/domain';
import type { z } from 'zod';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { hasRole, type Actor } from '../policies/actor.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as repo from '../repositories/stage-template.repository.ts';
import { asAppError } from './schedule-errors.ts';
import { versionConflict } from './version-conflict.ts';

type StageTemplateDto = z.infer<typeof stageTemplate>;
type StageTemplateUpdate = z.infer<typeof stageTemplateUpdate>;
export type TemplateKey = (typeof templateKeys)[number];
export type Templates = Record<StageTemplateKey, StageTemplateDto>;

/** The stages the ledger's dates are targets of: 计划开工 on 'start', 计划竣工 on 'operation'. */
export const LEDGER_TARGET_STAGES = { start: 'start', finish: 'operation' } as const;

const keys = Object.keys(stageTemplates) as StageTemplateKey[];

/** Every template, stored or built-in. */
export async function loadTemplates(db: Db): Promise<Templates> {
  const rows = new Map((await repo.findStageTemplateRows(db)).map((r) => [r.key, r]));
  const out = {} as Templates;
  for (const key of keys) {
    const row = rows.get(key);
    out[key] = row
      ? { key, name: row.name, stages: JSON.parse(row.stages) as StageDef[], version: row.version }
      : { ...stageTemplates[key], version: 1 };
  }
  return out;
}

export async function listTemplates(db: Db): Promise<StageTemplateDto[]> {
  const all = await loadTemplates(db);
  return keys.map((k) => all[k]);
}

/** Admin only: rename, reorder, add stages, change durations; the list is validated by the domain. */
export async function updateTemplate(
  db: Db,
  actor: Actor,
  key: TemplateKey,
  input: StageTemplateUpdate,
  now: Date,
): Promise<StageTemplateDto> {
  if (!hasRole(actor, 'admin')) throw new AppError('forbidden');
  const before = (await loadTemplates(db))[key];
  const name = input.name ?? before.name;
  const stages = input.stages ?? before.stages;
  try {
    validateStages(stages);
  } catch (err) {
    throw asAppError(err);
  }
  const missing = Object.values(LEDGER_TARGET_STAGES).filter(
    (k) => !stages.some((s) => s.key === k && !s.notApplicable),
  );
  if (missing.length > 0)
    throw new AppError('schedule_invalid', {
      detail: `模板须保留工序 ${missing.join('、')}：台账的计划开工、计划竣工是这两个工序的目标日期`,
    });
  const row = {
    name,
    stages: JSON.stringify(stages),
    updatedAt: now.toISOString(),
    updatedBy: actor.id > 0 ? actor.id : null,
  };
  await db.transaction().execute(async (trx) => {
    const stored = (await repo.findStageTemplateRows(trx)).find((r) => r.key === key);
    let ok: boolean;
    if (stored) ok = await repo.updateStageTemplateIfVersion(trx, key, input.version, row);
    else {
      ok = input.version === 1;
      if (ok) await repo.insertStageTemplate(trx, { key, ...row, version: 2 });
    }
    if (!ok) throw versionConflict(stored);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'stage_template',
      entityId: key,
      before: { name: before.name, stages: before.stages },
      after: { name, stages },
    });
  });
  return (await loadTemplates(db))[key];
}
