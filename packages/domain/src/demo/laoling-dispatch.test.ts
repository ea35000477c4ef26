import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { completedYtd, roundCounts } from '../dispatch/figures.ts';
import { monthEnd } from '../dispatch/month.ts';
import {
  buildLaolingDispatch,
  dispatchMonths,
  monthlyAmounts,
  plusDays,
  withLaolingDispatch,
} from './laoling-dispatch.ts';
import { buildLaolingDemo } from './laoling-living.ts';
import type { DemoReport } from './types.ts';

const TODAY = '2026-11-25';
const living = buildLaolingDemo(TODAY);
const dispatch = buildLaolingDispatch(living);
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const ofMonth = (month: string) => dispatch.reports.filter((r) => r.month === month);
const countsOf = (month: string) =>
  roundCounts(
    dispatch.rounds.find((r) => r.month === month)!.projectNames.length,
    ofMonth(month).map((r) => ({ status: r.status, late: r.late })),
  );

describe('the living demo’s monthly dispatch', () => {
  it('has a round per month from January 2023 to last month, over the year’s implementation projects', () => {
    // 2023, 2024, 2025: 12 each; 2026 to October (the month before 2026-11-25): 10 → 46.
    expect(dispatch.rounds).toHaveLength(12 + 12 + 12 + 10);
    expect(dispatchMonths(TODAY)).toEqual(dispatch.rounds.map((r) => r.month));
    expect(dispatch.rounds[0]).toMatchObject({ month: '2023-01', deadline: '2023-01-25', createdBy: 'fgj' });
    expect(dispatch.rounds.at(-1)).toMatchObject({ month: '2026-10', deadline: '2026-10-25' });
    expect(dispatch.rounds.every((r) => r.deadline === `${r.month}-25`)).toBe(true);
    for (const year of [2023, 2024, 2025, 2026]) {
      const list = living.projects
        .filter((p) => p.years.some((y) => y.year === year && y.category === 'implementation'))
        .map((p) => p.name);
      for (const r of dispatch.rounds.filter((x) => x.year === year)) expect(r.projectNames).toEqual(list);
    }
    // The article's 82 implementation projects of 2023; then 99, 92 and 82.
    expect(
      [2023, 2024, 2025, 2026].map((y) => dispatch.rounds.find((r) => r.year === y)!.projectNames.length),
    ).toEqual([82, 99, 92, 82]);
  });

  it('reports most months, a few missing — more in the current year', () => {
    // Slots (rounds × projects) − missing = reports:
    // 2023: 12 × 82 = 984 − 10 = 974; 2024: 12 × 99 = 1188 − 14 = 1174;
    // 2025: 12 × 92 = 1104 − 16 = 1088; 2026: 10 × 82 = 820 − 27 = 793. 974 + 1174 + 1088 + 793 = 4029.
    const byYear = (y: number) => dispatch.reports.filter((r) => r.month.startsWith(`${y}-`)).length;
    expect([2023, 2024, 2025, 2026].map(byYear)).toEqual([974, 1174, 1088, 793]);
    expect(dispatch.reports).toHaveLength(4029);
    // Missing share: 10/984 ≈ 1.0%, 14/1188 ≈ 1.2%, 16/1104 ≈ 1.4% before; 27/820 ≈ 3.3% in 2026.
  });

  it('counts October 2026 as the round’s figures will: 76 reported, 3 returned, 3 missing, 2 late', () => {
    // 82 projects = 76 reported (63 accepted + 13 waiting for review) + 3 returned + 3 missing.
    expect(countsOf('2026-10')).toEqual({ projects: 82, reported: 76, missing: 3, late: 2, returned: 3 });
    const oct = ofMonth('2026-10');
    expect(oct.filter((r) => r.status === 'accepted')).toHaveLength(63);
    expect(oct.filter((r) => r.status === 'submitted')).toHaveLength(13);
    // Returned last month: waiting for the correction — submitted, returned (two versions), a reason.
    for (const r of oct.filter((x) => x.status === 'returned')) {
      expect(r.versions.map((v) => v.status)).toEqual(['submitted', 'returned']);
      expect(r.returnReason).toBeTruthy();
      expect(r.counted).toBe(false);
    }
    // September: all reviewed — 82 = 79 reported + 3 missing, 7 late, none still returned.
    expect(countsOf('2026-09')).toEqual({ projects: 82, reported: 79, missing: 3, late: 7, returned: 0 });
  });

  it('keeps every version: returned and resubmitted reports have four, the others two', () => {
    const past = dispatch.reports.filter((r) => r.month < '2026-10');
    const resubmitted = past.filter((r) => r.versions.length === 4);
    // 61 + 58 + 53 + 36 returned once and corrected in 2023–2026.
    expect(resubmitted).toHaveLength(61 + 58 + 53 + 36);
    for (const r of resubmitted) {
      expect(r.versions.map((v) => v.status)).toEqual(['submitted', 'returned', 'submitted', 'accepted']);
      expect(r.versions[1]!.returnReason).toBeTruthy();
      expect(r.versions[0]!.values).not.toEqual(r.versions[2]!.values);
      expect(r.values).toEqual(r.versions[2]!.values);
      expect(r.status).toBe('accepted');
      expect(r.returnReason).toBeNull();
    }
    expect(past.every((r) => r.status === 'accepted' && [2, 4].includes(r.versions.length))).toBe(true);
    // Versions are in time order, by the task force then the reviewer.
    for (const r of dispatch.reports)
      for (let k = 1; k < r.versions.length; k++)
        expect(r.versions[k]!.at > r.versions[k - 1]!.at).toBe(true);
  });

  it('marks late exactly the reports first submitted after the 25th', () => {
    for (const r of dispatch.reports) {
      const first = r.versions[0];
      expect(r.late).toBe(first !== undefined && first.at.slice(0, 10) > `${r.month}-25`);
    }
    // 94 + 92 + 86 + 79 = 351 late of 4029.
    expect(dispatch.reports.filter((r) => r.late)).toHaveLength(94 + 92 + 86 + 79);
  });

  it('adds each project-year up to the ledger’s figure (累计完成投资), as of the last month counted', () => {
    const counted = (name: string, year: number) =>
      dispatch.reports.filter((r) => r.projectName === name && r.month.startsWith(`${year}-`) && r.counted);
    for (const f of dispatch.yearFigures) {
      const reports = counted(f.projectName, f.year);
      const last = reports.at(-1)!;
      // The ledger's figure = Σ counted months = the domain's 1-N月累计 at the last one, from the
      // reports alone and from the ledger's figure alone (the month it covers is not counted twice).
      expect(f.reportedYtd).toBe(sum(reports.map((r) => r.values.completedThisMonth)));
      expect(f.reportedAsOf).toBe(monthEnd(last.month));
      expect(f.reportedProgress).toBe(last.values.progressText);
      const months = reports.map((r) => ({ month: r.month, amount: r.values.completedThisMonth }));
      expect(completedYtd(last.month, null, months)).toBe(f.reportedYtd);
      expect(completedYtd(last.month, { ytd: f.reportedYtd, asOf: f.reportedAsOf }, months)).toBe(
        f.reportedYtd,
      );
    }
    // 2026: 82 projects, 5,793,260,000 元 to October of a 9,710,000,000 元 plan (59.7%).
    const y2026 = dispatch.yearFigures.filter((f) => f.year === 2026);
    expect(y2026).toHaveLength(82);
    expect(sum(y2026.map((f) => f.reportedYtd))).toBe(5_793_260_000);
    // October's counted amounts: 747,510,000 元.
    expect(
      sum(
        ofMonth('2026-10')
          .filter((r) => r.counted)
          .map((r) => r.values.completedThisMonth),
      ),
    ).toBe(747_510_000);
  });

  it('splits a year’s total over its months; a month not brought in is carried into the next report', () => {
    // 年产30万吨调味品生产线扩建项目: started 2023-01-23, planned finish 2025-05-31; in 2025 its plan
    // is 204,700,000 元 of a 649,200,000 元 total; the year's total is capped by what 2023 and 2024
    // left of the total, and spread over January–May (nothing after its finish).
    const p = living.projects.find((x) => x.name === '年产30万吨调味品生产线扩建项目')!;
    expect([p.actualStart, p.plannedFinish, p.totalInvestment]).toEqual([
      '2023-01-23',
      '2025-05-31',
      649_200_000,
    ]);
    const before = sum(
      dispatch.yearFigures.filter((f) => f.projectName === p.name && f.year < 2025).map((f) => f.reportedYtd),
    );
    const amounts = monthlyAmounts(p, 2025, 204_700_000, before);
    // 14,460,000 + 15,280,000 + 26,490,000 + 26,720,000 + 23,930,000 = 106,880,000, then 0 × 7.
    expect(amounts).toEqual([
      14_460_000, 15_280_000, 26_490_000, 26_720_000, 23_930_000, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(before + sum(amounts)).toBe(p.totalInvestment);
    expect(dispatch.yearFigures.find((f) => f.projectName === p.name && f.year === 2025)).toMatchObject({
      reportedYtd: 106_880_000,
      reportedAsOf: '2025-12-31',
    });
    // Carry: every project-year's counted months add up to its split, less what is still not
    // brought in after its last counted month.
    for (const f of dispatch.yearFigures.filter((x) => x.year < 2026)) {
      const mine = dispatch.reports.filter(
        (r) => r.projectName === f.projectName && r.month.startsWith(`${f.year}-`),
      );
      if (mine.length === 12 && mine[11]!.counted) {
        const q = living.projects.find((x) => x.name === f.projectName)!;
        const plan = q.years.find((y) => y.year === f.year)!.annualPlan;
        const done = sum(
          dispatch.yearFigures
            .filter((g) => g.projectName === f.projectName && g.year < f.year)
            .map((g) => g.reportedYtd),
        );
        expect(f.reportedYtd).toBe(sum(monthlyAmounts(q, f.year, plan, done)));
      }
    }
  });

  it('never reports more than a project’s total investment over the years, nor a negative amount', () => {
    for (const p of living.projects) {
      const total = sum(
        dispatch.yearFigures.filter((f) => f.projectName === p.name).map((f) => f.reportedYtd),
      );
      expect(total).toBeLessThanOrEqual(p.totalInvestment);
    }
    expect(
      dispatch.reports.every((r) => r.values.completedThisMonth >= 0 && r.values.fundsInPlace >= 0),
    ).toBe(true);
  });

  it('gives 纳统 only for projects ≥ 500万元 after 开工, as the project’s statistics date says', () => {
    const byName = new Map(living.projects.map((p) => [p.name, p]));
    let included = 0;
    for (const r of dispatch.reports) {
      const p = byName.get(r.projectName)!;
      const started = p.actualStart !== null && p.actualStart.slice(0, 7) <= r.month;
      if (p.totalInvestment < 5_000_000 || !started) expect(r.values.statsIncluded).toBeNull();
      if (r.values.statsIncluded) {
        included++;
        expect(r.values.statsCode).toBe(p.statsCode);
        expect(r.values.statsDate! <= (r.submittedAt ?? r.createdAt).slice(0, 10)).toBe(true);
      }
    }
    expect(included).toBeGreaterThan(2000);
  });

  it('words progress by stage, with problems now and then and next month’s plan', () => {
    const texts = new Set(dispatch.reports.map((r) => r.values.progressText));
    expect(texts.size).toBeGreaterThan(15);
    expect(dispatch.reports.every((r) => r.values.nextMonthPlan.length > 0)).toBe(true);
    const withProblems = dispatch.reports.filter((r) => r.values.problems.length > 0).length;
    expect(withProblems).toBeGreaterThan(100);
    expect(withProblems).toBeLessThan(dispatch.reports.length / 4);
  });

  it('is deterministic, and a later today extends an earlier one', () => {
    expect(JSON.stringify(buildLaolingDispatch(buildLaolingDemo(TODAY)))).toBe(JSON.stringify(dispatch));
    const earlier = buildLaolingDispatch(buildLaolingDemo('2026-08-10'));
    // The months both have seen fully (to June) are the same — but for the 纳统 codes, which the
    // living demo numbers in the order of inclusion up to its today (laoling-living.ts).
    const upTo = (d: { reports: DemoReport[] }) =>
      JSON.stringify(d.reports.filter((r) => r.month <= '2026-06')).replace(
        /"statsCode":"\d+"/g,
        '"statsCode":"…"',
      );
    expect(upTo(earlier) === upTo(dispatch)).toBe(true);
    expect(earlier.rounds.at(-1)!.month).toBe('2026-07');
  });

  it('cuts the story at today: a late report not yet sent is a draft without versions', () => {
    // On 2026-11-01 the October round (deadline 2026-10-25) has a report whose late submission
    // falls after today: the task force's draft, no version, not late yet, not counted.
    const early = buildLaolingDispatch(buildLaolingDemo('2026-11-01'));
    const oct = early.reports.filter((r) => r.month === '2026-10');
    const drafts = oct.filter((r) => r.status === 'draft');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ versions: [], late: false, counted: false, submittedAt: null });
    expect(
      roundCounts(
        82,
        oct.map((r) => ({ status: r.status, late: r.late })),
      ),
    ).toEqual({
      projects: 82,
      reported: 75,
      missing: 4,
      late: 1,
      returned: 3,
    });
    for (const r of early.reports)
      for (const v of r.versions) expect(v.at.slice(0, 10) <= '2026-11-01').toBe(true);
  });

  it('picks photos for the last two months of ten projects under construction, taken near the site', () => {
    const projects = new Set(dispatch.photos.map((p) => p.projectName));
    expect(projects.size).toBe(10);
    // One on October's report of each of the ten, one on September's of the first four: 10 + 4.
    expect(dispatch.photos.filter((p) => p.month === '2026-10')).toHaveLength(10);
    expect(dispatch.photos.filter((p) => p.month === '2026-09')).toHaveLength(4);
    expect(dispatch.photos.every((p) => !['preparing', 'completed'].includes(p.stage))).toBe(true);
    const byName = new Map(living.projects.map((p) => [p.name, p]));
    for (const ph of dispatch.photos) {
      const p = byName.get(ph.projectName)!;
      expect(Math.abs(ph.latitude - p.latitude!)).toBeLessThan(0.003);
      expect(Math.abs(ph.longitude - p.longitude!)).toBeLessThan(0.004);
      expect(ph.takenAt.slice(0, 7)).toBe(ph.month);
      const report = dispatch.reports.find((r) => r.projectName === ph.projectName && r.month === ph.month)!;
      expect(report.counted).toBe(true);
    }
  });

  it('puts the figures on the dataset’s project-years, leaving the rest as it was', () => {
    const data = withLaolingDispatch(living);
    expect(JSON.stringify(data.dispatch)).toBe(JSON.stringify(dispatch));
    const p = data.projects.find((x) => x.name === '年产30万吨调味品生产线扩建项目')!;
    expect(p.years.find((y) => y.year === 2025)).toMatchObject({
      reportedYtd: 106_880_000,
      reportedAsOf: '2025-12-31',
    });
    expect(
      living.projects.find((x) => x.name === p.name)!.years.find((y) => y.year === 2025)!.reportedYtd,
    ).toBe(undefined);
  });

  it('adds days without a Date as dates.ts does', () => {
    for (let d = 0; d < 1500; d += 7) {
      const base = addDays('2023-01-01', d);
      for (const k of [-31, -8, -1, 0, 1, 8, 31]) expect(plusDays(base, k)).toBe(addDays(base, k));
    }
  });
});
