import type { MessageKey } from './messages.ts';

export type ErrorCode =
  | 'bad_request'
  | 'validation'
  | 'unauthenticated'
  | 'session_expired'
  | 'invalid_credentials'
  | 'locked'
  | 'inactive'
  | 'csrf'
  | 'forbidden'
  | 'forbidden_fields'
  | 'audit_auditor_only'
  | 'not_found'
  | 'version_conflict'
  | 'duplicate'
  | 'password_policy'
  | 'wrong_password'
  | 'out_of_scope_region'
  | 'invalid_reference'
  | 'region_level'
  | 'too_large'
  | 'not_spreadsheet'
  | 'encrypted_file'
  | 'corrupt_file'
  | 'legacy_xls'
  | 'import_no_header'
  | 'import_mapping'
  | 'import_has_errors'
  | 'import_expired'
  | 'schedule_invalid'
  | 'schedule_no_targets'
  | 'date_out_of_range'
  | 'calendar_year'
  | 'rate_limited'
  | 'internal';

/** Status of each code, checked exhaustively so a new code cannot go unmapped. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'bad_request':
    case 'validation':
    case 'password_policy':
    case 'invalid_reference':
    case 'region_level':
    case 'not_spreadsheet':
    case 'encrypted_file':
    case 'corrupt_file':
    case 'legacy_xls':
    case 'import_no_header':
    case 'import_mapping':
    case 'schedule_invalid':
    case 'calendar_year':
      return 400;
    case 'unauthenticated':
    case 'session_expired':
    case 'invalid_credentials':
      return 401;
    case 'csrf':
    case 'forbidden':
    case 'forbidden_fields':
    case 'audit_auditor_only':
    case 'out_of_scope_region':
    case 'inactive':
    case 'wrong_password':
      return 403;
    case 'not_found':
    case 'import_expired':
      return 404;
    case 'version_conflict':
    case 'duplicate':
      return 409;
    case 'too_large':
      return 413;
    case 'import_has_errors':
    case 'schedule_no_targets':
    case 'date_out_of_range':
      return 422;
    case 'locked':
      return 423;
    case 'rate_limited':
      return 429;
    case 'internal':
      return 500;
    default:
      return assertUnreachable(code);
  }
}

export function assertUnreachable(x: never): never {
  throw new Error(`unreachable: ${String(x)}`);
}

/** An expected failure with a user-facing message (translated when sent). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode & MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(code);
  }
}
