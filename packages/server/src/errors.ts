import type { ErrorCode, ErrorParamsOf } from '@guatu/contracts';
import type { MessageKey } from './messages.ts';

export type { ErrorCode };

/** Status of each code, checked exhaustively so a new code cannot go unmapped. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'bad_request':
    case 'validation':
    case 'password_policy':
    case 'password_common':
    case 'password_reused':
    case 'mfa_state':
      return 400;
    case 'mfa_invalid_code':
    case 'mfa_token_invalid':
      return 401;
    case 'mfa_setup_required':
    case 'mfa_officer_required':
      return 403;
    case 'invalid_reference':
    case 'region_level':
    case 'region_zone':
    case 'not_spreadsheet':
    case 'encrypted_file':
    case 'corrupt_file':
    case 'upload_size_mismatch':
    case 'legacy_xls':
    case 'import_no_header':
    case 'import_mapping':
    case 'attachment_type':
    case 'attachment_no_file':
    case 'schedule_invalid':
    case 'calendar_year':
    case 'backup_not_database':
    case 'backup_not_guatu':
    case 'backup_newer':
    case 'backup_wrong_engine':
      return 400;
    case 'backup_in_use':
      return 409;
    case 'unauthenticated':
    case 'session_expired':
    case 'invalid_credentials':
      return 401;
    case 'csrf':
    case 'forbidden':
    case 'forbidden_fields':
      return 403;
    case 'personal_data_masked':
      return 400;
    case 'personal_data_unreadable':
      return 500;
    case 'audit_auditor_only':
    case 'security_admin_only':
    case 'out_of_scope_region':
    case 'inactive':
    case 'wrong_password':
      return 403;
    case 'own_roles':
    case 'own_account':
    case 'password_change_required':
    case 'demo_remote':
      return 403;
    case 'roles_exclusive':
    case 'setup_password':
      return 400;
    case 'not_found':
    case 'import_expired':
    case 'division_unknown':
      return 404;
    case 'version_conflict':
    case 'duplicate':
    case 'person_in_use':
    case 'person_linked':
    case 'division_ambiguous':
    case 'division_outside':
    case 'division_parent_missing':
    case 'setup_other_tree':
    case 'setup_has_projects':
    case 'demo_after_setup':
    case 'dispatch_round_closed':
    case 'dispatch_report_not_submitted':
    case 'dispatch_report_locked':
      return 409;
    case 'dispatch_photo_type':
      return 415;
    case 'dispatch_photo_too_many_pixels':
    case 'dispatch_photo_unreadable':
      return 422;
    case 'dispatch_deadline_before_month':
      return 400;
    case 'dispatch_no_projects':
    case 'dispatch_report_invalid':
      return 422;
    case 'too_large':
    case 'upload_too_many_entries':
    case 'upload_unpacked_too_large':
    case 'upload_compression_ratio':
    case 'upload_too_many_rows':
    case 'upload_too_many_cells':
    case 'upload_line_too_long':
    case 'upload_parse_memory':
      return 413;
    case 'import_has_errors':
    case 'import_other_jurisdiction':
    case 'import_jurisdiction_unknown':
    case 'import_jurisdiction_unconfirmed':
    case 'upload_parse_timeout':
    case 'schedule_no_targets':
    case 'date_out_of_range':
      return 422;
    case 'locked':
      return 423;
    case 'rate_limited':
      return 429;
    case 'conflict':
      return 409;
    case 'backup_tool_missing':
    case 'backup_failed':
      return 500;
    case 'internal':
      return 500;
    default:
      return assertUnreachable(code);
  }
}

export function assertUnreachable(x: never): never {
  throw new Error(`unreachable: ${String(x)}`);
}

/**
 * An expected failure with a user-facing message (translated when sent). The codes and the params
 * each carries are in packages/contracts/src/errors.ts; the params go to the client as they are.
 */
export class AppError<C extends ErrorCode & MessageKey = ErrorCode & MessageKey> extends Error {
  readonly params: Record<string, string | number>;
  constructor(
    readonly code: C,
    params: ErrorParamsOf<C> = {} as ErrorParamsOf<C>,
    readonly details?: unknown,
  ) {
    super(code);
    this.params = params as Record<string, string | number>;
  }
}
