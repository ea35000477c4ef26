/**
 * The living demo's monthly dispatch (一月一调度, issue 10 item 7): for 乐陵市 lived to `today`, one
 * round per month from January 2023 to last month (the month before today's), over that year's
 * implementation projects, deadline the 25th, and each project's report of the month:
 *
 * - the amounts: each project's year has a completed total (a share of its annual plan: about the
 *   plan for a project started before the year, less for one starting in it, nothing before 开工,
 *   never past its total investment), split over the months from its start to its planned finish
 *   with seasonal weights (春节, summer rains, winter) — an amount a report did not bring in (missing,
 *   still returned, a draft) is carried into the project's next counted report of the year;
 * - the statuses: most submitted by the 25th and accepted within days; some late (submitted after
 *   the deadline); some returned with a reason and resubmitted corrected (the kept versions:
 *   submitted, returned, submitted, accepted); a few missing, more in the current year; in last
 *   month's round some still wait for review and the returned ones for their correction;
 * - 形象进度 from a phrase bank per stage (前期, 基础, 主体, 装修与安装, 收尾), workers, funds in place
 *   (到位资金), 纳统 for projects ≥ 500万元 after 开工 (as the project's statistics date says),
 *   problems now and then, next month's plan;
 * - the ledger agrees with the table: each project-year's reported figure (累计完成投资) is the sum
 *   of its counted reports (submitted or accepted), as of the end of the last month counted.
 *
 * Pure and deterministic: every draw comes from a generator seeded by the project and the month,
 * so a later `today` extends the story of an earlier one; an event after `today` (a late
 * submission, a review) has not happened yet — the report is then a draft, or not there.
 * Instants are ISO UTC, Shanghai office hours (09:00–17:59); the Shanghai day is the UTC day here.
 */
import { addMonths } from '../dates.ts';
import { STATS_THRESHOLD_YUAN } from '../dispatch/figures.ts';
import { defaultDeadline, monthEnd, monthNumber, monthOfDate, monthsBetween } from '../dispatch/month.ts';
import { planBank, problemBank, progressBank, returnReasons } from './laoling-dispatch-texts.ts';
import { COUNTY_KEY } from './laoling-people.ts';
import { apportion, createRandom, type Random } from './random.ts';
import type {
  DemoDataset,
  DemoDispatch,
  DemoPhoto,
  DemoProject,
  DemoReport,
  DemoReportValues,
  DemoReportVersion,
  DemoRound,
  DemoYearFigure,
  Stage,
} from './types.ts';

/** The first month with a round. */
export const DISPATCH_FIRST_MONTH = '2023-01';
/** The county admin (发改局) who opens the rounds and reviews the reports. */
export const DISPATCH_REVIEWER = 'fgj';
const SEED = 20_230_125;
/** Amounts are whole 万元. */
const WAN = 10_000;

/** Seasonal weight of a month's work: 春节 in Jan–Feb, rains in Jul–Aug, winter in Dec. */
const seasonal = [0.5, 0.4, 0.9, 1.1, 1.1, 1.1, 0.9, 0.9, 1.2, 1.2, 1.0, 0.7];

/** FNV-1a of a text: a project's seed from its (unique) name. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const rngOf = (name: string, salt: string) => createRandom((hashOf(`${name}|${salt}`) ^ SEED) >>> 0);

/**
 * Days after a date, by integer arithmetic (civil days, H. Hinnant's algorithm): the same as
 * dates.ts's addDays without a Date per call — the dispatch makes tens of thousands of them.
 */
export function plusDays(iso: string, days: number): string {
  let y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const z = era * 146097 + doe + days;
  const era2 = Math.floor(z / 146097);
  const doe2 = z - era2 * 146097;
  const yoe2 = Math.floor(
    (doe2 - Math.floor(doe2 / 1460) + Math.floor(doe2 / 36524) - Math.floor(doe2 / 146096)) / 365,
  );
  const doy2 = doe2 - (365 * yoe2 + Math.floor(yoe2 / 4) - Math.floor(yoe2 / 100));
  const mp = Math.floor((5 * doy2 + 2) / 153);
  const day = doy2 - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe2 + era2 * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A ledger date ('YYYY-MM' or 'YYYY-MM-DD') as its month. */
const monthOf = (value: string | null): string | null => (value === null ? null : value.slice(0, 7));

/** An instant on a Shanghai day in office hours (09:00–17:59 Shanghai = 01:00–09:59 UTC). */
function instant(rng: Random, day: string): string {
  const h = rng.int(1, 9);
  const m = rng.int(0, 59);
  return `${day}T0${h}:${String(m).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}.000Z`;
}

/** The month before today's. */
export const lastDispatchMonth = (today: string): string => addMonths(monthOfDate(today), -1);

/** The months with a round, for a demo lived to `today`: January 2023 … last month. */
export function dispatchMonths(today: string): string[] {
  const last = lastDispatchMonth(today);
  const months: string[] = [];
  for (let m = DISPATCH_FIRST_MONTH; m <= last; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** The stage a project is at in a month: by the share of its construction time elapsed. */
export function stageOf(p: Pick<DemoProject, 'actualStart' | 'plannedFinish'>, month: string): Stage {
  const start = monthOf(p.actualStart);
  if (start === null || start > month) return 'preparing';
  const finish = monthOf(p.plannedFinish) ?? addMonths(start, 18);
  if (month > finish) return 'completed';
  const share = (monthsBetween(start, month) + 1) / Math.max(1, monthsBetween(start, finish) + 1);
  return share <= 0.2 ? 'foundation' : share <= 0.6 ? 'structure' : share <= 0.9 ? 'finishing' : 'completing';
}

/**
 * A project's monthly amounts of a year (12 integer yuan amounts, whole 万元): the year's completed
 * total split by seasonal weight (× a project's own 0.6–1.4 jitter) over the months from its start
 * (half a month's weight in the start month) to its planned finish; nothing before 开工. The
 * year's total: the annual plan × 0.8–1.08 for a project started before the year, × 0.6–1.0 ×
 * (months left after the start + 2) ÷ 12 (at most 1) for one starting in it; at most what is left
 * of the total investment after the earlier years (`done`).
 */
export function monthlyAmounts(
  p: Pick<DemoProject, 'name' | 'actualStart' | 'plannedFinish' | 'totalInvestment'>,
  year: number,
  annualPlan: number,
  done: number,
): number[] {
  const rng = rngOf(p.name, `year ${year}`);
  const jitter = seasonal.map(() => rng.between(0.6, 1.4));
  const before = rng.between(0.8, 1.08);
  const within = rng.between(0.6, 1.0);
  const start = monthOf(p.actualStart);
  const finish = monthOf(p.plannedFinish);
  const weights = seasonal.map((w, k) => {
    const month = `${year}-${String(k + 1).padStart(2, '0')}`;
    if (start === null || month < start) return 0;
    if (finish !== null && month > finish) return 0;
    return (month === start ? 0.5 : 1) * w * jitter[k]!;
  });
  if (start === null || weights.every((w) => w === 0)) return weights.map(() => 0);
  const startedBefore = start < `${year}-01`;
  const monthsLeft = startedBefore ? 12 : 13 - monthNumber(start);
  const share = startedBefore ? before : within * Math.min(1, (monthsLeft + 2) / 12);
  const left = Math.max(0, p.totalInvestment - done);
  const units = Math.floor(Math.min(annualPlan * share, left) / WAN);
  return apportion(weights, units).map((u) => u * WAN);
}

/**
 * Builds the dispatch of a demo dataset lived to `data.today` (see the file's comment). The
 * reports are in round order, each round's in the dataset's project order.
 */
export function buildLaolingDispatch(data: DemoDataset): DemoDispatch {
  const today = data.today;
  const months = dispatchMonths(today);
  const last = months[months.length - 1];
  const currentYear = Number(today.slice(0, 4));
  const rounds: DemoRound[] = [];
  const reports: DemoReport[] = [];
  const yearFigures: DemoYearFigure[] = [];
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
  const done = new Map<string, number>();
  for (const year of years) {
    const projects = data.projects.filter((p) =>
      p.years.some((y) => y.year === year && y.category === 'implementation'),
    );
    const yearMonths = months.filter((m) => m.startsWith(`${year}-`));
    const state = projects.map((p) => {
      const plan = p.years.find((y) => y.year === year)!.annualPlan;
      const amounts = monthlyAmounts(p, year, plan, done.get(p.name) ?? 0);
      return { p, amounts, carry: 0, ytd: 0, lastCounted: null as DemoReport | null };
    });
    for (const month of yearMonths) {
      const deadline = defaultDeadline(month);
      rounds.push({
        month,
        year,
        deadline,
        createdAt: `${month}-01T01:00:00.000Z`,
        createdBy: DISPATCH_REVIEWER,
        projectNames: projects.map((p) => p.name),
      });
      for (const s of state) {
        const amount = s.amounts[monthNumber(month) - 1]! + s.carry;
        const report = reportOf(s.p, month, deadline, amount, {
          today,
          isLast: month === last,
          missingChance: year === currentYear ? 0.04 : 0.012,
        });
        if (report) reports.push(report);
        if (report?.counted) {
          s.carry = 0;
          s.ytd += report.values.completedThisMonth;
          s.lastCounted = report;
        } else s.carry = amount;
      }
    }
    for (const s of state) {
      done.set(s.p.name, (done.get(s.p.name) ?? 0) + s.ytd);
      if (s.lastCounted)
        yearFigures.push({
          projectName: s.p.name,
          year,
          reportedYtd: s.ytd,
          reportedAsOf: monthEnd(s.lastCounted.month),
          reportedProgress: s.lastCounted.values.progressText,
        });
    }
  }
  return {
    regionKey: COUNTY_KEY,
    rounds,
    reports,
    yearFigures,
    photos: photosOf(data, reports, months.slice(-2)),
  };
}

/** The dataset with its dispatch, and each project-year's ledger figure as its reports add up. */
export function withLaolingDispatch(data: DemoDataset): DemoDataset {
  const dispatch = buildLaolingDispatch(data);
  const figures = new Map(dispatch.yearFigures.map((f) => [`${f.projectName}|${f.year}`, f]));
  return {
    ...data,
    projects: data.projects.map((p) => ({
      ...p,
      years: p.years.map((y) => {
        const f = figures.get(`${p.name}|${y.year}`);
        return f
          ? {
              ...y,
              reportedYtd: f.reportedYtd,
              reportedAsOf: f.reportedAsOf,
              reportedProgress: f.reportedProgress,
            }
          : y;
      }),
    })),
    dispatch,
  };
}

function valuesOf(rng: Random, p: DemoProject, month: string, amount: number, day: string): DemoReportValues {
  const stage = stageOf(p, month);
  const started = stage !== 'preparing';
  const hitch = p.hitches?.[0];
  const problems =
    !started && hitch
      ? [hitch.reason]
      : started && stage !== 'completed' && rng.chance(0.12)
        ? [rng.pick(problemBank)]
        : [];
  const qualifies = started && p.totalInvestment >= STATS_THRESHOLD_YUAN;
  const included = qualifies && p.statsIncluded && (p.statsDate === null || p.statsDate <= day);
  return {
    completedThisMonth: amount,
    progressText: rng.pick(progressBank[stage]),
    workersOnSite:
      started && stage !== 'completed' ? Math.min(500, 8 + Math.round(amount / 150_000) + rng.int(0, 20)) : 0,
    fundsInPlace: Math.round((amount * rng.between(0.7, 1.3)) / WAN) * WAN,
    statsIncluded: qualifies ? included : null,
    statsCode: included ? p.statsCode : null,
    statsDate: included ? p.statsDate : null,
    problems,
    nextMonthPlan: rng.pick(planBank[stage]),
  };
}

/**
 * One project's report of a month, or null (missing). The draws, in order: missing?, late?,
 * returned?, the submission day, the review delays, the texts — all made whatever `today` is, so
 * that `today` only cuts the story.
 */
function reportOf(
  p: DemoProject,
  month: string,
  deadline: string,
  amount: number,
  o: { today: string; isLast: boolean; missingChance: number },
): DemoReport | null {
  const rng = rngOf(p.name, month);
  // One draw each, whatever the month: the current year's higher chance of a missing report moves
  // only its threshold, not the draws after it.
  const missing = rng.chance(o.missingChance);
  const late = rng.chance(0.08);
  const returned = rng.chance(0.05);
  const waiting = rng.chance(0.15) && o.isLast;
  const submitDay = late ? plusDays(deadline, rng.int(1, 8)) : plusDays(deadline, -rng.int(0, 7));
  const draftDay = plusDays(submitDay, -rng.int(1, 4));
  const reviewDay = plusDays(submitDay, rng.int(1, 3));
  const fixDay = plusDays(reviewDay, rng.int(1, 4));
  const acceptDay = plusDays(fixDay, rng.int(1, 2));
  const reporter = p.taskForceUsernames[0] ?? p.leaderUsername;
  const values = valuesOf(rng, p, month, amount, submitDay);
  // The first submission of a returned report: the amount mistyped, the 纳统 left out or the plan
  // too vague — each with the reason the admin gives.
  const mistyped = Math.round((amount * rng.between(1.4, 2.2)) / WAN) * WAN;
  const kinds = [
    'plan',
    ...(amount > 0 ? ['amount', 'funds'] : []),
    ...(values.statsIncluded ? ['stats'] : []),
  ];
  const kind = kinds[Math.floor(rng.next() * kinds.length)];
  const times = [draftDay, submitDay, reviewDay, fixDay, acceptDay].map((d) => instant(rng, d));
  if (missing || draftDay > o.today) return null;

  const [wrong, reason]: [DemoReportValues, string] = !returned
    ? [values, '']
    : kind === 'amount'
      ? [{ ...values, completedThisMonth: mistyped }, returnReasons[0]!]
      : kind === 'funds'
        ? [{ ...values, fundsInPlace: values.fundsInPlace * 3 }, returnReasons[1]!]
        : kind === 'stats'
          ? [{ ...values, statsIncluded: null, statsCode: null, statsDate: null }, returnReasons[2]!]
          : [{ ...values, nextMonthPlan: '继续施工' }, returnReasons[3]!];
  const steps: DemoReportVersion[] = [];
  const step = (
    status: DemoReportVersion['status'],
    k: number,
    by: string | null,
    v: DemoReportValues,
    why: string | null = null,
  ) =>
    steps.push({ version: steps.length + 1, status, at: times[k]!, by, values: v, late, returnReason: why });
  if (returned) {
    step('submitted', 1, reporter, wrong);
    step('returned', 2, DISPATCH_REVIEWER, wrong, reason);
    // Last month's returned reports wait for their correction.
    if (!o.isLast) {
      step('submitted', 3, reporter, values);
      step('accepted', 4, DISPATCH_REVIEWER, values);
    }
  } else {
    step('submitted', 1, reporter, values);
    // Last month: some still wait for the admin's review.
    if (!waiting) step('accepted', 2, DISPATCH_REVIEWER, values);
  }
  // What has happened by today.
  const happened = steps.filter((s) => s.at.slice(0, 10) <= o.today);
  const lastStep = happened[happened.length - 1];
  const firstSubmit = happened[0];
  const current = lastStep?.values ?? values;
  return {
    month,
    projectName: p.name,
    status: lastStep?.status ?? 'draft',
    values: current,
    createdAt: times[0]!,
    createdBy: reporter,
    updatedAt: lastStep?.at ?? times[0]!,
    updatedBy: lastStep?.by ?? reporter,
    submittedAt: lastStep
      ? ([...happened].reverse().find((s) => s.status === 'submitted')?.at ?? null)
      : null,
    submittedBy: firstSubmit ? reporter : null,
    late: firstSubmit ? late : false,
    returnReason: lastStep?.status === 'returned' ? reason : null,
    versions: happened,
    counted: lastStep?.status === 'submitted' || lastStep?.status === 'accepted',
  };
}

/**
 * The photos: one on last month's counted report of each of the ten largest projects under
 * construction then (by total investment; with coordinates), and one on the month before's of the
 * first four of them — a few photos a demo opens, few enough to seed in a moment. Each taken on
 * the site (within ~300 m of the project's point), 1–12 days before the submission, in the month.
 */
function photosOf(data: DemoDataset, reports: readonly DemoReport[], months: readonly string[]): DemoPhoto[] {
  const last = months[months.length - 1]!;
  const recent = reports.filter((r) => months.includes(r.month) && r.counted);
  const reported = new Set(recent.filter((r) => r.month === last).map((r) => r.projectName));
  const chosen = data.projects
    .filter((p) => p.latitude !== null && p.longitude !== null && reported.has(p.name))
    .filter((p) => !['preparing', 'completed'].includes(stageOf(p, last)))
    .sort((a, b) => b.totalInvestment - a.totalInvestment || (a.name < b.name ? -1 : 1))
    .slice(0, 10);
  const rank = new Map(chosen.map((p, k) => [p.name, k]));
  const byName = new Map(chosen.map((p) => [p.name, p]));
  const photos: DemoPhoto[] = [];
  for (const r of recent) {
    const k = rank.get(r.projectName);
    if (k === undefined || (r.month !== last && k >= 4)) continue;
    const p = byName.get(r.projectName)!;
    const rng = rngOf(p.name, `photos ${r.month}`);
    const day = plusDays((r.submittedAt ?? r.createdAt).slice(0, 10), -rng.int(1, 12));
    const takenDay = day < `${r.month}-01` ? `${r.month}-01` : day;
    const two = (n: number) => String(n).padStart(2, '0');
    photos.push({
      month: r.month,
      projectName: p.name,
      fileName: `现场照片-${r.month}.jpg`,
      takenAt: `${takenDay}T${two(rng.int(8, 16))}:${two(rng.int(0, 59))}:${two(rng.int(0, 59))}`,
      latitude: Math.round((p.latitude! + rng.between(-0.0025, 0.0025)) * 1e6) / 1e6,
      longitude: Math.round((p.longitude! + rng.between(-0.003, 0.003)) * 1e6) / 1e6,
      stage: stageOf(p, r.month),
    });
  }
  return photos;
}
