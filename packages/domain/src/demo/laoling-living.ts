/**
 * The living demo: 乐陵市's 2023 list exactly as the article has it (laoling-2023.ts, its figures
 * as of 2023-04-13) continued, deterministically, to a given date (today):
 *
 * - the 2023 projects still in pre-start procedures on 2023-04-13 start later in 2023, each
 *   after the hold-up its ledger note names (用地预审, 环评, 施工图审查…);
 * - each later year's list (2024 → the year of `today`) is built on 1 January: implementation
 *   projects whose 计划竣工 has passed leave (completed), the others carry over with a new annual
 *   plan; about half of the reserve projects move to implementation, some stay, some are dropped;
 *   new projects enter (省级 ≈ 6%, 市级 ≈ 21%, 县级 the rest; about four in five implementation)
 *   so that a list holds about a hundred projects and a few hundred 亿元, as 2023's does;
 * - a project entering implementation starts in its planned month (66%), a month or two late
 *   (20%), or after a long hold-up (14%); a late one carries a hitch (DemoProject.hitches): the
 *   procedure that held it up, by how many days and why — the stage a clerk would name
 *   (不动产权证 waiting on 自然资源局, a late 环评 批复, 施工图 sent back, …). Some started projects
 *   carry a construction hitch (冬季停工, equipment delivered late, the contractor's funds);
 * - statistics inclusion (入库纳统) follows 开工 by 2–6 weeks for projects ≥ 500万元.
 *
 * Every event is drawn from a generator seeded per year, independently of `today`; `today` only
 * cuts the timeline (an event after it has not happened yet), so the county of a later date
 * extends that of an earlier one and two builds on the same date are equal. The stage actuals are
 * lived by the server's seeder (seed/demo-schedules.ts) from the plans, the hitches and `today`.
 */
import { addDays, addMonths, isValidIsoDate } from '../dates.ts';
import type { Category, Level, Nature } from '../vocabulary.ts';
import {
  buildLaoling2023,
  content,
  endOfMonth,
  LAOLING_ARTICLE_DATE,
  monthOrDay,
  ownerUnit,
  people,
  personName,
  place,
  projectCode,
  STATS_THRESHOLD,
  type Row,
} from './laoling-2023.ts';
import { COUNTY_KEY, laolingTowns } from './laoling-people.ts';
import { industryDepartments } from './laoling-tables.ts';
import { createRandom, type Random } from './random.ts';
import type { DemoDataset, DemoProject, DemoProjectYear } from './types.ts';

const LIVING_SEED = 20_240_101;
const FIRST_YEAR = 2023;
/** Amounts in units of 10万元, as laoling-2023.ts. */
const UNIT = 100_000;

/**
 * Hold-ups before 开工, by the procedure stage that holds the project up: the reasons a 发改局
 * clerk hears at the monthly dispatch.
 */
export const preStartHitches: ReadonlyArray<{ stage: string; reason: string; department: string | null }> = [
  { stage: 'title', reason: '不动产权证：土地出让金分期缴纳，自然资源局待缴清后发证', department: 'zrzy' },
  { stage: 'land', reason: '土地招拍挂：用地指标待省自然资源厅批复，暂未挂牌', department: 'zrzy' },
  {
    stage: 'site',
    reason: '规划选址与用地预审：选址涉及永久基本农田调整，自然资源局审查中',
    department: 'zrzy',
  },
  {
    stage: 'environment',
    reason: '环评：专家评审后需补充地下水监测数据，生态环境分局批复延后',
    department: null,
  },
  { stage: 'energy', reason: '节能审查：能耗指标待德州市统筹调剂', department: null },
  { stage: 'drawings', reason: '施工图审查：消防设计专篇退回修改', department: 'zjj' },
  { stage: 'permit', reason: '施工许可：农民工工资保证金未缴存，行政审批局暂缓核发', department: 'xzsp' },
  { stage: 'worksPlanning', reason: '建设工程规划许可：规划方案调整，需重新批前公示', department: 'zrzy' },
];

/** Hold-ups after 开工. */
export const constructionHitches: ReadonlyArray<{ stage: string; reason: string }> = [
  { stage: 'structure', reason: '主体施工：冬季停工（11月15日至次年3月15日）影响工期' },
  { stage: 'structure', reason: '主体施工：施工单位资金到位滞后，现场人员不足' },
  { stage: 'equipment', reason: '设备安装调试：进口生产线设备到货延迟' },
];

/** What the 2023 ledger's pending notes name → the procedure stage that held the project up. */
const pendingStage: Record<string, string> = {
  用地预审办理中: 'site',
  环评报告编制中: 'environment',
  施工图审查中: 'drawings',
  土地招拍挂程序进行中: 'land',
  节能审查办理中: 'energy',
  规划方案调整中: 'worksPlanning',
};

/** New projects' names: per industry, what is built; the town (or 市) makes each name unique. */
const newSubjects: Record<string, readonly string[]> = {
  先进制造: [
    '高端装备制造产业园',
    '精密零部件智能工厂',
    '新材料生产基地',
    '体育器材智能制造',
    '环保装备制造',
  ],
  新能源: ['渔光互补光伏电站', '分散式风电', '储能电站', '生物质能源综合利用', '屋顶分布式光伏'],
  现代农业: ['小枣深加工', '预制菜加工', '冷链物流仓储', '高效设施农业园', '种业科技园'],
  商贸物流: ['商贸物流园', '农产品批发市场', '电商产业园', '仓储配送中心'],
  文化旅游: ['乡村旅游示范区', '文化街区', '研学基地', '康养旅游综合体'],
  城市更新: ['老旧小区改造', '片区综合开发', '城中村改造', '燃气管网更新改造'],
  交通: ['乡村振兴路', '道路提升改造工程', '公交场站', '县乡道改建工程'],
  教育: ['中学新建', '小学扩建', '幼儿园新建', '职教实训中心'],
  医疗卫生: ['卫生院提升', '医养结合中心', '医院门诊楼改造'],
  水利: ['河道综合治理', '农村供水提升', '灌区节水改造', '排涝泵站'],
  民生: ['污水处理厂扩建', '社区养老服务中心', '垃圾转运站', '消防站'],
};
const industryWeights: ReadonlyArray<[string, number]> = [
  ['先进制造', 20],
  ['新能源', 10],
  ['现代农业', 12],
  ['商贸物流', 9],
  ['文化旅游', 7],
  ['城市更新', 12],
  ['交通', 8],
  ['教育', 6],
  ['医疗卫生', 6],
  ['水利', 6],
  ['民生', 8],
];

const mm = (m: number) => String(m).padStart(2, '0');
/** A ledger date ('YYYY-MM' or 'YYYY-MM-DD') as a day: a month means its last day, as a target does. */
const dayOf = (value: string): string => (isValidIsoDate(value) ? value : endOfMonth(value.slice(0, 7)));
const firstDayOf = (value: string): string => (isValidIsoDate(value) ? value : `${value.slice(0, 7)}-01`);

/** The day itself when Monday–Friday, else the Friday before. */
function weekdayOnOrBefore(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? addDays(day, -2) : weekday === 6 ? addDays(day, -1) : day;
}

function weighted<T>(rng: Random, items: ReadonlyArray<[T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1]![0];
}

type Timeline = {
  /** The day the project starts (or started), null when it never does within the story. */
  start: string | null;
};

/**
 * Builds 乐陵市's demo lived to `today` (YYYY-MM-DD, default the article's 2023-04-13, which gives
 * exactly the 2023 list of laoling-2023.ts). Deterministic: equal for equal dates.
 */
export function buildLaolingDemo(today: string = LAOLING_ARTICLE_DATE): DemoDataset {
  const base = buildLaoling2023();
  if (today <= LAOLING_ARTICLE_DATE) return base;
  const lastYear = Math.max(FIRST_YEAR, Number(today.slice(0, 4)));
  const projects = base.projects;
  const timeline = new Map<DemoProject, Timeline>();
  for (const p of projects) timeline.set(p, { start: p.actualStart });

  // 2023 after the article: the pending projects start once their hold-up clears.
  const rng2023 = createRandom(LIVING_SEED + FIRST_YEAR);
  for (const p of projects) {
    const y = p.years.find((e) => e.year === FIRST_YEAR);
    if (y?.category !== 'implementation' || p.actualStart !== null) continue;
    const lag = rng2023.int(20, 110);
    const planned = dayOf(p.plannedStart ?? '2023-06');
    const start = addDays(planned > LAOLING_ARTICLE_DATE ? planned : LAOLING_ARTICLE_DATE, lag);
    timeline.get(p)!.start = start;
    const stage = pendingStage[p.notes ?? ''];
    if (stage) p.hitches = [{ stage, days: lag, reason: p.notes! }];
  }

  const usedNames = new Set(projects.map((p) => p.name));
  const usedCodes = new Set(projects.flatMap((p) => (p.code ? [p.code] : [])));
  const leaderCount = new Map<string, number>();
  for (let year = FIRST_YEAR + 1; year <= lastYear; year++) {
    const rng = createRandom(LIVING_SEED + year);
    const newYear = `${year}-01-01`;
    let carried = 0;
    let reserves = 0;
    for (const p of [...projects]) {
      const last = p.years.find((e) => e.year === year - 1);
      if (!last) continue;
      const total = p.totalInvestment;
      if (last.category === 'implementation') {
        // Completed before the new year: off the list.
        if (p.plannedFinish !== null && dayOf(p.plannedFinish) < newYear) continue;
        carried++;
        p.years.push(yearEntry(rng, year, last.level, 'implementation', total, 0.3, 0.5));
        continue;
      }
      const r = rng.next();
      if (r < 0.45) {
        carried++;
        enterImplementation(rng, p, year, timeline, last.level);
      } else if (r < 0.8) {
        reserves++;
        p.years.push(yearEntry(rng, year, last.level, 'reserve', total, 0.02, 0.05));
      }
    }
    const newImplementation = Math.min(50, Math.max(18, 84 - carried)) + rng.int(-3, 3);
    const newReserve = Math.min(20, Math.max(6, 21 - reserves)) + rng.int(-2, 2);
    for (let k = 0; k < newImplementation + newReserve; k++) {
      const reserve = k >= newImplementation;
      const { p, level } = newProject(rng, year, reserve, k === 0, usedNames, usedCodes, leaderCount);
      projects.push(p);
      timeline.set(p, { start: null });
      if (reserve) p.years.push(yearEntry(rng, year, level, 'reserve', p.totalInvestment, 0.02, 0.05));
      else enterImplementation(rng, p, year, timeline, level);
    }
  }

  // Cut the timeline at today: starts and statistics inclusion after it have not happened yet.
  const rngStats = createRandom(LIVING_SEED - 1);
  let statsSeq = 500;
  for (const p of projects) {
    const start = timeline.get(p)!.start;
    p.actualStart = start !== null && firstDayOf(start) <= today ? start : null;
    p.years = p.years.filter((y) => y.year <= lastYear);
    if (p.statsIncluded || start === null || p.totalInvestment < STATS_THRESHOLD) continue;
    const from = firstDayOf(start);
    const statsDate = addDays(
      from > LAOLING_ARTICLE_DATE ? from : LAOLING_ARTICLE_DATE,
      rngStats.int(14, 42),
    );
    if (statsDate > today) continue;
    p.statsIncluded = true;
    p.statsDate = statsDate;
    p.statsCode = `371481${statsDate.slice(0, 4)}${String(++statsSeq).padStart(4, '0')}`;
  }
  for (const p of projects)
    if (p.hitches?.length && p.notes === null) p.notes = p.hitches.map((h) => h.reason).join('；');
  return { ...base, projects, today };
}

function yearEntry(
  rng: Random,
  year: number,
  level: Level,
  category: Category,
  total: number,
  low: number,
  high: number,
): DemoProjectYear {
  const annualPlan = Math.max(UNIT, Math.round((total * rng.between(low, high)) / UNIT) * UNIT);
  return { year, level, category, annualPlan: Math.min(total, annualPlan) };
}

/**
 * A project enters implementation in `year`: planned start in February–December, completion 12–30
 * months later; on time (66%), a month or two late (20%) or held up for four months to over a year
 * (14%), the late ones with the procedure that held them up; a fifth of the punctual ones meet a
 * hold-up in construction (15–120 days).
 */
function enterImplementation(
  rng: Random,
  p: DemoProject,
  year: number,
  timeline: Map<DemoProject, Timeline>,
  level: Level,
): void {
  const plannedMonth = `${year}-${mm(rng.int(2, 12))}`;
  p.plannedStart = monthOrDay(rng, plannedMonth);
  const finishMonth = addMonths(plannedMonth, rng.int(12, 30));
  p.plannedFinish = rng.chance(0.8) ? endOfMonth(finishMonth) : finishMonth;
  const planned = dayOf(p.plannedStart);
  const r = rng.next();
  const lag = r < 0.66 ? 0 : r < 0.86 ? rng.int(20, 60) : rng.int(120, 420);
  // On time: a working day (Monday–Friday) one to six days before the planned day, which may be a
  // weekend, whose latest finish is the Friday before.
  const start = lag === 0 ? weekdayOnOrBefore(addDays(planned, -rng.int(1, 6))) : addDays(planned, lag);
  timeline.get(p)!.start = start;
  if (lag > 0) {
    const hitch = rng.pick(preStartHitches);
    p.hitches = [{ stage: hitch.stage, days: lag, reason: hitch.reason }];
    if (hitch.department) p.departmentKey = hitch.department;
  } else if (rng.chance(0.2)) {
    const hitch = rng.pick(constructionHitches);
    p.hitches = [{ stage: hitch.stage, days: rng.int(15, 120), reason: hitch.reason }];
  }
  p.years.push(yearEntry(rng, year, level, 'implementation', p.totalInvestment, 0.3, 0.5));
}

function newProject(
  rng: Random,
  year: number,
  reserve: boolean,
  /** Each year's list gets at least one new 省级 project (the first). */
  province: boolean,
  usedNames: Set<string>,
  usedCodes: Set<string>,
  leaderCount: Map<string, number>,
): { p: DemoProject; level: Level } {
  const industry = weighted(rng, industryWeights);
  const subjects = newSubjects[industry]!;
  let name = '';
  let regionKey = COUNTY_KEY;
  for (let attempt = 0; attempt < 50; attempt++) {
    const town = rng.chance(0.85) ? rng.pick(laolingTowns) : null;
    regionKey = town?.key ?? COUNTY_KEY;
    const where = town ? town.name : '乐陵市';
    name = `${where}${rng.pick(subjects)}项目`;
    if (!usedNames.has(name)) break;
    name = `${where}${year}年度${rng.pick(subjects)}项目`;
    if (!usedNames.has(name)) break;
  }
  usedNames.add(name);
  const r = rng.next();
  const level: Level = province || r < 0.06 ? 'province' : r < 0.27 ? 'city' : 'county';
  const units =
    level === 'province'
      ? rng.int(8_000, 30_000)
      : level === 'city'
        ? rng.int(2_000, 8_000)
        : rng.int(300, 3_000);
  const nature: Nature = rng.chance(0.75) ? 'new' : 'expansion';
  const row: Row = {
    name,
    industry,
    regionKey,
    level,
    status: reserve ? 'reserve' : 'notStarted',
    nature,
    owner: null,
    fixedUnits: null,
  };
  const planHint = { plannedStart: `${year}-03`, plannedFinish: null, actualStart: null };
  const p: DemoProject = {
    code: projectCode(rng, row, planHint, usedCodes),
    name,
    nature,
    industry,
    ownerUnit: ownerUnit(rng, row),
    regionKey,
    ...place(rng, row),
    content: content(rng, row),
    totalInvestment: units * UNIT,
    plannedStart: reserve ? null : `${year}-03`,
    plannedFinish: null,
    actualStart: null,
    statsIncluded: false,
    statsCode: null,
    statsDate: null,
    ...people(rng, row, leaderCount),
    departmentKey: industryDepartments[industry] ?? null,
    contactName: personName(rng),
    contactPhone: `1390534${String(rng.int(0, 9999)).padStart(4, '0')}`,
    notes: null,
    years: [],
  };
  return { p, level };
}
