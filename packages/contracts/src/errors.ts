import { z } from 'zod';
import { lazy } from './lazy.ts';

/**
 * Every error code the API answers, in one list: the server maps each to a status by an
 * exhaustive switch (packages/server/src/errors.ts) and words it in zh-CN/en-US
 * (packages/server/src/messages.ts); the web words it from its own dictionaries
 * (packages/web/src/i18n/errors.*.ts) with `params`, falling back to the server's `message`.
 */
export const errorCodes = [
  'bad_request',
  'validation',
  'unauthenticated',
  'session_expired',
  'invalid_credentials',
  'locked',
  'inactive',
  'csrf',
  'forbidden',
  'forbidden_fields',
  'personal_data_masked',
  'personal_data_unreadable',
  'audit_auditor_only',
  'security_admin_only',
  'not_found',
  'version_conflict',
  'duplicate',
  'password_policy',
  'password_common',
  'password_reused',
  'mfa_setup_required',
  'mfa_invalid_code',
  'mfa_token_invalid',
  'mfa_state',
  'mfa_officer_required',
  'wrong_password',
  'roles_exclusive',
  'own_roles',
  'own_account',
  'person_in_use',
  'person_linked',
  'password_change_required',
  'demo_remote',
  'setup_password',
  'out_of_scope_region',
  'invalid_reference',
  'region_level',
  'region_zone',
  'division_unknown',
  'division_ambiguous',
  'division_outside',
  'division_parent_missing',
  'setup_other_tree',
  'setup_has_projects',
  'demo_after_setup',
  'dispatch_no_projects',
  'dispatch_deadline_before_month',
  'dispatch_round_closed',
  'dispatch_report_invalid',
  'dispatch_report_not_submitted',
  'dispatch_report_locked',
  'dispatch_photo_type',
  'dispatch_photo_too_many_pixels',
  'dispatch_photo_unreadable',
  'too_large',
  'not_spreadsheet',
  'encrypted_file',
  'corrupt_file',
  'upload_size_mismatch',
  'upload_too_many_entries',
  'upload_unpacked_too_large',
  'upload_compression_ratio',
  'upload_too_many_rows',
  'upload_too_many_cells',
  'upload_line_too_long',
  'upload_parse_memory',
  'upload_parse_timeout',
  'legacy_xls',
  'import_no_header',
  'import_mapping',
  'attachment_type',
  'attachment_no_file',
  'import_has_errors',
  'import_expired',
  'import_other_jurisdiction',
  'import_jurisdiction_unknown',
  'import_jurisdiction_unconfirmed',
  'schedule_invalid',
  'schedule_no_targets',
  'date_out_of_range',
  'calendar_year',
  'backup_not_database',
  'backup_not_guatu',
  'backup_newer',
  'backup_wrong_engine',
  'backup_tool_missing',
  'backup_failed',
  'backup_in_use',
  'rate_limited',
  'conflict',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Whether a string is one of the API's error codes. */
export const isErrorCode = (code: string): code is ErrorCode =>
  (errorCodes as readonly string[]).includes(code);

/** An upload budget as the user reads it: '20 MB', '100,000', 30 (seconds), 100 (ratio). */
type Limit = { limit: string | number };

/**
 * The `params` each code carries (words are codes or user data, never a sentence): the web fills
 * its own wording with them. Codes not listed carry none, or only a free `detail`.
 */
export interface ErrorParams {
  /** `reason` (no_file, not_multipart) words `detail` in the request's language. */
  bad_request: { detail: string; reason?: string };
  locked: { until: string };
  forbidden_fields: { fields: string };
  personal_data_unreadable: { column: string; id: string | number };
  /** `entity` is a code (project, user, region, …) the client names. */
  not_found: { entity: string };
  /**
   * `by` is the last editor's name; `byKind: 'system'` when no user made the change (then `by` is
   * '' and the client names the system in its language); `byKind: 'unrecorded'` when the table does
   * not record its editor (regions, departments, users; then `by` and `at` are '', worded without them).
   */
  version_conflict: { by: string; byKind?: 'user' | 'system' | 'unrecorded'; at: string };
  /** `field` is a code (code, username, department, template, baseline, calendarYear). */
  duplicate: { field: string; value: string };
  password_reused: { count: number };
  /** The person (`name`) still leads `leads` and serves on `serves` projects: not deleted. */
  person_in_use: { name: string; leads: number; serves: number };
  /** The person (`name`) is already linked to the account `username`. */
  person_linked: { name: string; username: string };
  setup_password: { variable: string };
  /** `field` is the request's field name (regionId, departmentId, leaderId, taskForceIds). */
  invalid_reference: { field: string; value: string | number };
  region_level: { parent: string; child: string };
  /** A development zone is town-level, under a county or a city, and has no official code. */
  region_zone: { parent: string };
  /** `query` as given (a code or a name) names no province, city or county. */
  division_unknown: { query: string };
  /** `query` names `count` divisions; `details` lists them (contracts `divisionCandidates`). */
  division_ambiguous: { query: string; count: number };
  /** The division (`name`, `code`) is not inside the deployment's own division (`root`). */
  division_outside: { name: string; code: string; root: string };
  /** The division's parent division (`parent`) is not in the region tree yet: add it first. */
  division_parent_missing: { name: string; parent: string };
  /** The system is set up as another division (`name`, `code`). */
  setup_other_tree: { name: string; code: string };
  /** The system already holds `count` projects under an unofficial root region. */
  setup_has_projects: { count: number };
  /** The system is set up from the official divisions (root `name`, `code`): the demo cannot be loaded into it. */
  demo_after_setup: { name: string; code: string };
  /** No implementation project (实施类) of the year is in the admin's scope: no round to open. */
  dispatch_no_projects: { year: number };
  /** A round's deadline falls before its month (`month` 'YYYY-MM', `deadline` 'YYYY-MM-DD'). */
  dispatch_deadline_before_month: { month: string; deadline: string };
  /** The round of `month` is closed: reports wait until the admin reopens it. */
  dispatch_round_closed: { month: string };
  /** The report has `errors` errors (or `warnings` unconfirmed warnings); `details` lists them. */
  dispatch_report_invalid: { errors: number; warnings: number };
  /** Only a submitted report is accepted or returned; this one is `status` (draft, accepted, returned). */
  dispatch_report_not_submitted: { status: string };
  /** The report is `status` (submitted, accepted): its photos change only while it is a draft or returned. */
  dispatch_report_locked: { status: string };
  /** A report photo must be a JPEG, PNG, WebP or HEIC image; `type` is what the bytes are ('?' unknown). */
  dispatch_photo_type: { type: string };
  /** The image has `megapixels` million pixels, more than the `limit` (million) accepted. */
  dispatch_photo_too_many_pixels: { megapixels: number; limit: number };
  /** The image could not be decoded (damaged, cut short, or a kind the server cannot read: `type`). */
  dispatch_photo_unreadable: { type: string };
  too_large: Limit;
  upload_too_many_entries: Limit;
  upload_unpacked_too_large: Limit;
  upload_compression_ratio: Limit;
  upload_too_many_rows: Limit;
  upload_too_many_cells: Limit;
  upload_line_too_long: Limit;
  upload_parse_memory: Limit;
  upload_parse_timeout: Limit;
  import_no_header: { sheet: string };
  /**
   * `reason` names what is wrong: no_sheet (`sheet`), field_twice (`field`, a field code, and
   * `columns`, column letters), name_unmapped; `detail` is the server's wording of it.
   */
  import_mapping: {
    reason: 'no_sheet' | 'field_twice' | 'name_unmapped';
    detail?: string;
    sheet?: string;
    field?: string;
    /** The field's zh-CN label, for the zh-CN wording. */
    label?: string;
    columns?: string;
  };
  /** `type` is the MIME type read from the file's content, or '?' when it is not recognised. */
  attachment_type: { type: string };
  import_has_errors: { count: number };
  /** The ledger's jurisdiction (`ledger`, from its title) is not the importer's (`yours`): both are names. */
  import_other_jurisdiction: { ledger: string; yours: string };
  /** An empty system, and neither the file nor the request names a jurisdiction (`division` as given, or ''). */
  import_jurisdiction_unknown: { division: string };
  /** An empty system: the commit must confirm the proposed jurisdiction (`proposed`, a name; `code`). */
  import_jurisdiction_unconfirmed: { proposed: string; code: string };
  /** `reason` is the domain's schedule error code (cycle, unknown_stage, …); `detail` its wording. */
  /** `detail` is worded in the request's language from `reason` and the names (stage, key, date, …). */
  schedule_invalid: { detail: string; reason?: string } & Partial<
    Record<
      | 'stage'
      | 'key'
      | 'date'
      | 'start'
      | 'finish'
      | 'today'
      | 'duration'
      | 'dep'
      | 'type'
      | 'lag'
      | 'stages',
      string
    >
  >;
  /**
   * Outside the working-day calendar's `first`..`last`: `reason` date (a `date`), stage_start or
   * stage_end (a `stage`, by name, planned before the first or after the last day); `detail` is
   * the server's wording of the reason.
   */
  date_out_of_range: {
    reason: 'date' | 'stage_start' | 'stage_end';
    date?: string;
    stage?: string;
    first: string;
    last: string;
    detail?: string;
  };
  calendar_year: { next: number; last: number };
}

/** The params of one code: its entry in `ErrorParams`, else free words. */
export type ErrorParamsOf<C extends ErrorCode> = C extends keyof ErrorParams
  ? ErrorParams[C]
  : Record<string, string | number>;

/** Every error the API returns has this shape; `message` is in the caller's language. */
export const errorBody = lazy(() =>
  z.object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      /** What the message is made from (see `ErrorParams`), for the client to word it itself. */
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      details: z.unknown().optional(),
    }),
  }),
);
export type ErrorBody = z.infer<typeof errorBody>;
