import { describe, expect, it } from 'vitest';
import { isStarted, summariseLedger, type SummaryRow } from '../summary.ts';
import { buildLaoling2023, LAOLING_ARTICLE_DATE } from './laoling-2023.ts';
import { buildLaolingDemo, constructionHitches, preStartHitches } from './laoling-living.ts';
import type { DemoDataset } from './types.ts';

const TODAY = '2026-11-25';
const living = buildLaolingDemo(TODAY);

const rowsOf = (d: DemoDataset, year: number, asOf: string): SummaryRow[] =>
  d.projects.flatMap((p) =>
    p.years
      .filter((y) => y.year === year)
      .map((y) => ({ ...y, totalInvestment: p.totalInvestment, started: isStarted(p.actualStart, asOf) })),
  );

describe('the living 乐陵 demo', () => {
  it('is the article’s 2023 list on the article’s date, and by default', () => {
    expect(buildLaolingDemo()).toEqual(buildLaoling2023());
    expect(buildLaolingDemo(LAOLING_ARTICLE_DATE)).toEqual(buildLaoling2023());
    expect(buildLaolingDemo().today).toBe(LAOLING_ARTICLE_DATE);
    expect(living.today).toBe(TODAY);
  });

  it('keeps the 2023 list exactly: the article’s figures as of 2023-04-13', () => {
    const s = summariseLedger(2023, rowsOf(living, 2023, LAOLING_ARTICLE_DATE));
    expect(s).toMatchObject({
      projects: 103,
      implementation: 82,
      reserve: 21,
      started: 64,
      notStarted: 18,
      totalInvestment: 32_000_000_000,
      annualPlan: 12_390_000_000,
      byLevel: { province: 6, city: 20, county: 77 },
    });
    // Each 2023 project keeps its 2023 (and 2022) entries, its total and its start if it had one.
    const base = new Map(buildLaoling2023().projects.map((p) => [p.name, p]));
    for (const p of living.projects.filter((x) => base.has(x.name))) {
      const b = base.get(p.name)!;
      expect(p.years.filter((y) => y.year <= 2023)).toEqual(b.years);
      expect(p.totalInvestment).toBe(b.totalInvestment);
      if (b.actualStart !== null) expect(p.actualStart).toBe(b.actualStart);
    }
  });

  it('starts the 18 waiting projects after the article, each after the hold-up its note names', () => {
    const waiting = buildLaoling2023().projects.filter(
      (p) =>
        p.actualStart === null && p.years.some((y) => y.year === 2023 && y.category === 'implementation'),
    );
    expect(waiting).toHaveLength(18);
    for (const w of waiting) {
      const p = living.projects.find((x) => x.name === w.name)!;
      expect(p.actualStart! > LAOLING_ARTICLE_DATE).toBe(true);
      expect(p.actualStart! <= TODAY).toBe(true);
      expect(p.notes).toBe(w.notes);
      expect(p.hitches?.[0]?.reason).toBe(w.notes);
    }
  });

  it('has a list for every year to the current one, of the order of 2023’s', () => {
    const years = new Set(living.projects.flatMap((p) => p.years.map((y) => y.year)));
    expect([...years].sort()).toEqual([2022, 2023, 2024, 2025, 2026]);
    for (const year of [2024, 2025, 2026]) {
      const s = summariseLedger(year, rowsOf(living, year, TODAY));
      expect(s.projects, `${year}`).toBeGreaterThanOrEqual(90);
      expect(s.projects, `${year}`).toBeLessThanOrEqual(130);
      expect(s.reserve / s.projects).toBeGreaterThan(0.1);
      expect(s.reserve / s.projects).toBeLessThan(0.3);
      expect(s.totalInvestment).toBeGreaterThan(20_000_000_000);
      expect(s.totalInvestment).toBeLessThan(50_000_000_000);
      expect(s.byLevel.province).toBeGreaterThan(0);
      expect(s.byLevel.city).toBeGreaterThan(s.byLevel.province);
      expect(s.byLevel.county).toBeGreaterThan(s.byLevel.city);
      // Most implementation projects have started; the rest are not yet due or held up.
      expect(s.started / s.implementation).toBeGreaterThan(0.85);
    }
    // Projects finish and leave; new ones enter.
    const on = (p: DemoDataset['projects'][number], y: number) => p.years.some((e) => e.year === y);
    expect(living.projects.filter((p) => on(p, 2023) && !on(p, 2026)).length).toBeGreaterThan(30);
    expect(living.projects.filter((p) => on(p, 2026) && !on(p, 2025)).length).toBeGreaterThan(20);
  });

  it('dates nothing after today and keeps names and codes unique', () => {
    for (const p of living.projects) {
      if (p.actualStart !== null) expect(p.actualStart <= TODAY, p.name).toBe(true);
      if (p.statsDate !== null) expect(p.statsDate <= TODAY, p.name).toBe(true);
      if (p.statsIncluded) expect(p.actualStart).not.toBeNull();
    }
    expect(new Set(living.projects.map((p) => p.name)).size).toBe(living.projects.length);
    const codes = living.projects.flatMap((p) => (p.code ? [p.code] : []));
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toHaveLength(24);
  });

  it('gives every hitch a known stage and its reason in the notes', () => {
    const known = new Map([...preStartHitches, ...constructionHitches].map((h) => [h.reason, h.stage]));
    const withHitch = living.projects.filter((p) => p.hitches?.length);
    expect(withHitch.length).toBeGreaterThan(30);
    for (const p of withHitch) {
      const h = p.hitches![0]!;
      expect(h.days).toBeGreaterThan(0);
      expect(p.notes).toContain(h.reason);
      // A 2023 project's hold-up is its ledger note (用地预审办理中…); later ones are from the tables.
      if (known.has(h.reason)) expect(known.get(h.reason)).toBe(h.stage);
    }
  });

  it('is deterministic, and a later date extends an earlier one', () => {
    expect(buildLaolingDemo(TODAY)).toEqual(living);
    const earlier = buildLaolingDemo('2025-06-30');
    const names = living.projects.map((p) => p.name);
    expect(names.slice(0, earlier.projects.length)).toEqual(earlier.projects.map((p) => p.name));
    for (const [i, p] of earlier.projects.entries()) {
      const later = living.projects[i]!;
      expect(later.years.filter((y) => y.year <= 2025)).toEqual(p.years);
      // What had happened by then stays as it was.
      if (p.actualStart !== null) expect(later.actualStart).toBe(p.actualStart);
    }
  });
});
