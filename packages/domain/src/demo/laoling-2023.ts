/**
 * The deterministic demo dataset "乐陵市 2023": it reproduces every ledger figure
 * the article quotes (103 projects, 82 implementation / 21 reserve, 64 started by
 * 2023-04-13, 320亿 total, 123.9亿 annual plan) and adds a smaller 2022 list.
 */
import { addDays, addMonths, daysInMonth } from '../dates.ts';
import type { Level, Nature } from '../vocabulary.ts';
import { apportion, createRandom, type Random } from './random.ts';
import { laolingProjectRows } from './laoling-projects.ts';
import {
  articleFacts,
  companyKinds,
  companyWords,
  givenNames,
  industryCodes,
  industryDepartments,
  industryLeaders,
  industryWorks,
  pendingReasons,
  roads,
  surnames,
} from './laoling-tables.ts';
import {
  COUNTY_KEY,
  laolingCentre,
  laolingDepartments,
  laolingLeaders,
  laolingRegions,
  laolingTowns,
  laolingUsers,
  taskForceUsernames,
} from './laoling-people.ts';
import type { DemoDataset, DemoProject, DemoProjectYear } from './types.ts';

export const DEMO_PASSWORD = 'Guatu@2023';
/** The article's date: every started project started on or before it. */
export const LAOLING_ARTICLE_DATE = '2023-04-13';
export const LAOLING_TOTAL_INVESTMENT = 32_000_000_000;
export const LAOLING_ANNUAL_PLAN_2023 = 12_390_000_000;
const SEED = 20230413;
/** Amounts are apportioned in units of 10万元. */
const UNIT = 100_000;
export const STATS_THRESHOLD = 5_000_000;

export type Status = 'started' | 'notStarted' | 'reserve';
export type Row = {
  name: string;
  industry: string;
  regionKey: string;
  level: Level;
  status: Status;
  nature: Nature;
  owner: string | null;
  fixedUnits: number | null;
};

const levelFlag: Record<string, Level> = { P: 'province', C: 'city', X: 'county' };
const statusFlag: Record<string, Status> = { S: 'started', N: 'notStarted', R: 'reserve' };
const natureFlag: Record<string, Nature> = { n: 'new', c: 'continuing', e: 'expansion' };

function parseRow(text: string): Row {
  const [name = '', industry = '', town = '', flags = '', owner = '', wan = ''] = text.split('|');
  return {
    name,
    industry,
    regionKey: town === COUNTY_KEY ? COUNTY_KEY : `town-${town}`,
    level: levelFlag[flags[0] ?? '']!,
    status: statusFlag[flags[1] ?? '']!,
    nature: natureFlag[flags[2] ?? '']!,
    owner: owner === '' ? null : owner,
    fixedUnits: wan === '' ? null : (Number(wan) * 10_000) / UNIT,
  };
}

const monthOf = (date: string): string => date.slice(0, 7);
export const endOfMonth = (ym: string): string =>
  `${ym}-${daysInMonth(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)))}`;
const clampMonth = (ym: string, min: string, max: string): string => (ym < min ? min : ym > max ? max : ym);
const randomDay = (rng: Random, from: string, to: string): string => {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return addDays(from, rng.int(0, span));
};
/** A month either as 'YYYY-MM' or as a day in it, to exercise month precision. */
export const monthOrDay = (rng: Random, ym: string): string =>
  rng.chance(0.5) ? ym : `${ym}-${String(rng.int(1, 28)).padStart(2, '0')}`;

export type Schedule = Pick<DemoProject, 'plannedStart' | 'plannedFinish' | 'actualStart'>;

function schedule(rng: Random, row: Row): Schedule {
  const finishAfter = (start: string | null, min: number, max: number): string | null => {
    if (start === null) return null;
    const ym = clampMonth(addMonths(monthOf(start), rng.int(min, max)), '2023-05', '2026-12');
    return rng.chance(0.8) ? endOfMonth(ym) : ym;
  };
  if (row.status === 'reserve') {
    const plannedStart = rng.chance(0.25)
      ? null
      : monthOrDay(rng, `2023-${String(rng.int(7, 12)).padStart(2, '0')}`);
    return { plannedStart, plannedFinish: finishAfter(plannedStart, 12, 36), actualStart: null };
  }
  if (row.status === 'notStarted') {
    const plannedStart = monthOrDay(rng, `2023-${String(rng.int(2, 10)).padStart(2, '0')}`);
    return { plannedStart, plannedFinish: finishAfter(plannedStart, 12, 30), actualStart: null };
  }
  const actualStart =
    row.nature === 'continuing'
      ? randomDay(rng, '2021-03-01', '2022-10-31')
      : randomDay(rng, '2023-01-05', '2023-04-12');
  // Most started in their planned month; some were one or two months late (a yellow or red start warning).
  const late = rng.chance(0.25) ? rng.int(1, 2) : 0;
  const plannedMonth = addMonths(monthOf(actualStart), -late);
  const plannedStart =
    late === 0 && rng.chance(0.5)
      ? actualStart
      : rng.chance(0.5)
        ? plannedMonth
        : `${plannedMonth}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  return {
    plannedStart,
    actualStart,
    plannedFinish: finishAfter(actualStart, row.nature === 'continuing' ? 18 : 10, 36),
  };
}

/** Total investment (units of 10万元) of every row, summing to exactly 320亿. */
function totalUnits(rng: Random, rows: readonly Row[]): number[] {
  const base: Record<Level, [number, number, number]> = {
    province: [150_000, 0.7, 1.5],
    city: [45_000, 0.5, 1.6],
    county: [12_000, 0.25, 2],
  };
  const weights = rows.map((r) => {
    const [mean, low, high] = base[r.level];
    return r.fixedUnits === null ? mean * rng.between(low, high) : 0;
  });
  const fixed = rows.reduce((sum, r) => sum + (r.fixedUnits ?? 0), 0);
  const parts = apportion(weights, LAOLING_TOTAL_INVESTMENT / UNIT - fixed);
  return parts.map((p, i) => rows[i]!.fixedUnits ?? p);
}

/** 2023 annual plans (units of 10万元), each within its total, summing to exactly 123.9亿. */
function planUnits(rng: Random, rows: readonly Row[], totals: readonly number[]): number[] {
  const weights = rows.map((r, i) => {
    const total = totals[i]!;
    if (r.fixedUnits !== null) return total * 0.9;
    if (r.status === 'reserve') return total * rng.between(0.02, 0.08);
    if (r.status === 'notStarted') return total * rng.between(0.2, 0.4);
    return total * rng.between(0.3, 0.6);
  });
  return apportion(weights, LAOLING_ANNUAL_PLAN_2023 / UNIT, totals);
}

export function ownerUnit(rng: Random, row: Row): string {
  if (row.owner !== null) return row.owner;
  const kind = rng.pick(companyKinds[row.industry] ?? ['实业']);
  return `${rng.chance(0.5) ? '乐陵市' : '山东'}${rng.pick(companyWords)}${kind}有限公司`;
}

export function projectCode(rng: Random, row: Row, plan: Schedule, used: Set<string>): string | null {
  const withCode = row.status === 'reserve' ? rng.chance(0.3) : rng.chance(0.8);
  if (!withCode) return null;
  const anchor = plan.actualStart ?? plan.plannedStart ?? '2023-04';
  const yymm = addMonths(monthOf(anchor), -rng.int(1, 6)).replace('-', '').slice(2);
  const kind =
    row.owner?.endsWith('局') || row.owner?.endsWith('中心') ? '01' : row.industry === '新能源' ? '02' : '03';
  let code: string;
  do
    code = `${yymm}-371481-${industryCodes[row.industry] ?? '99'}-${kind}-${String(rng.int(0, 999_999)).padStart(6, '0')}`;
  while (used.has(code));
  used.add(code);
  return code;
}

export function place(rng: Random, row: Row): Pick<DemoProject, 'address' | 'longitude' | 'latitude'> {
  if (row.status === 'reserve' && rng.chance(0.2)) return { address: null, longitude: null, latitude: null };
  const town = laolingTowns.find((t) => t.key === row.regionKey);
  const [lng, lat] = town?.centre ?? laolingCentre;
  const spread = town ? 0.012 : 0.05;
  const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;
  const address = town
    ? `山东省德州市乐陵市${town.name}${rng.pick(roads)}${rng.pick(['以东', '以西', '以南', '以北'])}`
    : '山东省德州市乐陵市（全市范围）';
  return {
    address,
    longitude: round6(lng + rng.between(-spread, spread)),
    latitude: round6(lat + rng.between(-spread, spread)),
  };
}

export function content(rng: Random, row: Row): string {
  const area = rng.int(12, 160) / 10;
  return `总建筑面积（或建设规模）约${area}万平方米，主要建设${industryWorks[row.industry] ?? '主体工程及配套设施'}`;
}

export const personName = (rng: Random): string => `${rng.pick(surnames)}${rng.pick(givenNames)}`;

export function people(
  rng: Random,
  row: Row,
  leaderCount: Map<string, number>,
): Pick<DemoProject, 'leaderUsername' | 'taskForceUsernames'> {
  const candidates = industryLeaders[row.industry] ?? [laolingLeaders[0].username];
  // Spread an industry's projects over its leaders by taking the one with the fewest so far.
  const leader = [...candidates].sort((a, b) => (leaderCount.get(a) ?? 0) - (leaderCount.get(b) ?? 0))[0]!;
  leaderCount.set(leader, (leaderCount.get(leader) ?? 0) + 1);
  const n = Number(leader.slice('leader'.length));
  const team = [taskForceUsernames[2 * n - 2]!, taskForceUsernames[2 * n - 1]!];
  const first = rng.pick(team);
  const taskForce = [first];
  if (rng.chance(0.5)) taskForce.push(team.find((t) => t !== first)!);
  // A member of another team joins some projects, e.g. for factor guarantees (要素保障).
  if (rng.chance(0.25)) {
    const other = rng.pick(taskForceUsernames.filter((t) => !team.includes(t)));
    taskForce.push(other);
  }
  return { leaderUsername: leader, taskForceUsernames: taskForce };
}

function department(row: Row, index: number, counters: { pending: number; reserve: number }): string | null {
  // Projects waiting to start are mostly held up by land (自然资源) or permits (行政审批).
  if (row.status === 'notStarted') return counters.pending++ % 2 === 0 ? 'zrzy' : 'xzsp';
  if (row.status === 'reserve' && counters.reserve++ % 3 === 0) return 'zrzy';
  if (row.status === 'started' && index % 9 === 4) return 'xzsp';
  return industryDepartments[row.industry] ?? null;
}

function statistics(
  rng: Random,
  row: Row,
  plan: Schedule,
  total: number,
  seq: () => number,
): Pick<DemoProject, 'statsIncluded' | 'statsCode' | 'statsDate'> {
  const none = { statsIncluded: false, statsCode: null, statsDate: null };
  if (plan.actualStart === null || total < STATS_THRESHOLD) return none;
  const startDay = plan.actualStart.length === 7 ? `${plan.actualStart}-01` : plan.actualStart;
  const statsDate = addDays(startDay, rng.int(10, 40));
  // A few large started projects are still missing from the statistics (a statistics warning).
  if (statsDate > LAOLING_ARTICLE_DATE || (!(row.name in articleFacts) && rng.chance(0.08))) return none;
  return {
    statsIncluded: true,
    statsCode: `371481${statsDate.slice(0, 4)}${String(seq()).padStart(4, '0')}`,
    statsDate,
  };
}

/** The 2022 list: every continuing project (already under construction) plus some 2023 starters then in reserve. */
function years2022(
  rng: Random,
  rows: readonly Row[],
  totals: readonly number[],
): Map<number, DemoProjectYear> {
  const result = new Map<number, DemoProjectYear>();
  const reserveCandidates: number[] = [];
  rows.forEach((row, i) => {
    const total = totals[i]! * UNIT;
    if (row.status === 'started' && row.nature === 'continuing') {
      const fraction = row.name.startsWith('中国农批') ? 0.1 : rng.between(0.25, 0.45);
      // A few of these were still county-level on the 2022 list and promoted to city level in 2023.
      const level = row.level === 'city' && result.size % 7 === 3 ? 'county' : row.level;
      result.set(i, {
        year: 2022,
        level,
        category: 'implementation',
        annualPlan: Math.round((total * fraction) / UNIT) * UNIT,
      });
    } else if (row.status !== 'reserve' && !(row.name in articleFacts)) {
      reserveCandidates.push(i);
    }
  });
  const wanted = 40 - result.size;
  for (let k = 0; k < wanted && reserveCandidates.length > 0; k++) {
    const [i] = reserveCandidates.splice(rng.int(0, reserveCandidates.length - 1), 1) as [number];
    const row = rows[i]!;
    result.set(i, {
      year: 2022,
      level: row.level,
      category: 'reserve',
      annualPlan: Math.round(totals[i]! * rng.between(0.01, 0.04)) * UNIT,
    });
  }
  return result;
}

/**
 * Builds the 乐陵市 2023 list as it stood on the article's date (LAOLING_ARTICLE_DATE); every call
 * returns an equal, fresh copy. laoling-living.ts continues it to a later date (buildLaolingDemo).
 */
export function buildLaoling2023(): DemoDataset {
  const rng = createRandom(SEED);
  const rows = laolingProjectRows.map(parseRow);
  const totals = totalUnits(rng, rows);
  const plans = planUnits(rng, rows, totals);
  const previous = years2022(rng, rows, totals);
  const usedCodes = new Set<string>();
  const leaderCount = new Map<string, number>();
  const counters = { pending: 0, reserve: 0 };
  let statsSeq = 0;
  const projects = rows.map((row, i): DemoProject => {
    const facts = articleFacts[row.name] ?? {};
    const plan = { ...schedule(rng, row), ...pick(facts, ['plannedStart', 'plannedFinish', 'actualStart']) };
    const total = totals[i]! * UNIT;
    const current: DemoProjectYear = {
      year: 2023,
      level: row.level,
      category: row.status === 'reserve' ? 'reserve' : 'implementation',
      annualPlan: plans[i]! * UNIT,
    };
    const before = previous.get(i);
    return {
      code: projectCode(rng, row, plan, usedCodes),
      name: row.name,
      nature: row.nature,
      industry: row.industry,
      ownerUnit: ownerUnit(rng, row),
      regionKey: row.regionKey,
      ...place(rng, row),
      content: facts.content ?? content(rng, row),
      totalInvestment: total,
      ...plan,
      ...statistics(rng, row, plan, total, () => ++statsSeq),
      ...people(rng, row, leaderCount),
      departmentKey: department(row, i, counters),
      contactName: personName(rng),
      contactPhone: `1390534${String(rng.int(0, 9999)).padStart(4, '0')}`,
      notes: facts.notes ?? (row.status === 'notStarted' ? rng.pick(pendingReasons) : null),
      years: before ? [before, current] : [current],
    };
  });
  return {
    regions: laolingRegions(),
    departments: laolingDepartments(),
    users: laolingUsers(),
    projects,
    demoPassword: DEMO_PASSWORD,
    today: LAOLING_ARTICLE_DATE,
  };
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const result: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) result[key] = source[key];
  return result;
}
