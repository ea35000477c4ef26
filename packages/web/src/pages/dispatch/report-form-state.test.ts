import { describe, expect, it } from 'vitest';
import type { DispatchReport } from '@guatu/contracts';
import {
  daysUntil,
  draftOf,
  emptyForm,
  formOf,
  localIssues,
  newUuid,
  parseNumber,
  wanTextOfYuan,
  yuanOfWanText,
  ytdWithThisMonth,
} from './report-form-state.ts';
import { dispatchReportEnUS } from '../../i18n/dispatch-report.en-US.ts';
import { dispatchReportZhCN } from '../../i18n/dispatch-report.zh-CN.ts';
import { issueText } from './report-issues.ts';
import type { Translate } from '../../i18n/index.tsx';

const KEY = '0b8e1a52-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

describe('the phone report form', () => {
  it('converts 万元 as typed to integer 元 once, rounding half away from zero', () => {
    expect(yuanOfWanText('123.45')).toBe(1_234_500);
    expect(yuanOfWanText(' 1,200 ')).toBe(12_000_000);
    expect(yuanOfWanText('０.５')).toBe(5_000); // full-width digits from a Chinese keyboard
    expect(yuanOfWanText('0.00005')).toBe(1); // 0.5 元 → 1 元
    expect(yuanOfWanText('')).toBeNull();
    expect(yuanOfWanText('12万')).toBe('invalid');
    expect(wanTextOfYuan(1_234_500)).toBe('123.45');
    expect(wanTextOfYuan(null)).toBe('');
    expect(parseNumber('1.2.3')).toEqual({ kind: 'invalid' });
  });

  it('computes 1-N月累计 as the earlier months plus what is typed, never typed twice', () => {
    // Row of a submitted report: YTD 500万 of which this month 100万; retyped as 150万 → 400 + 150.
    expect(ytdWithThisMonth({ completedYtd: 5_000_000, completedThisMonth: 1_000_000 }, 1_500_000)).toBe(
      5_500_000,
    );
    // Not yet counted (draft): YTD 400万 + typed 80万.
    expect(ytdWithThisMonth({ completedYtd: 4_000_000, completedThisMonth: 0 }, 800_000)).toBe(4_800_000);
    expect(ytdWithThisMonth({ completedYtd: 4_000_000, completedThisMonth: 0 }, null)).toBe(4_000_000);
  });

  it('flags what cannot be sent before sending, and sends it empty', () => {
    const form = { ...emptyForm, completedWan: 'abc', fundsWan: '-3', workers: '2.5' };
    expect(localIssues(form)).toEqual({
      completedThisMonth: 'not_number',
      fundsInPlace: 'negative',
      workersOnSite: 'not_whole',
    });
    const draft = draftOf(form, KEY, 3);
    expect(draft).toMatchObject({
      completedThisMonth: null,
      fundsInPlace: null,
      workersOnSite: null,
      version: 3,
    });
  });

  it('makes the draft the API takes: trimmed texts, problems without blanks, 纳统 only when on', () => {
    const form = {
      ...emptyForm,
      completedWan: '85.5',
      fundsWan: '100',
      workers: '46',
      progressText: ' 主体三层 ',
      problems: ['用地手续未办结', '  ', '资金缺口'],
      statsIncluded: false,
      statsCode: 'X1',
      stages: [
        { key: 'construction', actualStart: '2026-10-08', actualFinish: null },
        { key: 'acceptance', actualStart: null, actualFinish: null },
      ],
    };
    expect(draftOf(form, KEY, undefined)).toEqual({
      completedThisMonth: 855_000,
      progressText: '主体三层',
      workersOnSite: 46,
      fundsInPlace: 1_000_000,
      statsIncluded: false,
      statsCode: null,
      statsDate: null,
      problems: ['用地手续未办结', '资金缺口'],
      nextMonthPlan: null,
      stages: [{ key: 'construction', actualStart: '2026-10-08', actualFinish: null }],
      idempotencyKey: KEY,
    });
  });

  it('reads a stored report back into the form', () => {
    const r = {
      completedThisMonth: 855_000,
      fundsInPlace: null,
      workersOnSite: 12,
      progressText: null,
      statsIncluded: true,
      statsCode: '3714812023001',
      statsDate: '2026-05-10',
      problems: ['a'],
      nextMonthPlan: 'b',
      stages: [],
    } as unknown as DispatchReport;
    expect(formOf(r)).toEqual({
      ...emptyForm,
      completedWan: '85.5',
      workers: '12',
      statsIncluded: true,
      statsCode: '3714812023001',
      statsDate: '2026-05-10',
      problems: ['a'],
      nextMonthPlan: 'b',
    });
  });

  it('counts the days to the deadline on the calendar', () => {
    expect(daysUntil('2026-11-30', '2026-11-29')).toBe(1);
    expect(daysUntil('2026-11-25', '2026-11-25')).toBe(0);
    expect(daysUntil('2026-11-25', '2026-11-29')).toBe(-4);
    expect(newUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('words the server issues in 万元, in both languages', () => {
    const tr =
      (dict: Record<string, string>): Translate =>
      (key, vars) => {
        let s = dict[key] ?? key;
        for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{${k}}`, String(v));
        return s;
      };
    const issue = {
      code: 'dispatch_amount_above_remaining_plan',
      severity: 'warning' as const,
      path: 'completedThisMonth',
      params: { amount: 12_000_000, remaining: 3_500_000 },
    };
    expect(issueText(issue, tr(dispatchReportZhCN))).toBe(
      '本月完成 1,200.00 万元超过年度计划剩余的 350.00 万元，请确认',
    );
    expect(issueText(issue, tr(dispatchReportEnUS))).not.toMatch(/[\u4e00-\u9fff]/);
    expect(
      issueText(
        { code: 'dispatch_amount_invalid', severity: 'error', path: 'completedThisMonth', params: {} },
        tr(dispatchReportZhCN),
      ),
    ).toBe('请填写本月完成投资（没有完成请填 0）');
  });
});
