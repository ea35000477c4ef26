import { z } from 'zod';
import { lazy } from './lazy.ts';
import { id, int, isoDate, text, version, year, yuan } from './common.ts';
import { dispatchPhoto } from './dispatch-photos.ts';

/**
 * 一月一调度 (issue 10): a region's monthly dispatch round, its reports and its dispatch table
 * (调度表). Money is integer yuan (元); months are 'YYYY-MM'; dates 'YYYY-MM-DD' (Asia/Shanghai).
 */
export const dispatchMonth = lazy(() => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'));

export const dispatchRoundStatuses = ['open', 'closed'] as const;
export const dispatchReportStatuses = ['draft', 'submitted', 'accepted', 'returned'] as const;

export const dispatchRoundCounts = lazy(() =>
  z.object({
    projects: z.int(),
    /** Submitted or accepted. */
    reported: z.int(),
    missing: z.int(),
    late: z.int(),
    returned: z.int(),
  }),
);
export type DispatchRoundCounts = z.infer<typeof dispatchRoundCounts>;

export const dispatchRound = lazy(() =>
  z.object({
    id: id,
    regionId: id,
    regionName: z.string(),
    year: z.int(),
    month: dispatchMonth,
    deadline: isoDate,
    /** Effective today: closed by hand, or past the deadline unless reopened. */
    status: z.enum(dispatchRoundStatuses),
    closedAt: z.string().nullable(),
    reopenedAt: z.string().nullable(),
    includeReserve: z.boolean(),
    counts: dispatchRoundCounts,
    createdAt: z.string(),
    updatedAt: z.string(),
    version: version,
  }),
);
export type DispatchRound = z.infer<typeof dispatchRound>;

export const dispatchRoundCreate = lazy(() =>
  z.strictObject({
    month: dispatchMonth,
    /** Default: the month's 25th (the region's setting). Must fall in or after the month. */
    deadline: isoDate.optional(),
    /** Default: every implementation project (实施类) of the month's year in the admin's scope. */
    projectIds: z.array(id).min(1).max(20_000).optional(),
    /** With no projectIds: add the reserve projects (储备类) too. */
    includeReserve: z.boolean().default(false),
  }),
);
export type DispatchRoundCreate = z.infer<typeof dispatchRoundCreate>;

export const dispatchRoundQuery = lazy(() => z.strictObject({ year: year.optional() }));
export type DispatchRoundQuery = z.infer<typeof dispatchRoundQuery>;

export const dispatchRoundList = lazy(() => z.object({ items: z.array(dispatchRound) }));
export type DispatchRoundList = z.infer<typeof dispatchRoundList>;

/** Close or reopen by hand: the version the admin read. */
export const dispatchRoundChange = lazy(() => z.strictObject({ version: version }));
export type DispatchRoundChange = z.infer<typeof dispatchRoundChange>;

export const dispatchStageUpdate = lazy(() =>
  z.strictObject({
    key: text(50).min(1),
    actualStart: isoDate.nullable(),
    actualFinish: isoDate.nullable(),
  }),
);

/** A report's draft as the phone saves it (every field may still be empty). */
export const dispatchReportDraft = lazy(() =>
  z.strictObject({
    /** 本月完成投资, 元. */
    completedThisMonth: yuan.nullable().default(null),
    /** 形象进度 */
    progressText: text(2000).nullable().default(null),
    workersOnSite: int(0, 1_000_000).nullable().default(null),
    /** 到位资金, 元. */
    fundsInPlace: yuan.nullable().default(null),
    /** 纳统 */
    statsIncluded: z.boolean().nullable().default(null),
    statsCode: text(50).nullable().default(null),
    statsDate: isoDate.nullable().default(null),
    /** 存在问题: a list of texts until problems are their own entity. */
    problems: z.array(text(500).min(1)).max(50).default([]),
    /** 下一步计划 */
    nextMonthPlan: text(2000).nullable().default(null),
    stages: z.array(dispatchStageUpdate).max(100).default([]),
    /** One per draft: the same draft sent twice (offline, retried) is stored once. */
    idempotencyKey: z.string().uuid(),
    /** The version the reporter read; absent on the first save. */
    version: version.optional(),
  }),
);
export type DispatchReportDraft = z.infer<typeof dispatchReportDraft>;

/** Submit: the draft, and the reporter's confirmation of the warnings (not errors). */
export const dispatchReportSubmit = lazy(() =>
  dispatchReportDraft.extend({
    confirmWarnings: z.boolean().default(false),
  }),
);
export type DispatchReportSubmit = z.infer<typeof dispatchReportSubmit>;

export const dispatchReportIssue = lazy(() =>
  z.object({
    code: z.string(),
    severity: z.enum(['error', 'warning']),
    path: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    message: z.string().optional(),
  }),
);

export const dispatchReport = lazy(() =>
  z.object({
    id: id,
    roundId: id,
    projectId: id,
    status: z.enum(dispatchReportStatuses),
    completedThisMonth: z.int().nullable(),
    progressText: z.string().nullable(),
    workersOnSite: z.int().nullable(),
    fundsInPlace: z.int().nullable(),
    statsIncluded: z.boolean().nullable(),
    statsCode: z.string().nullable(),
    statsDate: z.string().nullable(),
    problems: z.array(z.string()),
    nextMonthPlan: z.string().nullable(),
    stages: z.array(dispatchStageUpdate),
    submittedAt: z.string().nullable(),
    late: z.boolean(),
    returnReason: z.string().nullable(),
    idempotencyKey: z.string(),
    /** Warnings the reporter confirmed (or should confirm) on this report. */
    issues: z.array(dispatchReportIssue),
    /** The report's photos, oldest first (POST …/reports/:projectId/photos adds one). */
    photos: z.array(dispatchPhoto),
    updatedAt: z.string(),
    version: version,
  }),
);
export type DispatchReport = z.infer<typeof dispatchReport>;

/** Accept a submitted report: the version the admin read. */
export const dispatchReportAccept = lazy(() => z.strictObject({ version: version }));
export type DispatchReportAccept = z.infer<typeof dispatchReportAccept>;

/** Return a submitted report to the task force with a reason (退回). */
export const dispatchReportReturn = lazy(() =>
  z.strictObject({ reason: text(500).min(1), version: version }),
);
export type DispatchReportReturn = z.infer<typeof dispatchReportReturn>;

/** A kept version of a report: each submission, acceptance and return, oldest first. */
export const dispatchReportVersion = lazy(() =>
  z.object({
    version: z.int(),
    status: z.enum(dispatchReportStatuses),
    at: z.string(),
    byName: z.string().nullable(),
    completedThisMonth: z.int().nullable(),
    progressText: z.string().nullable(),
    workersOnSite: z.int().nullable(),
    fundsInPlace: z.int().nullable(),
    problems: z.array(z.string()),
    nextMonthPlan: z.string().nullable(),
    late: z.boolean(),
    returnReason: z.string().nullable(),
  }),
);
export type DispatchReportVersion = z.infer<typeof dispatchReportVersion>;

export const dispatchReportVersionList = lazy(() => z.object({ items: z.array(dispatchReportVersion) }));
export type DispatchReportVersionList = z.infer<typeof dispatchReportVersionList>;

export const dispatchTableRow = lazy(() =>
  z.object({
    projectId: id,
    name: z.string(),
    level: z.string(),
    category: z.string(),
    regionName: z.string(),
    /** 年度计划投资, 元 */
    annualPlan: z.int(),
    /** 本月完成 (0 when not reported) */
    completedThisMonth: z.int(),
    /** 1-N月累计 */
    completedYtd: z.int(),
    /** 完成率 % (one decimal); null without a plan. */
    completionRate: z.number().nullable(),
    /** 序时进度: annual plan × N / 12, 元 */
    pacePlan: z.int(),
    /** The pace warning of PRODUCT.md; null without a plan. */
    paceWarning: z.enum(['green', 'yellow', 'red']).nullable(),
    /** The 纳统 warning; null when it does not apply. */
    statsWarning: z.enum(['green', 'yellow', 'red']).nullable(),
    /** The data-reporting warning. */
    reportingWarning: z.enum(['green', 'yellow', 'red']),
    reportStatus: z.enum(dispatchReportStatuses).nullable(),
    late: z.boolean(),
    /** 形象进度: the report's, else the ledger's imported one. */
    progressText: z.string().nullable(),
    /** 当前工序 (the schedule's; null until reports carry it). */
    currentStage: z.string().nullable(),
    problems: z.array(z.string()),
    nextMonthPlan: z.string().nullable(),
  }),
);
export type DispatchTableRow = z.infer<typeof dispatchTableRow>;

export const dispatchTableTotals = lazy(() =>
  z.object({
    projects: z.int(),
    annualPlan: z.int(),
    completedThisMonth: z.int(),
    completedYtd: z.int(),
    completionRate: z.number().nullable(),
    pacePlan: z.int(),
  }),
);
export type DispatchTableTotals = z.infer<typeof dispatchTableTotals>;

export const dispatchTable = lazy(() =>
  z.object({
    round: dispatchRound,
    /** 序时进度 of the month in percent: after 3 months, 25. */
    paceRate: z.number(),
    rows: z.array(dispatchTableRow),
    totals: dispatchTableTotals,
  }),
);
export type DispatchTable = z.infer<typeof dispatchTable>;

/** The groupings of a round's figures (issue 10, item 5): 按级别、乡镇、包保领导、责任部门. */
export const dispatchFigureGroupings = ['level', 'town', 'leader', 'department'] as const;

export const dispatchFiguresQuery = lazy(() =>
  z.strictObject({
    by: z.enum(dispatchFigureGroupings).default('level'),
  }),
);
export type DispatchFiguresQuery = z.infer<typeof dispatchFiguresQuery>;

const warningCounts = lazy(() => z.object({ yellow: z.int(), red: z.int() }));

export const dispatchFiguresGroup = lazy(() =>
  z.object({
    /** The level ('province' | 'city' | 'county'), the region id, the person id or the department id; 'none' when unassigned. */
    key: z.string(),
    label: z.string(),
    projects: z.int(),
    /** 年度计划投资, 元 */
    annualPlan: z.int(),
    /** 1-N月累计, 元 */
    completedYtd: z.int(),
    /** 完成率 % (one decimal); null without a plan. */
    completionRate: z.number().nullable(),
    /** 序时进度 of the group, 元 (the sum of its projects'). */
    pacePlan: z.int(),
    /** The pace warning of the group's sums; null without a plan. */
    paceWarning: z.enum(['green', 'yellow', 'red']).nullable(),
    reported: z.int(),
    missing: z.int(),
    late: z.int(),
    returned: z.int(),
    /** Projects with a yellow / red 纳统 warning. */
    statsWarnings: warningCounts,
    /** Projects with a yellow / red data-reporting warning. */
    reportingWarnings: warningCounts,
    /** The projects behind the group's figures, in the dispatch table's order. */
    projectIds: z.array(id),
  }),
);
export type DispatchFiguresGroup = z.infer<typeof dispatchFiguresGroup>;

export const dispatchFigures = lazy(() =>
  z.object({
    round: dispatchRound,
    by: z.enum(dispatchFigureGroupings),
    /** 序时进度 of the month in percent: after 3 months, 25. */
    paceRate: z.number(),
    /** The counts over the projects the reader sees (the round's own counts for its admin). */
    counts: dispatchRoundCounts,
    /** A group's figures over every project the reader sees (its counts are `counts`). */
    overall: dispatchFiguresGroup.omit({
      key: true,
      label: true,
      reported: true,
      missing: true,
      late: true,
      returned: true,
    }),
    groups: z.array(dispatchFiguresGroup),
  }),
);
export type DispatchFigures = z.infer<typeof dispatchFigures>;
