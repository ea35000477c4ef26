/**
 * A dispatch report's stage updates (issue 10, item 2) and the schedule they land on: the
 * project's stage list (its plan's template, edits applied) and recorded dates checked by the
 * domain's validateReport, and on submission the changed dates written to the schedule inside the
 * submission's transaction — the schedule's version bumped and each changed stage audited as the
 * schedule page's own update is (schedule.service.ts updateStageProgress), so the war chart and the
 * Gantt show them at once. A date the report leaves empty keeps the recorded one; the same dates
 * sent again change nothing (no version, no audit row).
 */
import type { DispatchReportDraft } from '@guatu/contracts';
import {
  applyProjectEdits,
  mergedStageDates,
  type ReportScheduleContext,
  type StageDef,
} from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../policies/actor.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as scheduleRepo from '../repositories/schedule.repository.ts';
import { loadCalendar } from './calendar.service.ts';
import { planOf, type Plan } from './schedule-plan.ts';
import { readSettingsStamps } from './settings-cache.ts';
import { loadTemplates } from './stage-template.service.ts';
import { versionConflict } from './version-conflict.ts';

type ProjectOfReport = {
  id: number;
  regionPath: string;
  plannedStart: string | null;
  plannedFinish: string | null;
};

export type ReportSchedule = ReportScheduleContext & { plan: Plan };

/** The schedule a report's stages are checked against: stage list, recorded dates, calendar range. */
export async function loadReportSchedule(
  db: Db,
  project: ProjectOfReport,
  today: string,
): Promise<ReportSchedule> {
  const stamps = readSettingsStamps(db);
  const [row, stageRows, templates, cal] = await Promise.all([
    scheduleRepo.findSchedule(db, project.id),
    scheduleRepo.findStages(db, project.id),
    loadTemplates(db, project.regionPath, stamps),
    loadCalendar(db, today, project.regionPath, stamps),
  ]);
  const plan = planOf(row, project);
  let stages: StageDef[];
  try {
    stages = applyProjectEdits(templates[plan.templateKey].stages, plan.edits);
  } catch {
    // A plan its template no longer takes: the template's own list.
    stages = templates[plan.templateKey].stages;
  }
  return {
    plan,
    stages,
    recorded: new Map(
      stageRows.map((r) => [r.stageKey, { actualStart: r.actualStart, actualFinish: r.actualFinish }]),
    ),
    firstDate: `${cal.firstYear}-01-01`,
    lastDate: `${cal.lastYear}-12-31`,
  };
}

/**
 * Writes the report's stage dates that differ from the schedule's, in the caller's transaction
 * (the submission's): the stage rows, the schedule's version + 1 (its plan row created as the
 * implicit plan when the project had none) and one audit row per changed stage. Reads the rows
 * again inside the transaction. Returns the number of stages changed.
 */
export async function writeReportStages(
  trx: Db,
  actor: Actor,
  project: ProjectOfReport,
  plan: Plan,
  stages: DispatchReportDraft['stages'],
  now: Date,
): Promise<number> {
  if (stages.length === 0) return 0;
  const recorded = new Map((await scheduleRepo.findStages(trx, project.id)).map((r) => [r.stageKey, r]));
  const at = now.toISOString();
  const by = actor.id > 0 ? actor.id : null;
  const changes = stages.flatMap((s) => {
    const prior = recorded.get(s.key);
    const next = mergedStageDates(s, prior);
    const same =
      next.actualStart === (prior?.actualStart ?? null) &&
      next.actualFinish === (prior?.actualFinish ?? null);
    return same ? [] : [{ key: s.key, prior, next }];
  });
  if (changes.length === 0) return 0;
  await bumpScheduleVersion(trx, project.id, plan, at, by);
  for (const { key, prior, next } of changes) {
    const note = prior?.note ?? null;
    await scheduleRepo.saveStage(trx, {
      projectId: project.id,
      stageKey: key,
      ...next,
      note,
      updatedAt: at,
      updatedBy: by,
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'project_stage',
      entityId: `${project.id}:${key}`,
      before: prior ? { actualStart: prior.actualStart, actualFinish: prior.actualFinish, note } : null,
      after: { ...next, note },
    });
  }
  return changes.length;
}

/**
 * The schedule's version + 1 on whatever version it has now (a report does not read the plan; a
 * planner holding the old version then gets the 409 of a stale edit). A concurrent change between
 * the read and the write is read again.
 */
async function bumpScheduleVersion(trx: Db, projectId: number, plan: Plan, at: string, by: number | null) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await scheduleRepo.findSchedule(trx, projectId);
    if (current) {
      if (
        await scheduleRepo.updateScheduleIfVersion(trx, projectId, current.version, {
          updatedAt: at,
          updatedBy: by,
        })
      )
        return;
    } else if (
      await scheduleRepo.insertSchedule(trx, {
        projectId,
        templateKey: plan.templateKey,
        edits: JSON.stringify(plan.edits),
        targets: plan.explicitTargets === null ? null : JSON.stringify(plan.explicitTargets),
        updatedAt: at,
        updatedBy: by,
        version: 2,
      })
    )
      return;
  }
  throw versionConflict(await scheduleRepo.findSchedule(trx, projectId));
}
