import { describe, expect, it } from 'vitest';
import { checkPassword } from '../password-policy.ts';
import { formatPercent, isStarted, summariseLedger, type SummaryRow } from '../summary.ts';
import { isValidDateOrMonth } from '../dates.ts';
import { roles } from '../vocabulary.ts';
import { DEMO_PASSWORD, LAOLING_ARTICLE_DATE } from './laoling-2023.ts';
import { buildLaolingDemo } from './laoling-living.ts';
import type { DemoDataset } from './types.ts';

const demo = buildLaolingDemo();

function rowsOf(dataset: DemoDataset, year: number, today: string): SummaryRow[] {
  return dataset.projects.flatMap((p) =>
    p.years
      .filter((y) => y.year === year)
      .map((y) => ({ ...y, totalInvestment: p.totalInvestment, started: isStarted(p.actualStart, today) })),
  );
}

const byName = (name: string) => {
  const project = demo.projects.find((p) => p.name === name);
  if (!project) throw new Error(`missing ${name}`);
  return project;
};

describe('乐陵市 2023 demo: the article figures', () => {
  it('reproduces every ledger figure of the article on its date and today', () => {
    for (const today of [LAOLING_ARTICLE_DATE, '2026-01-01']) {
      const summary = summariseLedger(2023, rowsOf(demo, 2023, today));
      expect(summary).toMatchObject({
        projects: 103,
        implementation: 82,
        reserve: 21,
        started: 64,
        notStarted: 18,
        totalInvestment: 32_000_000_000,
        annualPlan: 12_390_000_000,
        byLevel: { province: 6, city: 20, county: 77 },
      });
      expect(formatPercent(summary.startRate)).toBe('78%');
    }
  });

  it('starts no reserve project and starts every started project by the article date', () => {
    for (const p of demo.projects) {
      const current = p.years.find((y) => y.year === 2023)!;
      if (current.category === 'reserve') expect(p.actualStart).toBeNull();
      if (p.actualStart !== null) expect(isStarted(p.actualStart, LAOLING_ARTICLE_DATE)).toBe(true);
    }
  });

  it('has a smaller 2022 list with its own annual plans', () => {
    const summary = summariseLedger(2022, rowsOf(demo, 2022, '2022-12-31'));
    expect(summary.projects).toBe(40);
    expect(summary.annualPlan).toBeGreaterThan(0);
    expect(summary.annualPlan).not.toBe(12_390_000_000);
    expect(demo.projects.every((p) => p.years.some((y) => y.year === 2023))).toBe(true);
  });
});

describe('乐陵市 2023 demo: consistency', () => {
  it('is deterministic', () => {
    expect(buildLaolingDemo()).toEqual(demo);
  });

  it('has unique project names and codes of 24 characters or null', () => {
    expect(new Set(demo.projects.map((p) => p.name)).size).toBe(demo.projects.length);
    const codes = demo.projects.flatMap((p) => (p.code === null ? [] : [p.code]));
    expect(codes.length).toBeGreaterThan(20);
    expect(codes.length).toBeLessThan(demo.projects.length);
    for (const code of codes) expect(code).toMatch(/^[0-9A-Za-z-]{24}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('refers only to existing users, regions and departments', () => {
    const usernames = new Set(demo.users.map((u) => u.username));
    const regions = new Set(demo.regions.map((r) => r.key));
    const departments = new Set(demo.departments.map((d) => d.key));
    for (const r of demo.regions) if (r.parentKey !== null) expect(regions).toContain(r.parentKey);
    for (const d of demo.departments) expect(regions).toContain(d.regionKey);
    for (const u of demo.users) {
      expect(regions).toContain(u.regionKey);
      if (u.departmentKey !== null) expect(departments).toContain(u.departmentKey);
    }
    const laolingKeys = new Set(
      demo.regions.filter((r) => r.key === 'laoling' || r.parentKey === 'laoling').map((r) => r.key),
    );
    for (const p of demo.projects) {
      expect(laolingKeys).toContain(p.regionKey);
      expect(p.leaderUsername).not.toBeNull();
      expect(usernames).toContain(p.leaderUsername);
      expect(demo.users.find((u) => u.username === p.leaderUsername)!.roles).toContain('leader');
      expect(p.taskForceUsernames.length).toBeGreaterThanOrEqual(1);
      expect(p.taskForceUsernames.length).toBeLessThanOrEqual(3);
      expect(new Set(p.taskForceUsernames).size).toBe(p.taskForceUsernames.length);
      for (const tf of p.taskForceUsernames)
        expect(demo.users.find((u) => u.username === tf)!.roles).toEqual(['task_force']);
      if (p.departmentKey !== null) expect(departments).toContain(p.departmentKey);
    }
  });

  it('has well-formed dates, money and coordinates', () => {
    for (const p of demo.projects) {
      for (const date of [p.plannedStart, p.plannedFinish, p.actualStart, p.statsDate]) {
        if (date !== null) expect(isValidDateOrMonth(date), `${p.name}: ${date}`).toBe(true);
      }
      if (p.plannedFinish !== null)
        expect(p.plannedFinish.slice(0, 4) >= '2023' && p.plannedFinish.slice(0, 4) <= '2026').toBe(true);
      expect(Number.isSafeInteger(p.totalInvestment) && p.totalInvestment > 0).toBe(true);
      for (const y of p.years) {
        expect(Number.isSafeInteger(y.annualPlan)).toBe(true);
        expect(y.annualPlan).toBeLessThanOrEqual(p.totalInvestment);
      }
      if (p.statsIncluded) {
        expect(p.actualStart).not.toBeNull();
        expect(p.totalInvestment).toBeGreaterThanOrEqual(5_000_000);
        expect(p.statsDate! <= LAOLING_ARTICLE_DATE).toBe(true);
      }
      if (p.longitude !== null) expect(Math.abs(p.longitude - 117.2)).toBeLessThan(0.3);
      if (p.latitude !== null) expect(Math.abs(p.latitude - 37.73)).toBeLessThan(0.3);
    }
    const started = demo.projects.filter((p) => p.actualStart !== null && p.totalInvestment >= 5_000_000);
    expect(started.filter((p) => p.statsIncluded).length / started.length).toBeGreaterThan(0.5);
  });
});

describe('乐陵市 2023 demo: what the article says', () => {
  it('has the four projects the article names, with their facts', () => {
    const culture = byName('文化体验创意中心项目');
    expect(isStarted(culture.actualStart, LAOLING_ARTICLE_DATE)).toBe(true);
    expect(culture.notes).toContain('正打桩、开槽');

    const jingjia = byName('井家棚改项目');
    expect(isStarted(jingjia.actualStart, LAOLING_ARTICLE_DATE)).toBe(true);
    expect(jingjia.notes).toContain('完成了内外装修');

    const huiyuan = byName('汇源大街提升改造项目');
    expect(isStarted(huiyuan.actualStart, LAOLING_ARTICLE_DATE)).toBe(true);
    expect(huiyuan.notes).toContain('接近尾声');

    const market = byName('中国农批乐陵农产品智慧物流园项目');
    expect(market.ownerUnit).toBe('中农批（乐陵）农产品市场有限公司');
    expect(market.actualStart).toBe('2022-11');
    expect(market.plannedFinish).toBe('2023-09-30');
    expect(market.nature).toBe('continuing');
    expect(market.notes).toContain('13栋主体建筑已全部封顶');
    expect(market.years.map((y) => y.year)).toEqual([2022, 2023]);
  });
});

describe('乐陵市 2023 demo: regions and people', () => {
  it('has 乐陵市 with its 16 towns under 德州市 and 山东省, and an empty 宁津县', () => {
    const laoling = demo.regions.find((r) => r.key === 'laoling')!;
    expect(laoling).toMatchObject({ name: '乐陵市', level: 'county', parentKey: 'dezhou' });
    expect(demo.regions.find((r) => r.key === 'dezhou')).toMatchObject({
      name: '德州市',
      level: 'city',
      parentKey: 'shandong',
    });
    const towns = demo.regions.filter((r) => r.parentKey === 'laoling');
    expect(towns).toHaveLength(16);
    expect(towns.every((t) => t.level === 'town')).toBe(true);
    expect(towns.map((t) => t.name)).toContain('朱集镇');
    const ningjin = demo.regions.find((r) => r.name === '宁津县')!;
    expect(ningjin.parentKey).toBe('dezhou');
    const ningjinKeys = new Set(
      demo.regions.filter((r) => r.key === ningjin.key || r.parentKey === ningjin.key).map((r) => r.key),
    );
    expect(demo.projects.some((p) => ningjinKeys.has(p.regionKey))).toBe(false);
  });

  it('has demo users for every role but the two officers of the setup, with unique usernames and none of the setup accounts', () => {
    const usernames = demo.users.map((u) => u.username);
    expect(new Set(usernames).size).toBe(usernames.length);
    // admin, secadmin and auditor are the server's setup accounts (三员分立), never demo accounts.
    for (const name of ['admin', 'secadmin', 'auditor']) expect(usernames).not.toContain(name);
    for (const u of demo.users) expect(u.roles.length).toBeGreaterThan(0);
    const covered = new Set(demo.users.flatMap((u) => u.roles));
    for (const role of roles.filter((r) => r !== 'security_admin' && r !== 'auditor'))
      expect(covered, role).toContain(role);
    expect(covered.has('security_admin') || covered.has('auditor')).toBe(false);
    for (const name of [
      'mayor',
      'viewer',
      'fgj',
      'dept-zrzy',
      'dept-zjj',
      'dept-xzsp',
      'town-shizhong',
      'town-zhuji',
    ]) {
      expect(usernames).toContain(name);
    }
    expect(demo.users.find((u) => u.username === 'town-zhuji')!.regionKey).toBe('town-zhuji');
    expect(demo.users.find((u) => u.username === 'dept-zrzy')!.departmentKey).toBe('zrzy');
  });

  it('gives every leader, task force, department and town user several projects', () => {
    for (const u of demo.users) {
      const role = u.roles[0];
      const count =
        role === 'leader'
          ? demo.projects.filter((p) => p.leaderUsername === u.username).length
          : role === 'task_force'
            ? demo.projects.filter((p) => p.taskForceUsernames.includes(u.username)).length
            : role === 'department'
              ? demo.projects.filter((p) => p.departmentKey === u.departmentKey).length
              : role === 'town'
                ? demo.projects.filter((p) => p.regionKey === u.regionKey).length
                : Infinity;
      expect(count, u.username).toBeGreaterThanOrEqual(3);
    }
  });

  it('has a demo password that passes the policy for every user', () => {
    expect(demo.demoPassword).toBe(DEMO_PASSWORD);
    for (const u of demo.users) expect(checkPassword(DEMO_PASSWORD, u.username)).toEqual({ ok: true });
  });
});
