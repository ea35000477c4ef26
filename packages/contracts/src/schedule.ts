import { z } from 'zod';
import { lazy } from './lazy.ts';
import { stageGroups } from '@guatu/domain/schedule/stage-types';
import { warningLevels } from '@guatu/domain/vocabulary';
import { id, isoDate, text, version, year } from './common.ts';
import { ledgerQuery } from './projects.ts';
import { settingSource } from './settings.ts';

// 倒排工期 and 挂图作战 (issue 4). Dates are 'YYYY-MM-DD'; durations and lags are working days.

export const stageKey = lazy(() => z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'letters, digits, _ -'));
export const stageDependency = lazy(() =>
  z.strictObject({
    stage: stageKey,
    type: z.enum(['FS', 'SS']),
    lag: z.int().min(-365).max(365),
  }),
);
export const stageDef = lazy(() =>
  z.strictObject({
    key: stageKey,
    name: text(50).min(1),
    group: z.enum(stageGroups),
    duration: z.int().min(0).max(2000),
    deps: z.array(stageDependency).max(30),
    milestone: z.boolean(),
    notApplicable: z.boolean().optional(),
  }),
);
export type StageDefDto = z.infer<typeof stageDef>;

export const templateKeys = ['industrial', 'infrastructure', 'social'] as const;
/** Stage key → the name of the department in charge of it, matched on each project's region chain. */
export const stageDepartments = lazy(() =>
  z.record(stageKey, text(50).min(1)).refine((m) => Object.keys(m).length <= 60, 'at most 60 stages'),
);
export const stageTemplate = lazy(() =>
  z
    .object({
      key: z.enum(templateKeys),
      name: z.string(),
      stages: z.array(stageDef),
      /** The department in charge of a stage, by name (自然资源局 for 不动产权证): its users record the stage's dates. */
      departments: stageDepartments,
      version: version,
    })
    .extend(settingSource.shape),
);
export type StageTemplateDto = z.infer<typeof stageTemplate>;
/** PUT /api/stage-templates/:key (admin): rename, reorder, add stages, change durations. */
export const stageTemplateUpdate = lazy(() =>
  z.strictObject({
    name: text(50).min(1).optional(),
    stages: z.array(stageDef).min(1).max(60).optional(),
    /** The whole map (a stage left out has no department); stages no longer in the list are dropped. */
    departments: stageDepartments.optional(),
    version: version,
  }),
);

/** Per-project edits of its template (the domain's ProjectEdit). */
export const projectEdit = lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('not_applicable'), stage: stageKey }),
    z.strictObject({
      kind: z.literal('duration'),
      stage: stageKey,
      duration: z.int().min(0).max(2000),
    }),
    z.strictObject({
      kind: z.literal('dependencies'),
      stage: stageKey,
      deps: z.array(stageDependency).max(30),
    }),
    z.strictObject({ kind: z.literal('add'), stage: stageDef, before: z.array(stageKey).max(30).optional() }),
  ]),
);
export type ProjectEditDto = z.infer<typeof projectEdit>;

export const stageTarget = lazy(() => z.strictObject({ stage: stageKey, finishBy: isoDate }));

export const warningLevel = lazy(() => z.enum(warningLevels));
export const stageWarning = lazy(() =>
  z.object({
    kind: z.enum(['start', 'stage']),
    level: warningLevel,
    reason: z.string(),
    /** What the wording is made from: `stage` (its name), `planned`, `started`, `until`, `latestFinish`, `months`, `days`. */
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    /** The warning in the caller's language. */
    message: z.string(),
  }),
);

export const scheduledStage = lazy(() =>
  z.object({
    key: z.string(),
    name: z.string(),
    group: z.enum(stageGroups),
    milestone: z.boolean(),
    duration: z.int(),
    status: z.enum(['done', 'in_progress', 'not_started', 'not_applicable']),
    /** Absent for not-applicable stages. */
    latestStart: isoDate.optional(),
    latestFinish: isoDate.optional(),
    earliestStart: isoDate.optional(),
    earliestFinish: isoDate.optional(),
    forecastStart: isoDate.optional(),
    forecastFinish: isoDate.optional(),
    actualStart: isoDate.nullable(),
    actualFinish: isoDate.nullable(),
    target: isoDate.nullable(),
    totalFloat: z.int().nullable(),
    critical: z.boolean(),
    warning: stageWarning.nullable(),
    note: z.string().nullable(),
    /** The department in charge of the stage (the template names it), or null. */
    department: z.string().nullable(),
    /** Whether the caller may record the stage's actual dates: the project's editors, and the department in charge. */
    canRecord: z.boolean(),
    baseline: z.object({ start: isoDate, finish: isoDate }).nullable(),
  }),
);
export type ScheduledStageDto = z.infer<typeof scheduledStage>;

/** GET /api/projects/:id/schedule */
export const projectSchedule = lazy(() =>
  z.object({
    projectId: id,
    projectName: z.string(),
    templateKey: z.enum(templateKeys),
    edits: z.array(projectEdit),
    targets: z.array(stageTarget),
    today: isoDate,
    stages: z.array(scheduledStage),
    overall: z.object({
      forecastFinish: isoDate,
      targetFinish: isoDate,
      criticalPath: z.array(z.string()),
      negativeFloat: z.array(z.string()),
      minFloat: z.int(),
    }),
    /** The baseline shown in `stages[].baseline`, if any. */
    baselineId: id.nullable(),
    baselines: z.array(z.object({ id: id, name: z.string(), savedAt: z.string() })),
    /** Holidays and stop periods overlapping the schedule's span, for shading the Gantt. */
    nonWorking: z.array(z.object({ from: isoDate, to: isoDate, name: z.string() })),
    canEdit: z.boolean(),
    version: version,
  }),
);
export type ProjectScheduleDto = z.infer<typeof projectSchedule>;

export const projectScheduleQuery = lazy(() => z.strictObject({ baselineId: id.optional() }));

/** PATCH /api/projects/:id/schedule — re-plan: template, per-project edits, finish-by targets. */
export const projectScheduleUpdate = lazy(() =>
  z.strictObject({
    templateKey: z.enum(templateKeys).optional(),
    edits: z.array(projectEdit).max(100).optional(),
    targets: z.array(stageTarget).min(1).max(60).optional(),
    version: version,
  }),
);

/** PUT /api/projects/:id/stages/:stage — record actual dates of one stage (null clears). */
export const stageProgressUpdate = lazy(() =>
  z.strictObject({
    actualStart: isoDate.nullable().optional(),
    actualFinish: isoDate.nullable().optional(),
    note: text(1000).nullable().optional(),
    version: version,
  }),
);

/** POST /api/projects/:id/baselines */
export const baselineCreate = lazy(() => z.strictObject({ name: text(50).min(1) }));

/** Working-day calendar: built-in statutory holidays (chinese-days) plus admin entries. */
export const calendarEntryKinds = ['holiday', 'workday', 'stop'] as const;
export const calendarEntry = lazy(() =>
  z.object({
    id: id,
    kind: z.enum(calendarEntryKinds),
    from: isoDate,
    to: isoDate,
    name: z.string(),
    version: version,
    /** The region whose subtree the entry holds for, and whether it is the asked region's own. */
    regionId: id,
    regionName: z.string(),
    own: z.boolean(),
  }),
);
export const calendarEntryCreate = lazy(() =>
  z.strictObject({
    kind: z.enum(calendarEntryKinds),
    from: isoDate,
    to: isoDate,
    name: text(50).min(1),
  }),
);
export const calendarResponse = lazy(() =>
  z.object({
    firstYear: z.int(),
    lastYear: z.int(),
    builtInYears: z.array(z.int()),
    /** The region asked about: its entries and its ancestors' (the statutory ones are the root's). */
    regionId: id,
    regionName: z.string(),
    /** Whether the caller may add and delete this region's entries; years only at the root. */
    canEdit: z.boolean(),
    canAddYear: z.boolean(),
    entries: z.array(calendarEntry),
  }),
);
/** POST /api/calendar/years — add a year the built-in data does not cover. */
export const calendarYearCreate = lazy(() =>
  z.strictObject({
    year: year,
    holidays: z.array(isoDate).max(60),
    workdays: z.array(isoDate).max(20),
  }),
);

/** GET /api/war-chart — the ledger's filters plus a grouping. */
export const warChartGroupings = ['level', 'town', 'leader', 'department'] as const;
export const warChartQuery = lazy(() =>
  ledgerQuery
    .omit({ sort: true, order: true, page: true, pageSize: true })
    .extend({ groupBy: z.enum(warChartGroupings).default('level') }),
);
export type WarChartQuery = z.infer<typeof warChartQuery>;

/**
 * Cell code = status + 8 × warning + 32 × flag, row-major (project × stage); encode and decode
 * with war-chart-cell.ts (encodeCell, decodeCell, cellStatus, cellWarning, cellFlag):
 * status 0 not started, 1 in progress, 2 done, 3 late (unfinished past its latest finish), 4 not applicable;
 * warning 0 none, 1 green, 2 yellow, 3 red; flag 0 none, 1 red flag (finished on time), 2 black flag (overran).
 */
export const warChart = lazy(() =>
  z.object({
    year: z.int(),
    today: isoDate,
    /** `milestone`: a zero-duration stage (开工, 主体封顶, 投产运营); the chart flags only what tells something. */
    stages: z.array(
      z.object({ key: z.string(), name: z.string(), group: z.enum(stageGroups), milestone: z.boolean() }),
    ),
    groups: z.array(z.object({ key: z.string(), label: z.string(), count: z.int() })),
    projects: z.object({
      ids: z.array(z.int()),
      names: z.array(z.string()),
      /** Index into `groups`; projects are sorted by group. */
      group: z.array(z.int()),
    }),
    cells: z.array(z.int()),
  }),
);
export type WarChartDto = z.infer<typeof warChart>;
