/**
 * 预警规则: the stage-warning thresholds as data an admin changes. Nobody edited them: no row,
 * the domain's defaultWarningRules at version 1, so improved defaults reach every deployment
 * that kept them. Schedules and the war chart load them once per request.
 */
import type { WarningRulesDto, WarningRulesUpdate } from '@guatu/contracts';
import { defaultWarningRules, type WarningRules } from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { hasRole, type Actor } from '../policies/actor.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as repo from '../repositories/warning-rules.repository.ts';
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

const dtoOf = (row: repo.WarningRulesRow | null): WarningRulesDto => ({
  ...rulesOf(row),
  version: row?.version ?? 1,
  updatedAt: row?.updatedAt ?? null,
  updatedBy: row ? (row.updatedByName ?? '系统') : null,
});

/** The rules in force: the stored ones or the defaults. */
export async function loadWarningRules(db: Db): Promise<WarningRules> {
  return rulesOf(await repo.findWarningRulesRow(db));
}

export async function getWarningRules(db: Db): Promise<WarningRulesDto> {
  return dtoOf(await repo.findWarningRulesRow(db));
}

/** Admin only: replace the rules (validated by the contract), stale version → 409, audited. */
export async function updateWarningRules(
  db: Db,
  actor: Actor,
  input: WarningRulesUpdate,
  now: Date,
): Promise<WarningRulesDto> {
  if (!hasRole(actor, 'admin')) throw new AppError('forbidden');
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
    const stored = await repo.findWarningRulesRow(trx);
    const before = rulesOf(stored);
    let ok: boolean;
    if (stored) ok = await repo.updateWarningRulesIfVersion(trx, input.version, patch);
    else {
      ok = input.version === 1;
      if (ok) await repo.insertWarningRules(trx, { ...patch, version: 2 });
    }
    if (!ok) throw versionConflict(stored);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'warning_rules',
      entityId: repo.WARNING_RULES_KEY,
      before,
      after,
    });
  });
  return getWarningRules(db);
}
