/**
 * 预警规则: the stage-warning thresholds as data an admin changes — per region (issue 7): a
 * region's rules are its own, else its nearest ancestor's, else the domain's defaultWarningRules
 * at version 1, so improved defaults reach every deployment that kept them. Schedules and the war
 * chart use them cached while their stamp in the database holds (settings-cache.ts).
 */
import type { WarningRulesDto, WarningRulesUpdate } from '@guatu/contracts';
import { defaultWarningRules, type WarningRules } from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import type { RegionRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as repo from '../repositories/warning-rules.repository.ts';
import { canWriteSettings, nearestOnPath, settingsRegion, sourceOf } from './region-settings.ts';
import { readSettingsStamps, stampedCache, type SettingsStamps } from './settings-cache.ts';
import { versionConflict } from './version-conflict.ts';

function rulesOf(row: repo.WarningRulesRow | null): WarningRules {
  if (!row) return defaultWarningRules;
  const stored = JSON.parse(row.rules) as Partial<WarningRules>;
  // A stored half falls back to the default half: rules are replaced whole, but stay safe.
  return {
    start: { ...defaultWarningRules.start, ...stored.start },
    stage: { ...defaultWarningRules.stage, ...stored.stage },
  };
}

/** Every region's stored rules by region id, for resolving many regions at once (the war chart's). */
export type RulesRows = Map<number, repo.WarningRulesRow>;

export async function loadWarningRulesRows(db: Db): Promise<RulesRows> {
  return new Map((await repo.findWarningRulesRows(db)).map((r) => [r.regionId, r]));
}

const cachedRows = stampedCache(loadWarningRulesRows);

/**
 * The rows the scheduler runs on, kept while the rules' stamp holds (settings-cache.ts): a save
 * through another app server is used at once. Read-only; writes read loadWarningRulesRows.
 */
export async function rulesRowsInForce(
  db: Db,
  stamps?: SettingsStamps | Promise<SettingsStamps>,
): Promise<RulesRows> {
  return cachedRows(db, (await (stamps ?? readSettingsStamps(db))).warning_rules);
}

/** The region whose rules a region uses: its own or its nearest ancestor's; null: the defaults. */
export function rulesRegionOf(rows: RulesRows, regionPath: string): number | null {
  return rows.size === 0 ? null : nearestOnPath(regionPath, (id) => rows.has(id));
}

const rowFor = (rows: RulesRows, regionPath: string) => {
  const from = rulesRegionOf(rows, regionPath);
  return from === null ? null : rows.get(from)!;
};

/** The rules in force in a region: parsed once per distinct row. */
export function rulesFor(rows: RulesRows, regionPath: string): WarningRules {
  return rulesOf(rowFor(rows, regionPath));
}

/** The rules in force in a region (given by its path): its own, an ancestor's or the defaults. */
export async function loadWarningRules(
  db: Db,
  regionPath: string,
  stamps?: SettingsStamps | Promise<SettingsStamps>,
): Promise<WarningRules> {
  return rulesFor(await rulesRowsInForce(db, stamps), regionPath);
}

function dtoOf(row: repo.WarningRulesRow | null, region: RegionRow, actor: Actor): WarningRulesDto {
  return {
    ...rulesOf(row),
    version: row?.version ?? 1,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row ? (row.updatedByName ?? '系统') : null,
    regionId: region.id,
    regionName: region.name,
    ...sourceOf(region.id, row ? { id: row.regionId, name: row.regionName } : null),
    canEdit: canWriteSettings(actor, region),
  };
}

/** The rules in force in a region (default: the caller's), saying where they come from. */
export async function getWarningRules(db: Db, actor: Actor, regionId?: number): Promise<WarningRulesDto> {
  const region = await settingsRegion(db, actor, regionId, 'read');
  return dtoOf(rowFor(await loadWarningRulesRows(db), region.path), region, actor);
}

/**
 * Admin of the region or above: replace the region's own rules (validated by the contract;
 * created from the inherited ones on the first save, `version` being the one shown), stale → 409,
 * audited.
 */
export async function updateWarningRules(
  db: Db,
  actor: Actor,
  input: WarningRulesUpdate,
  now: Date,
  regionId?: number,
): Promise<WarningRulesDto> {
  const region = await settingsRegion(db, actor, regionId, 'write');
  const after: WarningRules = {
    start: {
      stages: [...new Set(input.start.stages)],
      yellowMonthsPast: input.start.yellowMonthsPast,
      redMonthsPast: input.start.redMonthsPast,
    },
    stage: {
      yellowDaysPast: input.stage.yellowDaysPast,
      redDaysPast: input.stage.redDaysPast,
      negativeFloat: input.stage.negativeFloat,
    },
  };
  const patch = {
    rules: JSON.stringify(after),
    updatedAt: now.toISOString(),
    updatedBy: actor.id > 0 ? actor.id : null,
  };
  await db.transaction().execute(async (trx) => {
    const stored = await repo.findWarningRulesRow(trx, region.id);
    const inherited = stored ?? rowFor(await loadWarningRulesRows(trx), region.path);
    const before = rulesOf(inherited);
    let ok: boolean;
    if (stored) ok = await repo.updateWarningRulesIfVersion(trx, region.id, input.version, patch);
    else {
      ok = input.version === (inherited?.version ?? 1);
      if (ok)
        await repo.insertWarningRules(trx, { regionId: region.id, ...patch, version: input.version + 1 });
    }
    if (!ok) throw versionConflict(inherited);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'warning_rules',
      entityId: repo.WARNING_RULES_KEY,
      before,
      after: { ...after, regionId: region.id, regionName: region.name },
    });
  });
  return getWarningRules(db, actor, region.id);
}

/** Deletes a region's own rules: it inherits again (the root's: the defaults). */
export async function deleteWarningRulesOverride(
  db: Db,
  actor: Actor,
  regionId?: number,
): Promise<WarningRulesDto> {
  const region = await settingsRegion(db, actor, regionId, 'write');
  await db.transaction().execute(async (trx) => {
    const stored = await repo.findWarningRulesRow(trx, region.id);
    if (!stored || !(await repo.deleteWarningRules(trx, region.id)))
      throw new AppError('not_found', { entity: 'warningRules' });
    await recordAudit(trx, actor, {
      action: 'delete',
      entity: 'warning_rules',
      entityId: repo.WARNING_RULES_KEY,
      before: { ...rulesOf(stored), regionId: region.id, regionName: region.name },
    });
  });
  return getWarningRules(db, actor, region.id);
}
