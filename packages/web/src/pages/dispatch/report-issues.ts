import type { DispatchReport } from '@guatu/contracts';
import { ApiError } from '../../api/client.ts';
import type { MessageKey, Translate } from '../../i18n/index.tsx';
import { formatWan } from '../../format.ts';
import type { LocalIssue } from './report-form-state.ts';

/**
 * The dispatch report's issues (domain validate-report.ts: a code, a severity, the field's path and
 * params) as the form shows them at their fields, in 万元 like the form.
 */
export type FieldIssue = {
  code: string;
  severity: 'error' | 'warning';
  path: string;
  params: Record<string, string | number>;
};

/** The issues of a refused submission (`dispatch_report_invalid`, details `{path, reason, params, severity}`). */
export function issuesOfError(e: unknown): FieldIssue[] | null {
  if (!(e instanceof ApiError) || e.code !== 'dispatch_report_invalid' || !Array.isArray(e.details))
    return null;
  return (e.details as Array<Record<string, unknown>>).map((d) => ({
    code: String(d.reason ?? d.code ?? ''),
    severity: d.severity === 'warning' ? 'warning' : 'error',
    path: String(d.path ?? ''),
    params: (d.params ?? {}) as FieldIssue['params'],
  }));
}

/** The warnings a saved draft carries (the server checks each save). */
export const issuesOfReport = (r: DispatchReport | null): FieldIssue[] =>
  (r?.issues ?? []).map(({ code, severity, path, params }) => ({ code, severity, path, params }));

const moneyParams = ['value', 'ytd', 'totalInvestment', 'amount', 'usual', 'remaining'];

/** An issue in the reader's language; amounts in 万元. */
export function issueText(issue: FieldIssue, t: Translate): string {
  const params: Record<string, string | number> = { ...issue.params };
  const money = issue.path === 'completedThisMonth' || issue.path === 'fundsInPlace';
  for (const k of moneyParams)
    if (money && typeof params[k] === 'number') params[k] = formatWan(params[k] as number);
  if (issue.code === 'dispatch_amount_invalid' && params.value === undefined)
    return t('dispatchReport.issue.required');
  // The page's own wording (in 万元), else the dispatch dictionary's (stage issues), else the code.
  for (const key of [`dispatchReport.issue.${issue.code}`, `dispatch.issue.${issue.code}`])
    if (isKnown(key, t)) return t(key as MessageKey, params);
  return issue.code;
}

/** A check the phone makes before sending (a number that does not parse, a negative one). */
export const localIssueText = (issue: LocalIssue, t: Translate) => t(`dispatchReport.local.${issue}`);

const isKnown = (key: string, t: Translate) => t(key as MessageKey) !== key;

/** The field a path belongs to: 'stages.<key>' → the stage's row. */
export const issuesAt = (issues: FieldIssue[], path: string) => issues.filter((i) => i.path === path);
