import { z } from 'zod';
import { lazy } from './lazy.ts';
import { importFields } from '@guatu/domain/ledger-import/fields';
import { moneyUnits } from '@guatu/domain/money';
import { id, INT4_MAX, text, year } from './common.ts';
import { ledgerQuery } from './projects.ts';

export const importField = lazy(() => z.enum(importFields));
export type ImportFieldName = z.infer<typeof importField>;
export const moneyUnit = lazy(() => z.enum(moneyUnits));

/** One column of the chosen sheet as detected: its header text and the field it maps to. */
export const importColumn = lazy(() =>
  z.object({
    index: z.int(),
    letter: z.string(),
    label: z.string(),
    /** The field the header suggests (null: not recognised or ignored, e.g. 序号). */
    suggested: importField.nullable(),
    /** The field in effect: the confirmed mapping, else a template's, else the suggestion. */
    field: importField.nullable(),
    unit: moneyUnit.nullable(),
    /** A few values under the header, for the wizard to show. */
    samples: z.array(z.string()),
  }),
);
export type ImportColumn = z.infer<typeof importColumn>;

export const importSheet = lazy(() =>
  z.object({
    name: z.string(),
    rows: z.int(),
    columns: z.int(),
    headerFound: z.boolean(),
  }),
);

export const importDetection = lazy(() =>
  z.object({
    sheet: z.string(),
    headerFound: z.boolean(),
    /** 1-based sheet rows of the header (two for a merged two-row header). */
    headerRows: z.array(z.int()),
    title: z.string().nullable(),
    /** Unit stated by a title or unit line (单位：万元); money columns without one use 万元. */
    unit: moneyUnit.nullable(),
    /** Year read from the title line or a column such as 2023年计划投资. */
    detectedYear: z.int().nullable(),
    columns: z.array(importColumn),
    /** The template applied, when one matched these headers or was asked for. */
    templateId: id.nullable(),
  }),
);
export type ImportDetection = z.infer<typeof importDetection>;

export const importTemplate = lazy(() =>
  z.object({
    id: id,
    name: z.string(),
    /** Header text (normalised) → field; null marks a column to ignore. */
    columns: z.array(z.object({ label: z.string(), field: importField.nullable() })),
    updatedAt: z.string(),
  }),
);
export type ImportTemplate = z.infer<typeof importTemplate>;
export const importTemplateList = lazy(() => z.object({ items: z.array(importTemplate) }));
export const importTemplateSave = lazy(() =>
  z.strictObject({
    name: text(100).min(1),
    columns: z
      .array(z.object({ label: text(200), field: importField.nullable() }))
      .min(1)
      .max(200),
  }),
);
export type ImportTemplateSave = z.infer<typeof importTemplateSave>;

/** Answer to the upload: the sheets, the chosen sheet's detected mapping and the saved templates. */
export const importUpload = lazy(() =>
  z.object({
    uploadId: z.string(),
    fileName: z.string(),
    expiresAt: z.string(),
    sheets: z.array(importSheet),
    detection: importDetection,
    templates: z.array(importTemplate),
  }),
);
export type ImportUpload = z.infer<typeof importUpload>;

/** The confirmed choices: sheet, year and mapping (by column index); anything left out is detected. */
export const importOptions = lazy(() =>
  z.strictObject({
    sheet: text(100).optional(),
    year: year.optional(),
    /** Every column the user confirmed or corrected; columns not listed keep the detected field. */
    mapping: z
      .array(
        z.strictObject({
          index: z.int().min(0).max(1000),
          field: importField.nullable(),
          unit: moneyUnit.nullable().optional(),
        }),
      )
      .max(1000)
      .optional(),
    templateId: id.optional(),
    /**
     * The jurisdiction, by code or name: on an empty system the user's confirmation of the one the
     * preview proposes (or the one to use when the file names none); the commit sets it up.
     */
    division: text(100).min(1).optional(),
    /** The user's answer to each near match: use the existing department/person (its id) or create it (null). */
    nearChoices: z
      .array(
        z.strictObject({
          kind: z.enum(['department', 'person']),
          name: text(200).min(1),
          existingId: id.nullable(),
        }),
      )
      .max(2000)
      .optional(),
  }),
);
export type ImportOptions = z.infer<typeof importOptions>;

/** The ledger's jurisdiction as found (title, else the rows' places, else the division asked for). */
export const importJurisdiction = lazy(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    /** With its ancestors: 山东省 德州市 乐陵市. */
    fullName: z.string(),
    source: z.enum(['title', 'rows', 'division']),
    /** The region tree is still empty: the commit sets this division up (after the user confirms it). */
    setUp: z.boolean(),
  }),
);
export type ImportJurisdiction = z.infer<typeof importJurisdiction>;

/** A name in the file that is almost an existing department or person: the user picks. */
export const importNearMatch = lazy(() =>
  z.object({
    kind: z.enum(['department', 'person']),
    name: z.string(),
    candidates: z.array(z.object({ id: id, name: z.string() })),
    /** In effect now: the existing one's id, or null when it will be created. */
    chosen: id.nullable(),
  }),
);
export type ImportNearMatch = z.infer<typeof importNearMatch>;

export const importPreviewRequest = lazy(() =>
  importOptions.extend({
    /** Which rows to return (all statuses by default); counts and issues always cover the whole sheet. */
    status: z.array(z.enum(['new', 'changed', 'unchanged', 'error'])).optional(),
    offset: z.int().min(0).max(INT4_MAX).default(0),
    limit: z.int().min(1).max(20_000).default(500),
  }),
);
export type ImportPreviewRequest = z.infer<typeof importPreviewRequest>;

export const importIssue = lazy(() =>
  z.object({
    sheet: z.string(),
    row: z.int(),
    /** Excel column letter, or null for the row as a whole. */
    column: z.string().nullable(),
    field: importField.nullable(),
    severity: z.enum(['error', 'warning']),
    /** The reason (bad_number, unknown_town, …): the client words it with `params`. */
    code: z.string(),
    /** `value`: the cell's text as read (user data, quoted as it is). */
    params: z.object({ value: z.string() }),
    /** The reason worded by the server in the caller's language (the CLI's and a fallback). */
    message: z.string(),
  }),
);
export type ImportIssue = z.infer<typeof importIssue>;

const diffValue = lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null()]));
export const importPreviewRow = lazy(() =>
  z.object({
    row: z.int(),
    status: z.enum(['new', 'changed', 'unchanged', 'error']),
    projectId: id.nullable(),
    name: z.string().nullable(),
    code: z.string().nullable(),
    /** Changed fields (project field names; money in yuan; town/leader/department by name). */
    diff: z.array(z.object({ field: z.string(), label: z.string(), before: diffValue, after: diffValue })),
    issues: z.array(importIssue),
  }),
);
export type ImportPreviewRow = z.infer<typeof importPreviewRow>;

export const importCounts = lazy(() =>
  z.object({
    rows: z.int(),
    new: z.int(),
    changed: z.int(),
    unchanged: z.int(),
    error: z.int(),
    skipped: z.int(),
    warnings: z.int(),
  }),
);
export type ImportCounts = z.infer<typeof importCounts>;

export const importPreview = lazy(() =>
  z.object({
    uploadId: z.string(),
    year: z.int(),
    detection: importDetection,
    counts: importCounts,
    /** Rows of the requested statuses, offset/limit applied, in sheet order. */
    rows: z.array(importPreviewRow),
    /** Every error and warning of the sheet, in sheet order (not paged). */
    issues: z.array(importIssue),
    skipped: z.array(
      z.object({
        row: z.int(),
        reason: z.enum(['blank', 'total', 'section', 'note']),
        text: z.string().nullable(),
      }),
    ),
    jurisdiction: importJurisdiction.nullable(),
    /** 将新建: departments and people the file names that do not exist yet, created with the commit. */
    toCreate: z.object({ departments: z.array(z.string()), people: z.array(z.string()) }),
    nearMatches: z.array(importNearMatch),
  }),
);
export type ImportPreview = z.infer<typeof importPreview>;

export const importCommitRequest = lazy(() =>
  importOptions.extend({
    /** Save the mapping used as a template under this name (replacing one of the same name). */
    saveTemplate: text(100).min(1).optional(),
  }),
);
export type ImportCommitRequest = z.infer<typeof importCommitRequest>;

export const importCommitResult = lazy(() =>
  z.object({
    year: z.int(),
    counts: importCounts,
    createdIds: z.array(id),
    updatedIds: z.array(id),
    templateId: id.nullable(),
    /** What the commit created besides projects: the division set up (its code), departments and people. */
    created: z.object({
      division: z.string().nullable(),
      departments: z.array(z.string()),
      people: z.array(z.string()),
    }),
  }),
);
export type ImportCommitResult = z.infer<typeof importCommitResult>;

/** The export takes the ledger's filters (without paging). */
export const ledgerExportQuery = lazy(() => ledgerQuery.omit({ page: true, pageSize: true }));
export type LedgerExportQuery = z.infer<typeof ledgerExportQuery>;
export const exportTemplateQuery = lazy(() => z.strictObject({ year: year.optional() }));
