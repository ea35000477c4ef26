import { describe, expect, it } from 'vitest';
import {
  blocksSubmission,
  completedYtd,
  completionRate,
  coveredThrough,
  defaultDeadline,
  fullMonthsBetween,
  isLate,
  monthsBetween,
  paceRate,
  pacePlan,
  paceWarning,
  reportingWarning,
  roundCounts,
  roundStatus,
  statsWarning,
  validateReport,
} from './index.ts';

describe('month arithmetic', () => {
  it('counts months across a year end and defaults the deadline to the 25th', () => {
    expect(monthsBetween('2022-11', '2023-03')).toBe(4); // Dec, Jan, Feb, Mar
    expect(monthsBetween('2023-03', '2023-01')).toBe(-2);
    expect(defaultDeadline('2023-03')).toBe('2023-03-25');
    expect(defaultDeadline('2023-02', 30)).toBe('2023-02-28'); // a short month: its last day
    expect(defaultDeadline('2024-02', 30)).toBe('2024-02-29');
  });
  it('reads the month a reported figure covers from its as-of date', () => {
    expect(coveredThrough('2023-03-31')).toBe('2023-03'); // a month's last day covers it
    expect(coveredThrough('2023-04-13')).toBe('2023-03'); // 1-3月 截至4月13日
    expect(coveredThrough('2023-01-10')).toBe('2022-12');
  });
});

describe('round status and lateness', () => {
  const round = { deadline: '2023-03-25', closedAt: null, reopened: false };
  it('is open to its deadline, closed after it, by hand, and open again when reopened', () => {
    expect(roundStatus(round, '2023-03-25')).toBe('open');
    expect(roundStatus(round, '2023-03-26')).toBe('closed');
    expect(roundStatus({ ...round, closedAt: '2023-03-20T01:00:00Z' }, '2023-03-21')).toBe('closed');
    expect(roundStatus({ ...round, reopened: true }, '2023-04-02')).toBe('open');
  });
  it('marks a report submitted after the deadline day late', () => {
    expect(isLate('2023-03-25', '2023-03-25')).toBe(false);
    expect(isLate('2023-03-26', '2023-03-25')).toBe(true);
  });
});

describe('year to date', () => {
  it('adds the reported months after the imported figure, never one month twice', () => {
    // Imported 1-3月 1,200万 as of 2023-04-13 (covers through March); reports Feb 50万 (already
    // inside the import), April 300万, May 250万.
    const starting = { ytd: 12_000_000, asOf: '2023-04-13' };
    const reports = [
      { month: '2023-02', amount: 500_000 },
      { month: '2023-04', amount: 3_000_000 },
      { month: '2023-05', amount: 2_500_000 },
    ];
    expect(completedYtd('2023-03', starting, reports)).toBe(12_000_000);
    expect(completedYtd('2023-04', starting, reports)).toBe(12_000_000 + 3_000_000); // 15,000,000
    expect(completedYtd('2023-05', starting, reports)).toBe(12_000_000 + 3_000_000 + 2_500_000);
  });
  it('uses the reports alone before the imported month or in another year', () => {
    const starting = { ytd: 12_000_000, asOf: '2023-03-31' };
    const reports = [
      { month: '2023-01', amount: 1_000_000 },
      { month: '2023-02', amount: 2_000_000 },
      { month: '2022-12', amount: 9_000_000 },
    ];
    expect(completedYtd('2023-02', starting, reports)).toBe(1_000_000 + 2_000_000);
    expect(completedYtd('2024-01', starting, [{ month: '2024-01', amount: 7 }])).toBe(7);
    expect(completedYtd('2023-02', null, reports)).toBe(3_000_000); // 2022-12 is last year
  });
});

describe('pace (序时进度) and completion', () => {
  it('computes m/12 of the plan and the completion rate', () => {
    // Plan 1.2亿; after 3 months the pace plan is 1.2亿 × 3/12 = 3,000万 (25%).
    expect(pacePlan(120_000_000, '2023-03')).toBe(30_000_000);
    expect(paceRate('2023-03')).toBe(25);
    expect(completionRate(27_000_000, 120_000_000)).toBe(22.5); // 2,700 / 12,000
    expect(completionRate(5, 0)).toBeNull();
  });
  it('warns yellow 10–30 points behind the pace and red beyond', () => {
    // Due after 3 months: 3,000万. 2,700万 → 90% of due, 10 behind → yellow.
    expect(paceWarning(27_000_000, 120_000_000, '2023-03')).toEqual({
      level: 'yellow',
      ratio: 90,
      behind: 10,
    });
    // 2,800万 → 93.3%, 6.7 behind → green.
    expect(paceWarning(28_000_000, 120_000_000, '2023-03').level).toBe('green');
    // 2,100万 → 70%, 30 behind → yellow (30 is still in 10–30).
    expect(paceWarning(21_000_000, 120_000_000, '2023-03').level).toBe('yellow');
    // 2,000万 → 66.7%, 33.3 behind → red.
    expect(paceWarning(20_000_000, 120_000_000, '2023-03')).toEqual({
      level: 'red',
      ratio: 66.7,
      behind: 33.3,
    });
    expect(paceWarning(1, 0, '2023-03').level).toBeNull();
  });
});

describe('纳统 warning', () => {
  const p = { totalInvestment: 5_000_000, actualStart: '2023-01-15', statsIncluded: false };
  it('turns yellow one month after the start and red after two, for projects of 500万 or more', () => {
    expect(fullMonthsBetween('2023-01-15', '2023-02-14')).toBe(0);
    expect(statsWarning(p, '2023-02-14')).toBe('green');
    expect(statsWarning(p, '2023-02-15')).toBe('yellow'); // one month
    expect(statsWarning(p, '2023-03-15')).toBe('red'); // two months
    expect(statsWarning({ ...p, statsIncluded: true }, '2023-06-01')).toBe('green');
    expect(statsWarning({ ...p, totalInvestment: 4_999_999 }, '2023-06-01')).toBeNull();
    expect(statsWarning({ ...p, actualStart: null }, '2023-06-01')).toBeNull();
  });
});

describe('data-reporting warning and round counts', () => {
  it('is yellow when missing at the deadline and red a week after', () => {
    expect(reportingWarning(null, '2023-03-25', '2023-03-25')).toBe('green');
    expect(reportingWarning(null, '2023-03-25', '2023-03-26')).toBe('yellow');
    expect(reportingWarning({ status: 'draft' }, '2023-03-25', '2023-04-01')).toBe('yellow'); // 25 + 7
    expect(reportingWarning({ status: 'returned' }, '2023-03-25', '2023-04-02')).toBe('red');
    expect(reportingWarning({ status: 'submitted' }, '2023-03-25', '2023-05-01')).toBe('green');
  });
  it('counts reported, missing, late and returned', () => {
    const c = roundCounts(5, [
      { status: 'submitted', late: false },
      { status: 'accepted', late: true },
      { status: 'returned', late: false },
      { status: 'draft', late: false },
    ]);
    // 5 projects: 2 reported, 1 returned, 2 missing (one draft, one nothing).
    expect(c).toEqual({ projects: 5, reported: 2, missing: 2, late: 1, returned: 1 });
  });
});

describe('report validation', () => {
  const ctx = {
    today: '2023-03-20',
    totalInvestment: 50_000_000,
    annualPlan: 20_000_000,
    starting: null,
    otherMonths: [
      { month: '2023-01', amount: 1_000_000 },
      { month: '2023-02', amount: 2_000_000 },
    ],
  };
  it('refuses negative and non-numeric amounts', () => {
    const issues = validateReport({ month: '2023-03', completedThisMonth: -5, fundsInPlace: '12万' }, ctx);
    expect(issues.map((i) => [i.code, i.path, i.severity])).toEqual([
      ['dispatch_amount_negative', 'completedThisMonth', 'error'],
      ['dispatch_amount_invalid', 'fundsInPlace', 'error'],
    ]);
    expect(validateReport({ month: '2023-03', completedThisMonth: 1.5 }, ctx)[0]!.code).toBe(
      'dispatch_amount_invalid',
    );
  });
  it('refuses a year to date beyond the total investment', () => {
    // 100万 + 200万 + 4,800万 = 5,100万 > 5,000万 total.
    const issues = validateReport({ month: '2023-03', completedThisMonth: 48_000_000 }, ctx);
    expect(issues[0]).toEqual({
      code: 'dispatch_ytd_over_total',
      severity: 'error',
      path: 'completedThisMonth',
      params: { ytd: 51_000_000, totalInvestment: 50_000_000 },
    });
  });
  it('refuses a stage finished before its start or in the future', () => {
    const issues = validateReport(
      {
        month: '2023-03',
        completedThisMonth: 1_000_000,
        stages: [
          { key: 'land', actualStart: '2023-03-10', actualFinish: '2023-03-01' },
          { key: 'permit', actualStart: '2023-03-01', actualFinish: '2023-03-21' },
        ],
      },
      ctx,
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['dispatch_stage_finish_before_start', 'stages.land'],
      ['dispatch_stage_date_future', 'stages.permit'],
    ]);
  });
  it('asks to confirm a month far above the usual or the remaining plan, without blocking', () => {
    // Usual month: median(100万, 200万) = 150万; 3 × 150万 = 450万 < 500万 → above usual.
    // Remaining plan: 2,000万 − 300万 = 1,700万; 500万 is within it.
    const five = validateReport({ month: '2023-03', completedThisMonth: 5_000_000 }, ctx);
    expect(five).toEqual([
      {
        code: 'dispatch_amount_above_usual',
        severity: 'warning',
        path: 'completedThisMonth',
        params: { amount: 5_000_000, usual: 1_500_000 },
      },
    ]);
    expect(blocksSubmission(five, false)).toBe(true);
    expect(blocksSubmission(five, true)).toBe(false);
    // 1,800万 > remaining 1,700万 (and above usual): two warnings, YTD 2,100万 ≤ 5,000万 total.
    const big = validateReport({ month: '2023-03', completedThisMonth: 18_000_000 }, ctx);
    expect(big.map((i) => i.code)).toEqual([
      'dispatch_amount_above_usual',
      'dispatch_amount_above_remaining_plan',
    ]);
    expect(big[1]!.params).toEqual({ amount: 18_000_000, remaining: 17_000_000 });
    expect(validateReport({ month: '2023-03', completedThisMonth: 1_000_000 }, ctx)).toEqual([]);
  });
});
