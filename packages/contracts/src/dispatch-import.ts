import { z } from 'zod';
import { lazy } from './lazy.ts';
import { dispatchReportStatuses } from './dispatch.ts';
import { int } from './common.ts';

/**
 * Importing a filled dispatch table (调度表) into a round (issue 10, item 6): upload → a session
 * with its preview → commit (all or nothing) or discard. Money is integer yuan.
 */
export const dispatchImportFields = [
  'seq',
  'name',
  'annualPlan',
  'completedThisMonth',
  'completedYtd',
  'progressText',
  'currentStage',
  'problems',
  'nextMonthPlan',
] as const;

/**
 * new: a submitted report where there is none; replace: replaces a draft or a returned report;
 * conflict: the task force's submitted (or an accepted) report differs — kept unless the commit
 * says `overwrite`; unchanged: nothing to write; error: the row keeps the whole file out.
 */
export const dispatchImportActions = ['new', 'replace', 'conflict', 'unchanged', 'error'] as const;

export const dispatchImportSessionParams = lazy(() =>
  z.strictObject({
    id: z.coerce.number().int().positive().max(2147483647),
    sessionId: z.string().min(10).max(64),
  }),
);

export const dispatchImportColumn = lazy(() =>
  z.object({
    index: z.int(),
    letter: z.string(),
    label: z.string(),
    field: z.enum(dispatchImportFields).nullable(),
  }),
);
export type DispatchImportColumn = z.infer<typeof dispatchImportColumn>;

export const dispatchImportIssue = lazy(() =>
  z.object({
    row: z.int(),
    column: z.string().nullable(),
    code: z.string(),
    severity: z.enum(['error', 'warning']),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    message: z.string(),
  }),
);
export type DispatchImportIssue = z.infer<typeof dispatchImportIssue>;

const figures = lazy(() => z.object({ completedThisMonth: z.int(), completedYtd: z.int() }));

export const dispatchImportRow = lazy(() =>
  z.object({
    row: z.int(),
    name: z.string().nullable(),
    projectId: z.int().nullable(),
    /** The round project's name when matched (a near name differs from `name`). */
    projectName: z.string().nullable(),
    action: z.enum(dispatchImportActions),
    reportStatus: z.enum(dispatchReportStatuses).nullable(),
    /** What the dispatch table shows now; null when unmatched. */
    before: figures.nullable(),
    /** What the report will hold; null when nothing is written (unchanged, error). */
    next: figures
      .extend({
        progressText: z.string().nullable(),
        problems: z.array(z.string()),
        nextMonthPlan: z.string().nullable(),
      })
      .nullable(),
    issues: z.array(dispatchImportIssue),
  }),
);
export type DispatchImportRow = z.infer<typeof dispatchImportRow>;

export const dispatchImportCounts = lazy(() =>
  z.object({
    rows: z.int(),
    new: z.int(),
    replace: z.int(),
    conflict: z.int(),
    unchanged: z.int(),
    error: z.int(),
    skipped: z.int(),
    warnings: z.int(),
  }),
);
export type DispatchImportCounts = z.infer<typeof dispatchImportCounts>;

export const dispatchImportPreview = lazy(() =>
  z.object({
    sessionId: z.string(),
    roundId: z.int(),
    month: z.string(),
    fileName: z.string(),
    expiresAt: z.string(),
    sheet: z.string(),
    columns: z.array(dispatchImportColumn),
    counts: dispatchImportCounts,
    /** Every data row, in sheet order. */
    rows: z.array(dispatchImportRow),
    /** Names in the file that match no project of the round. */
    unmatched: z.array(z.string()),
    /** Rows skipped as blank, 合计/小计, section or note rows. */
    skipped: z.array(
      z.object({
        row: z.int(),
        reason: z.enum(['blank', 'total', 'section', 'note']),
        text: z.string().nullable(),
      }),
    ),
  }),
);
export type DispatchImportPreview = z.infer<typeof dispatchImportPreview>;

/** A column's field as the admin confirms it (by 0-based column index; null: not read). */
export const dispatchImportMapping = lazy(() =>
  z.array(z.strictObject({ index: int(0, 16_383), field: z.enum(dispatchImportFields).nullable() })).max(200),
);

export const dispatchImportPreviewRequest = lazy(() =>
  z.strictObject({ mapping: dispatchImportMapping.optional() }),
);
export type DispatchImportPreviewRequest = z.infer<typeof dispatchImportPreviewRequest>;

export const dispatchImportCommitRequest = lazy(() =>
  z.strictObject({
    mapping: dispatchImportMapping.optional(),
    /** Overwrite the conflicts too (reports the task force submitted or the admin accepted). */
    overwrite: z.boolean().default(false),
  }),
);
export type DispatchImportCommitRequest = z.infer<typeof dispatchImportCommitRequest>;

export const dispatchImportResult = lazy(() =>
  z.object({
    counts: dispatchImportCounts,
    /** Projects whose report was written (new, replaced, or overwritten conflicts). */
    written: z.array(z.int()),
    /** Conflicts left as they were (no `overwrite`). */
    keptConflicts: z.array(z.int()),
  }),
);
export type DispatchImportResult = z.infer<typeof dispatchImportResult>;
