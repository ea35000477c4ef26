/**
 * One project's 倒排工期: read the schedule, re-plan it, record a stage's actual dates, save a
 * baseline. The rules are the domain's (applyProjectEdits, schedule, stageWarnings,
 * makeBaseline); this file loads, authorises, validates by scheduling before writing, and audits.
 */
import type {
  baselineCreate,
  ProjectScheduleDto,
  projectScheduleQuery,
  projectScheduleUpdate,
  ScheduledStageDto,
  stageProgressUpdate,
} from '@guatu/contracts';
import {
  applyProjectEdits,
  makeBaseline,
  schedule,
  shanghaiToday,
  stageWarnings,
  warningRank,
  type Baseline,
  type ScheduleResult,
  type StageActual,
  type StageDef,
  type StageWarning,
  type WarningRules,
} from '@guatu/domain';
import type { z } from 'zod';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { translate, type Lang } from '../messages.ts';
import { hasRole, type Actor } from '../policies/actor.ts';
import {
  canEditProject,
  canReadLedger,
  projectReadGrants,
  projectReadRefusal,
  type ProjectFacts,
} from '../policies/project.policy.ts';
import {
  canRecordStage,
  departmentScheduleAccess,
  departmentStagesOf,
} from '../policies/stage-progress.policy.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { findProjectById, isProjectVisible } from '../repositories/project.repository.ts';
import * as repo from '../repositories/schedule.repository.ts';
import { loadCalendar, requireCalendarDates, type CalendarState } from './calendar.service.ts';
import { domainCall } from './schedule-errors.ts';
import { actualsOf, DEFAULT_TEMPLATE, planOf, type Plan } from './schedule-plan.ts';
import { readSettingsStamps } from './settings-cache.ts';
import { departmentsInCharge, loadTemplates, type Templates } from './stage-template.service.ts';
import { loadWarningRules } from './warning-rules.service.ts';
import { versionConflict } from './version-conflict.ts';

type ScheduleQuery = z.infer<typeof projectScheduleQuery>;
type ScheduleUpdate = z.infer<typeof projectScheduleUpdate>;
type StageUpdate = z.infer<typeof stageProgressUpdate>;
type BaselineCreate = z.infer<typeof baselineCreate>;

type Loaded = {
  id: number;
  name: string;
  plannedStart: string | null;
  plannedFinish: string | null;
  canEdit: boolean;
  facts: ProjectFacts;
  /** The department in charge of each stage the template names, matched on the project's region chain. */
  inCharge: Map<string, { id: number; name: string }>;
  /** The stages the actor records as a user of the department in charge of them. */
  departmentStages: Set<string>;
  row: repo.ScheduleRow | null;
  stageRows: repo.StageRow[];
  plan: Plan;
  templates: Templates;
  rules: WarningRules;
  cal: CalendarState;
  today: string;
};

/** Loads what a schedule is computed from; 404/403 as for the project itself. */
async function load(db: Db, actor: Actor, id: number, now: Date): Promise<Loaded> {
  const today = shanghaiToday(now);
  const project = await findProjectById(db, id);
  // The project's read rule (project.policy.ts): 404 unknown, 403 out of scope.
  const visible = project !== null && (await isProjectVisible(db, id, projectReadGrants(actor)));
  const refusal = projectReadRefusal(actor, project && { visible });
  // A department user may still read it if his department is in charge of one of its stages
  // (stage-progress.policy.ts): decided below, once the template in force is known.
  const viaDepartment =
    refusal === 'forbidden' && project !== null && canReadLedger(actor) && hasRole(actor, 'department');
  if (refusal === 'forbidden' && !viaDepartment) throw new AppError('forbidden');
  if (!project || refusal === 'not_found') throw new AppError('not_found', { entity: 'project' });
  // The project's region's settings: its own, else inherited from the nearest ancestor (issue 7).
  // The cached settings are used while their stamps hold: one read for the three (settings-cache.ts).
  const stamps = readSettingsStamps(db);
  const [row, stageRows, templates, rules, cal] = await Promise.all([
    repo.findSchedule(db, id),
    repo.findStages(db, id),
    loadTemplates(db, project.regionPath, stamps),
    loadWarningRules(db, project.regionPath, stamps),
    loadCalendar(db, today, project.regionPath, stamps),
  ]);
  const facts = {
    regionPath: project.regionPath,
    leaderId: project.leaderId,
    memberIds: project.taskForce.map((m) => m.id),
  };
  const plan = planOf(row, project);
  const inCharge = await departmentsInCharge(db, templates[plan.templateKey], project.regionPath);
  if (viaDepartment) {
    const access = departmentScheduleAccess(actor, facts, inCharge);
    if (access === 'not_found') throw new AppError('not_found', { entity: 'project' });
    if (access === 'none') throw new AppError('forbidden');
  }
  return {
    id,
    name: project.name,
    plannedStart: project.plannedStart,
    plannedFinish: project.plannedFinish,
    canEdit: canEditProject(actor, facts),
    facts,
    inCharge,
    departmentStages: departmentStagesOf(actor, facts, inCharge),
    row,
    stageRows,
    plan,
    templates,
    rules,
    cal,
    today,
  };
}

async function loadForWrite(db: Db, actor: Actor, id: number, now: Date): Promise<Loaded> {
  const l = await load(db, actor, id, now);
  if (!l.canEdit) throw new AppError('forbidden');
  return l;
}

function stageListOf(templates: Templates, plan: Plan): StageDef[] {
  return domainCall(() => applyProjectEdits(templates[plan.templateKey].stages, plan.edits));
}

/** Schedules a plan on today; every domain error becomes a 400/422 naming the stages. */
function run(
  l: Loaded,
  plan: Plan,
  actuals: Record<string, StageActual>,
): { stages: StageDef[]; result: ScheduleResult } {
  const stages = stageListOf(l.templates, plan);
  if (plan.targets.length === 0) throw new AppError('schedule_no_targets');
  const result = domainCall(() =>
    schedule({ stages, targets: plan.targets, actuals }, l.cal.calendar, l.today),
  );
  return { stages, result };
}

// The worst warning of each stage (a stage may have a start and a stage warning).
function warningsByStage(
  result: ScheduleResult,
  rules: WarningRules,
  today: string,
): Map<string, StageWarning> {
  const out = new Map<string, StageWarning>();
  for (const w of stageWarnings(result, rules, today)) {
    const prior = out.get(w.stage);
    if (!prior || warningRank[w.level] > warningRank[prior.level]) out.set(w.stage, w);
  }
  return out;
}

export async function getProjectSchedule(
  db: Db,
  actor: Actor,
  id: number,
  q: ScheduleQuery,
  now: Date,
): Promise<ProjectScheduleDto> {
  return present(db, await load(db, actor, id, now), q.baselineId, actor.lang);
}

async function present(
  db: Db,
  l: Loaded,
  baselineId: number | undefined,
  lang: Lang,
): Promise<ProjectScheduleDto> {
  const { result } = run(l, l.plan, actualsOf(l.stageRows));
  const baselines = await repo.findBaselines(db, l.id);
  let baseline: Baseline | null = null;
  let shownId: number | null = null;
  // The chosen baseline, else the latest saved one.
  const chosen = baselineId ?? baselines[0]?.id;
  if (chosen !== undefined) {
    const row = await repo.findBaselineData(db, l.id, chosen);
    if (!row) throw new AppError('not_found', { entity: 'baseline' });
    baseline = JSON.parse(row.data) as Baseline;
    shownId = row.id;
  }
  const warnings = warningsByStage(result, l.rules, l.today);
  const rows = new Map(l.stageRows.map((r) => [r.stageKey, r]));
  const dates: string[] = [];
  const stages = result.stages.map((s): ScheduledStageDto => {
    const r = rows.get(s.key);
    const common = {
      key: s.key,
      name: s.name,
      group: s.group,
      milestone: s.milestone,
      duration: s.duration,
      note: r?.note ?? null,
      baseline: baseline?.stages[s.key] ?? null,
      department: l.inCharge.get(s.key)?.name ?? null,
      canRecord: l.canEdit || l.departmentStages.has(s.key),
    };
    if (s.status === 'not_applicable')
      return {
        ...common,
        status: 'not_applicable',
        actualStart: r?.actualStart ?? null,
        actualFinish: r?.actualFinish ?? null,
        target: null,
        totalFloat: null,
        critical: false,
        warning: null,
      };
    dates.push(s.latestStart, s.latestFinish, s.forecast.start, s.forecast.finish);
    const w = warnings.get(s.key);
    return {
      ...common,
      status: s.status,
      latestStart: s.latestStart,
      latestFinish: s.latestFinish,
      earliestStart: s.earliestStart,
      earliestFinish: s.earliestFinish,
      forecastStart: s.forecast.start,
      forecastFinish: s.forecast.finish,
      actualStart: s.actual.start ?? null,
      actualFinish: s.actual.finish ?? null,
      target: s.target ?? null,
      totalFloat: s.totalFloat,
      critical: s.critical,
      warning: w
        ? {
            kind: w.kind,
            level: w.level,
            reason: w.reason,
            params: w.params,
            message: translate(`stage_warning_${w.reason}`, lang, w.params),
          }
        : null,
    };
  });
  dates.sort();
  const spanFrom = dates[0] ?? l.today;
  const spanTo = dates[dates.length - 1] ?? l.today;
  return {
    projectId: l.id,
    projectName: l.name,
    templateKey: l.plan.templateKey,
    edits: l.plan.edits,
    targets: l.plan.targets,
    today: l.today,
    stages,
    overall: result.overall,
    baselineId: shownId,
    baselines,
    nonWorking: l.cal.nonWorking.filter((p) => p.to >= spanFrom && p.from <= spanTo),
    canEdit: l.canEdit,
    version: l.row?.version ?? 1,
  };
}

/** Writes the plan row at `version` (creating it when the project had none); 409 when stale. */
async function bumpPlan(trx: Db, l: Loaded, version: number, plan: Plan, actor: Actor, now: Date) {
  const values = {
    templateKey: plan.templateKey,
    edits: JSON.stringify(plan.edits),
    targets: plan.explicitTargets === null ? null : JSON.stringify(plan.explicitTargets),
    updatedAt: now.toISOString(),
    updatedBy: actor.id > 0 ? actor.id : null,
  };
  const current = await repo.findSchedule(trx, l.id);
  let ok: boolean;
  if (current) ok = await repo.updateScheduleIfVersion(trx, l.id, version, values);
  else {
    // Two first writes at once: the second's insert does nothing (it waited for the first on
    // PostgreSQL) and it gets the 409 of a stale version, naming the first writer.
    ok = version === 1 && (await repo.insertSchedule(trx, { projectId: l.id, ...values, version: 2 }));
  }
  if (!ok) throw versionConflict(current ?? (await repo.findSchedule(trx, l.id)));
}

const planView = (p: Plan) => ({ templateKey: p.templateKey, edits: p.edits, targets: p.explicitTargets });

/** Re-plan: template, per-project edits, finish-by targets; validated by scheduling before it is saved. */
export async function updateProjectSchedule(
  db: Db,
  actor: Actor,
  id: number,
  input: ScheduleUpdate,
  now: Date,
): Promise<ProjectScheduleDto> {
  const l = await loadForWrite(db, actor, id, now);
  if (input.targets)
    requireCalendarDates(
      l.cal,
      input.targets.map((t) => t.finishBy),
    );
  const explicitTargets = input.targets ?? l.plan.explicitTargets;
  const plan: Plan = {
    templateKey: input.templateKey ?? l.plan.templateKey ?? DEFAULT_TEMPLATE,
    edits: input.edits ?? l.plan.edits,
    explicitTargets,
    targets: explicitTargets ?? l.plan.targets,
  };
  run(l, plan, actualsOf(l.stageRows));
  await db.transaction().execute(async (trx) => {
    await bumpPlan(trx, l, input.version, plan, actor, now);
    await recordAudit(trx, actor, {
      action: 'replan',
      entity: 'project_schedule',
      entityId: id,
      before: planView(l.plan),
      after: planView(plan),
    });
  });
  return getProjectSchedule(db, actor, id, {}, now);
}

/** Records (or clears, with null) a stage's actual start and finish and its note. */
export async function updateStageProgress(
  db: Db,
  actor: Actor,
  id: number,
  stageKey: string,
  input: StageUpdate,
  now: Date,
): Promise<ProjectScheduleDto> {
  const l = await load(db, actor, id, now);
  if (!canRecordStage(actor, l.facts, stageKey, l.inCharge)) throw new AppError('forbidden');
  const def = stageListOf(l.templates, l.plan).find((s) => s.key === stageKey);
  if (!def) throw new AppError('not_found', { entity: 'stage' });
  if (def.notApplicable)
    throw new AppError(
      'schedule_invalid',
      {
        detail: `工序「${def.name}」不适用，不能记录实际日期`,
        reason: 'stage_not_applicable',
        stage: def.name,
      },
      { stages: [stageKey] },
    );
  const prior = l.stageRows.find((r) => r.stageKey === stageKey);
  const next = {
    actualStart: input.actualStart === undefined ? (prior?.actualStart ?? null) : input.actualStart,
    actualFinish: input.actualFinish === undefined ? (prior?.actualFinish ?? null) : input.actualFinish,
    note: input.note === undefined ? (prior?.note ?? null) : input.note || null,
  };
  requireCalendarDates(
    l.cal,
    [next.actualStart, next.actualFinish].filter((d): d is string => d !== null),
  );
  const rows = [...l.stageRows.filter((r) => r.stageKey !== stageKey), { projectId: id, stageKey, ...next }];
  run(l, l.plan, actualsOf(rows));
  await db.transaction().execute(async (trx) => {
    await bumpPlan(trx, l, input.version, l.plan, actor, now);
    await repo.saveStage(trx, {
      projectId: id,
      stageKey,
      ...next,
      updatedAt: now.toISOString(),
      updatedBy: actor.id > 0 ? actor.id : null,
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'project_stage',
      entityId: `${id}:${stageKey}`,
      before: prior
        ? { actualStart: prior.actualStart, actualFinish: prior.actualFinish, note: prior.note }
        : null,
      after: next,
    });
  });
  return getProjectSchedule(db, actor, id, {}, now);
}

/** Saves the current plan (the latest dates) under a name, e.g. 年初计划. */
export async function createBaseline(db: Db, actor: Actor, id: number, input: BaselineCreate, now: Date) {
  const l = await loadForWrite(db, actor, id, now);
  const { result } = run(l, l.plan, actualsOf(l.stageRows));
  const existing = await repo.findBaselines(db, id);
  if (existing.some((b) => b.name === input.name))
    throw new AppError('duplicate', { field: 'baseline', value: input.name });
  const savedAt = now.toISOString();
  const baseline = makeBaseline(result, input.name, savedAt);
  const newId = await db.transaction().execute(async (trx) => {
    const baselineId = await repo.insertBaseline(trx, {
      projectId: id,
      name: input.name,
      savedAt,
      data: JSON.stringify(baseline),
      createdBy: actor.id > 0 ? actor.id : null,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'project_baseline',
      entityId: baselineId,
      after: { projectId: id, name: input.name, stages: Object.keys(baseline.stages).length },
    });
    return baselineId;
  });
  return { id: newId, name: input.name, savedAt };
}
