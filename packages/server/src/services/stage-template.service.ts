/**
 * Stage templates (工序模板): the domain's three built-in templates, as edited by an admin —
 * per region (issue 7): a region's template is its own copy, else its nearest ancestor's, else
 * the built-in one at version 1, so improvements of the defaults reach every deployment that
 * kept them. A county saves its own copy without touching the province's and deletes it to
 * inherit again.
 */
import type { stageTemplate, stageTemplateUpdate, templateKeys } from '@guatu/contracts';
import { stageTemplates, validateStages, type StageDef, type StageTemplateKey } from '@guatu/domain';
import type { z } from 'zod';
import type { Db } from '../db/connect.ts';
import type { RegionRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as repo from '../repositories/stage-template.repository.ts';
import { canWriteSettings, nearestOnPath, settingsRegion, sourceOf } from './region-settings.ts';
import { asAppError } from './schedule-errors.ts';
import { readSettingsStamps, stampedCache, type SettingsStamps } from './settings-cache.ts';
import { versionConflict } from './version-conflict.ts';

type StageTemplateDto = z.infer<typeof stageTemplate>;
type StageTemplateUpdate = z.infer<typeof stageTemplateUpdate>;
export type TemplateKey = (typeof templateKeys)[number];
/**
 * A template as the scheduler takes it, and the department in charge of each stage it names
 * (stage key → department name, matched on a project's region chain: departmentsInCharge).
 */
export type Template = {
  key: TemplateKey;
  name: string;
  stages: StageDef[];
  departments: Record<string, string>;
  version: number;
};
export type Templates = Record<StageTemplateKey, Template>;

/** The stages the ledger's dates are targets of: 计划开工 on 'start', 计划竣工 on 'operation'. */
export const LEDGER_TARGET_STAGES = { start: 'start', finish: 'operation' } as const;

const keys = Object.keys(stageTemplates) as StageTemplateKey[];

/** Every region's stored copies, indexed for resolving many regions at once (the war chart's). */
export type TemplateRows = Map<StageTemplateKey, Map<number, repo.StageTemplateRow>>;

export async function loadTemplateRows(db: Db): Promise<TemplateRows> {
  const out: TemplateRows = new Map(keys.map((k) => [k, new Map()]));
  for (const row of await repo.findStageTemplateRows(db))
    out.get(row.key as StageTemplateKey)?.set(row.regionId, row);
  return out;
}

const cachedRows = stampedCache(loadTemplateRows);

/**
 * The rows the scheduler runs on, kept while the templates' stamp holds (settings-cache.ts): a
 * save through another app server is used at once. Read-only; writes read loadTemplateRows.
 */
export async function templateRowsInForce(
  db: Db,
  stamps?: SettingsStamps | Promise<SettingsStamps>,
): Promise<TemplateRows> {
  return cachedRows(db, (await (stamps ?? readSettingsStamps(db))).stage_templates);
}

/** The region whose copy of `key` a region uses: its own or its nearest ancestor's; null: built-in. */
export function templateRegionOf(
  rows: TemplateRows,
  key: StageTemplateKey,
  regionPath: string,
): number | null {
  const byRegion = rows.get(key)!;
  return byRegion.size === 0 ? null : nearestOnPath(regionPath, (id) => byRegion.has(id));
}

type Resolved = { template: Template; row: repo.StageTemplateRow | null };

function resolve(rows: TemplateRows, key: StageTemplateKey, regionPath: string): Resolved {
  const from = templateRegionOf(rows, key, regionPath);
  const row = from === null ? null : rows.get(key)!.get(from)!;
  return {
    template: row
      ? {
          key,
          name: row.name,
          stages: JSON.parse(row.stages) as StageDef[],
          departments: JSON.parse(row.stageDepartments) as Record<string, string>,
          version: row.version,
        }
      : { ...stageTemplates[key], departments: {}, version: 1 },
    row,
  };
}

/** Every template in force in a region (given by its path). */
export function templatesFor(rows: TemplateRows, regionPath: string): Templates {
  const out = {} as Templates;
  for (const key of keys) out[key] = resolve(rows, key, regionPath).template;
  return out;
}

/** Every template in force in a region, stored or built-in. */
export async function loadTemplates(
  db: Db,
  regionPath: string,
  stamps?: SettingsStamps | Promise<SettingsStamps>,
): Promise<Templates> {
  return templatesFor(await templateRowsInForce(db, stamps), regionPath);
}

function present(r: Resolved, region: RegionRow, actor: Actor): StageTemplateDto {
  return {
    ...r.template,
    regionId: region.id,
    regionName: region.name,
    ...sourceOf(region.id, r.row ? { id: r.row.regionId, name: r.row.regionName } : null),
    canEdit: canWriteSettings(actor, region),
  };
}

/**
 * The departments in charge of a template's stages, checked: a stage the admin names must be in
 * the list (else 400), a department must exist on the region's line to the root or below it (else
 * 400, invalid_reference); a department of a stage the list no longer holds is dropped.
 */
async function departmentsOf(
  db: Db,
  region: RegionRow,
  stages: readonly StageDef[],
  wanted: Record<string, string>,
  opts: { given: boolean },
): Promise<Record<string, string>> {
  const keys = new Set(stages.map((s) => s.key));
  const out: Record<string, string> = {};
  for (const [stage, name] of Object.entries(wanted)) {
    if (keys.has(stage)) out[stage] = name.trim();
    else if (opts.given) throw new AppError('invalid_reference', { field: 'stage', value: stage });
  }
  const names = Object.values(out);
  if (names.length > 0 && opts.given) {
    const known = await repo.findDepartmentNamesAround(db, region.path);
    const unknown = names.find((n) => !known.has(n));
    if (unknown !== undefined)
      throw new AppError('invalid_reference', { field: 'department', value: unknown });
  }
  return out;
}

/**
 * The department in charge of each stage of `template` for a project in the region at
 * `regionPath`: the department of that name on the region's line to the root, nearest first.
 */
export async function departmentsInCharge(
  db: Db,
  template: Template,
  regionPath: string,
): Promise<Map<string, { id: number; name: string }>> {
  const entries = Object.entries(template.departments);
  const found = await repo.findDepartmentsOnChain(
    db,
    regionPath,
    entries.map(([, name]) => name),
  );
  const out = new Map<string, { id: number; name: string }>();
  for (const [stage, name] of entries) {
    const d = found.find((f) => f.name === name);
    if (d) out.set(stage, { id: d.id, name: d.name });
  }
  return out;
}

/** The templates in force in a region (default: the caller's), each saying where it comes from. */
export async function listTemplates(db: Db, actor: Actor, regionId?: number): Promise<StageTemplateDto[]> {
  const region = await settingsRegion(db, actor, regionId, 'read');
  const rows = await loadTemplateRows(db);
  return keys.map((k) => present(resolve(rows, k, region.path), region, actor));
}

/**
 * Admin of the region or above: rename, reorder, add stages, change durations — saved as the
 * region's own copy (created from the inherited one on the first save; `version` is the one the
 * admin saw, the inherited copy's then). The list is validated by the domain.
 */
export async function updateTemplate(
  db: Db,
  actor: Actor,
  key: TemplateKey,
  input: StageTemplateUpdate,
  now: Date,
  regionId?: number,
): Promise<StageTemplateDto> {
  const region = await settingsRegion(db, actor, regionId, 'write');
  const before = resolve(await loadTemplateRows(db), key, region.path).template;
  const name = input.name ?? before.name;
  const stages = input.stages ?? before.stages;
  const departments = await departmentsOf(db, region, stages, input.departments ?? before.departments, {
    given: input.departments !== undefined,
  });
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
      reason: 'template_missing_targets',
      stages: missing.join(', '),
    });
  const row = {
    name,
    stages: JSON.stringify(stages),
    stageDepartments: JSON.stringify(departments),
    updatedAt: now.toISOString(),
    updatedBy: actor.id > 0 ? actor.id : null,
  };
  await db.transaction().execute(async (trx) => {
    const stored = await repo.findStageTemplateRow(trx, region.id, key);
    let ok: boolean;
    let last: repo.StageTemplateRow | null = stored;
    if (stored) ok = await repo.updateStageTemplateIfVersion(trx, region.id, key, input.version, row);
    else {
      // The first own copy: stale unless made from the inherited version the admin saw.
      const inherited = resolve(await loadTemplateRows(trx), key, region.path);
      last = inherited.row;
      ok = input.version === inherited.template.version;
      if (ok)
        await repo.insertStageTemplate(trx, { regionId: region.id, key, ...row, version: input.version + 1 });
    }
    if (!ok) throw versionConflict(last);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'stage_template',
      entityId: key,
      before: { name: before.name, stages: before.stages, departments: before.departments },
      after: { name, stages, departments, regionId: region.id, regionName: region.name },
    });
  });
  return (await listTemplates(db, actor, region.id)).find((t) => t.key === key)!;
}

/** Deletes a region's own copy of a template: it inherits again (the root's: the built-in one). */
export async function deleteTemplateOverride(
  db: Db,
  actor: Actor,
  key: TemplateKey,
  regionId?: number,
): Promise<StageTemplateDto> {
  const region = await settingsRegion(db, actor, regionId, 'write');
  await db.transaction().execute(async (trx) => {
    const stored = await repo.findStageTemplateRow(trx, region.id, key);
    if (!stored || !(await repo.deleteStageTemplate(trx, region.id, key)))
      throw new AppError('not_found', { entity: 'stageTemplate' });
    await recordAudit(trx, actor, {
      action: 'delete',
      entity: 'stage_template',
      entityId: key,
      before: {
        name: stored.name,
        stages: JSON.parse(stored.stages) as StageDef[],
        departments: JSON.parse(stored.stageDepartments) as Record<string, string>,
        regionId: region.id,
        regionName: region.name,
      },
    });
  });
  return (await listTemplates(db, actor, region.id)).find((t) => t.key === key)!;
}
