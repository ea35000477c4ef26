/**
 * Stage actuals for demo and generated projects, as of a date (the date the 乐陵 demo is lived
 * to — today, or the article's 2023-04-13): what the county's war chart looks like on that day.
 *
 * Each project is planned by the domain (scheduleMany over its template) from its ledger
 * targets — the same targets the server plans with — and the plan is then "lived": every stage
 * due is done on time (on or a few days before its latest finish; green), in progress when its
 * latest start has come (green), except where the project carries a hitch (DemoProject.hitches,
 * laoling-living.ts): that stage finishes `days` after its latest finish (yellow), or is still
 * open on the date (red once 30 days past), and the stages after it follow. Started projects have
 * their procedures done by 开工 and 开工 done on the actual start (a late start is yellow); a
 * project whose article text says 封顶 has 主体封顶 done; reserve projects mostly have nothing but
 * a signing. Deterministic (seeded), batch-inserted.
 */
import {
  buildCalendar,
  chinaCalendarSpec,
  compileStages,
  createScheduleBatch,
  fromOrdinal,
  isValidIsoDate,
  monthPrecision,
  mulberry32,
  NO_DATE,
  scheduleMany,
  stageTemplates,
  toOrdinal,
  type CompiledStages,
  type DemoProject,
  type StageTemplateKey,
  type WorkingCalendar,
} from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import {
  insertSchedulesBulk,
  insertStagesBulk,
  type NewStageRow,
} from '../repositories/schedule.repository.ts';
import { builtInLastYear, CALENDAR_FIRST_YEAR } from '../services/calendar.service.ts';
import { ledgerTargets } from '../services/schedule-plan.ts';

/** Infrastructure and social projects get their templates; everything else is industrial. */
export function demoTemplateOf(industry: string | null): StageTemplateKey {
  if (industry && /交通|水利|城市更新|道路|管网|基础设施|市政/.test(industry)) return 'infrastructure';
  if (industry && /教育|医疗|民生|卫生|养老|社会|学校|医院/.test(industry)) return 'social';
  return 'industrial';
}

let calendarCache: WorkingCalendar | null = null;
function seedCalendar(): WorkingCalendar {
  // The built-in holidays plus a weekends-only tail, as the server's calendar has.
  calendarCache ??= buildCalendar({
    ...chinaCalendarSpec({ firstYear: CALENDAR_FIRST_YEAR, lastYear: builtInLastYear() }),
    lastYear: builtInLastYear() + 3,
  });
  return calendarCache;
}

const startDateOf = (value: string | null, asOf: string): string | null => {
  if (value === null) return null;
  const date = isValidIsoDate(value) ? value : monthPrecision(value) ? `${value}-10` : null;
  if (date === null) return null;
  return date > asOf ? (value.slice(0, 7) <= asOf.slice(0, 7) ? asOf : null) : date;
};

const isProcedure = (group: string) => group === 'landing' || group === 'procedures';

type Lived = { start: number; finish: number };

/** Writes plans (non-industrial templates) and stage actuals for the projects just inserted. */
export async function seedProjectStages(
  db: Db,
  projects: readonly DemoProject[],
  projectIds: ReadonlyMap<string, number>,
  asOf: string,
  seed = 413,
): Promise<{ stages: number }> {
  const rng = mulberry32(seed);
  const calendar = seedCalendar();
  const asOfOrdinal = toOrdinal(asOf);
  const at = new Date().toISOString();
  const byTemplate = new Map<
    StageTemplateKey,
    Array<{ p: DemoProject; id: number; startDate: string | null }>
  >();
  const scheduleRows = [];
  for (const p of projects) {
    const id = projectIds.get(p.name);
    if (id === undefined) continue;
    const key = demoTemplateOf(p.industry);
    if (key !== 'industrial')
      scheduleRows.push({
        projectId: id,
        templateKey: key,
        edits: '[]',
        targets: null,
        version: 1,
        updatedAt: at,
        updatedBy: null,
      });
    const list = byTemplate.get(key) ?? [];
    list.push({ p, id, startDate: startDateOf(p.actualStart, asOf) });
    byTemplate.set(key, list);
  }
  await insertSchedulesBulk(db, scheduleRows);

  const rows: NewStageRow[] = [];
  for (const [key, list] of byTemplate) {
    const compiled = compileStages(stageTemplates[key].stages);
    const n = compiled.count;
    const batch = createScheduleBatch(compiled, list.length);
    list.forEach(({ p }, k) => {
      // Planned on the ledger's targets, as the server plans it; a started project's procedures end by 开工.
      const targets = ledgerTargets(p.plannedStart, p.plannedFinish);
      for (const t of targets) {
        const i = compiled.positionOf.get(t.stage);
        if (i !== undefined) batch.targetFinish[k * n + i] = toOrdinal(t.finishBy);
      }
    });
    const plan = scheduleMany(compiled, calendar, batch, asOfOrdinal);
    const failed = new Set(plan.errors.map((e) => e.project));
    list.forEach(({ p, id, startDate }, k) => {
      const lived = failed.has(k)
        ? livedWithoutPlan(compiled, startDate, asOfOrdinal, rng)
        : livePlan(compiled, p, startDate, plan, k, asOfOrdinal, rng);
      lived.forEach((l, i) => {
        if (!l) return;
        rows.push({
          projectId: id,
          stageKey: compiled.stages[i]!.key,
          actualStart: l.start === NO_DATE ? null : fromOrdinal(l.start),
          actualFinish: l.finish === NO_DATE ? null : fromOrdinal(l.finish),
          note: null,
          updatedAt: at,
          updatedBy: null,
        });
      });
    });
  }
  await insertStagesBulk(db, rows);
  return { stages: rows.length };
}

// The latest finish of a stage's predecessors: a stage lived after them starts no earlier.
function predFinish(c: CompiledStages, lived: Array<Lived | null>, i: number): number {
  let latest = NO_DATE;
  for (let k = c.predStart[i]!; k < c.predStart[i + 1]!; k++)
    latest = Math.max(latest, lived[c.predStage[k]!]?.finish ?? NO_DATE);
  return latest;
}

function predsDone(c: CompiledStages, lived: Array<Lived | null>, i: number): boolean {
  for (let k = c.predStart[i]!; k < c.predStart[i + 1]!; k++) {
    const l = lived[c.predStage[k]!];
    if (!l || l.finish === NO_DATE) return false;
  }
  return true;
}

function livePlan(
  c: CompiledStages,
  p: DemoProject,
  startDate: string | null,
  plan: ReturnType<typeof scheduleMany>,
  k: number,
  asOf: number,
  rng: () => number,
): Array<Lived | null> {
  const n = c.count;
  const lived: Array<Lived | null> = new Array<Lived | null>(n).fill(null);
  const started = startDate !== null ? toOrdinal(startDate) : null;
  const toppedOut = /封顶/.test(`${p.content ?? ''}${p.notes ?? ''}`);
  const latestYear = [...p.years].sort((a, b) => b.year - a.year)[0];
  const reserve = latestYear?.category === 'reserve';
  const hitchDays = new Map((p.hitches ?? []).map((h) => [h.stage, h.days]));
  // A stage due by asOf: done on time (a few days early at most), or `days` late with a hitch —
  // still open (null) when that is after asOf.
  const due = (key: string, ls: number, lf: number, after: number): Lived | null => {
    const days = hitchDays.get(key);
    const finish = days === undefined ? Math.max(after, lf - Math.floor(rng() * 5)) : lf + days;
    if (finish > asOf) return ls <= asOf ? { start: Math.max(ls, after), finish: NO_DATE } : null;
    return { start: Math.max(after, Math.min(ls, finish)), finish };
  };
  for (let i = 0; i < n; i++) {
    const def = c.stages[i]!;
    const at = k * n + i;
    const after = predFinish(c, lived, i);
    const ls = Math.max(plan.latestStart[at]!, after);
    const lf = Math.max(plan.latestFinish[at]!, after);
    if (!predsDone(c, lived, i)) continue;
    if (started !== null) {
      if (isProcedure(def.group)) {
        const days = hitchDays.get(def.key) ?? 0;
        const finish = Math.max(after, Math.min(lf + days, started));
        lived[i] = { start: Math.min(ls, finish), finish };
      } else if (def.key === 'start') lived[i] = { start: started, finish: started };
      else if (def.key === 'statistics') {
        const stats =
          p.statsIncluded && p.statsDate && isValidIsoDate(p.statsDate) ? toOrdinal(p.statsDate) : NO_DATE;
        lived[i] = {
          start: started,
          finish: stats !== NO_DATE && stats <= asOf ? Math.max(stats, started) : NO_DATE,
        };
      } else if (toppedOut && (def.key === 'structure' || def.key === 'topping')) {
        const finish = Math.max(started, Math.min(lf, asOf - 14));
        lived[i] = { start: def.key === 'topping' ? finish : Math.max(started, ls), finish };
      } else if (lf <= asOf || hitchDays.has(def.key)) lived[i] = due(def.key, ls, lf, after);
      else if (ls <= asOf) lived[i] = { start: ls, finish: NO_DATE };
      continue;
    }
    if (!isProcedure(def.group)) continue;
    if (reserve) {
      // 储备类: a signing, perhaps a company; nothing else yet.
      if ((def.key === 'signing' && rng() < 0.4) || (def.key === 'registration' && rng() < 0.3)) {
        const finish = Math.min(asOf, Math.max(after, asOf - 30 - Math.floor(rng() * 200)));
        lived[i] = { start: Math.max(after, finish - def.duration), finish };
      }
      continue;
    }
    if (lf <= asOf) lived[i] = due(def.key, ls, lf, after);
    else if (ls <= asOf) lived[i] = { start: ls, finish: NO_DATE };
  }
  return lived;
}

// A project the plan cannot place (no dates in the ledger): 开工 on its actual start, if any.
function livedWithoutPlan(c: CompiledStages, startDate: string | null, _asOf: number, _rng: () => number) {
  const lived: Array<Lived | null> = new Array<Lived | null>(c.count).fill(null);
  if (startDate === null) return lived;
  const o = toOrdinal(startDate);
  const i = c.positionOf.get('start');
  if (i !== undefined) lived[i] = { start: o, finish: o };
  return lived;
}
