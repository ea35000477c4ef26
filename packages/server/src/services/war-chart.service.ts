/**
 * 挂图作战: the portfolio as projects × stages, each cell coded per the contract (status + 8 ×
 * warning + 32 × flag). Built for 50,000 projects: the ledger's own query gives the rows, plans
 * and actual dates are read in bulk, each distinct stage list is compiled once and every project
 * on it is scheduled by scheduleMany; warnings are the domain's stageWarnings.
 */
import type { WarChartDto, WarChartQuery } from '@guatu/contracts';
import {
  applyProjectEdits,
  batchStatus,
  compileStages,
  createScheduleBatch,
  defaultWarningRules,
  fromOrdinal,
  isValidIsoDate,
  NO_DATE,
  scheduleMany,
  shanghaiToday,
  stageWarnings,
  toOrdinal,
  type CompiledStages,
  type Level,
  type ScheduleResult,
  type ScheduledStage,
  type StageActual,
  type StageDef,
  type WarningLevel,
} from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../policies/actor.ts';
import { projectReadGrants } from '../policies/project.policy.ts';
import { findRegionById } from '../repositories/region.repository.ts';
import {
  findPackedStagesOf,
  findSchedulesOf,
  findWarChartProjects,
  type WarChartProjectRow,
} from '../repositories/schedule.repository.ts';
import { loadCalendar } from './calendar.service.ts';
import { ledgerYears } from './projects.service.ts';
import { planOf, type Plan } from './schedule-plan.ts';
import { loadTemplates, type Templates } from './stage-template.service.ts';

/** Cell encoding of the contract. */
export const cellStatus = { not_started: 0, in_progress: 1, done: 2, late: 3, not_applicable: 4 } as const;
export const cellWarning = { none: 0, green: 1, yellow: 2, red: 3 } as const;
export const cellFlag = { none: 0, red: 1, black: 2 } as const;
export const decodeCell = (code: number) => ({ status: code & 7, warning: (code >> 3) & 3, flag: code >> 5 });

const levelLabels: Record<Level, string> = {
  province: '省级重点项目',
  city: '市级重点项目',
  county: '县级重点项目',
};
const levelOrder: Level[] = ['province', 'city', 'county'];
const UNASSIGNED = '未指定';

/** The chart and, per cell, the date shown with it (actual finish when done, else latest finish). */
export type WarChartData = {
  chart: WarChartDto;
  /** Day ordinal per cell, NO_DATE where there is none. */
  dates: Int32Array;
  title: string;
};

type LedgerRow = WarChartProjectRow & { level: Level };

async function ledgerRows(
  db: Db,
  actor: Actor,
  q: WarChartQuery,
  now: Date,
): Promise<{ year: number; rows: LedgerRow[] }> {
  // Also the ledger's reader check, when a year is given too.
  const year = q.year ?? (await ledgerYears(db, actor, now)).current;
  if (q.year !== undefined) await ledgerYears(db, actor, now);
  let regionPath: string | undefined;
  if (q.regionId !== undefined) regionPath = (await findRegionById(db, q.regionId))?.path ?? '/none/';
  const { regionId: _r, groupBy: _g, ...filters } = q;
  const filter = { ...filters, year, regionPath, today: shanghaiToday(now) };
  const rows = (await findWarChartProjects(db, filter, projectReadGrants(actor))) as LedgerRow[];
  return { year, rows };
}

function groupOf(row: LedgerRow, by: WarChartQuery['groupBy']): { key: string; label: string } {
  switch (by) {
    case 'level':
      return { key: row.level, label: levelLabels[row.level] };
    case 'town':
      return { key: String(row.regionId), label: row.regionName };
    case 'leader':
      return row.leaderId === null
        ? { key: 'none', label: UNASSIGNED }
        : { key: String(row.leaderId), label: row.leaderName ?? String(row.leaderId) };
    case 'department':
      return row.departmentId === null
        ? { key: 'none', label: UNASSIGNED }
        : { key: String(row.departmentId), label: row.departmentName ?? String(row.departmentId) };
  }
}

const collator = new Intl.Collator('zh-Hans-CN');

/** Projects ordered by group, keeping the ledger's order inside a group. */
function grouped(rows: readonly LedgerRow[], by: WarChartQuery['groupBy']) {
  const keyed = rows.map((row) => ({ row, ...groupOf(row, by) }));
  const groups = new Map<string, { key: string; label: string; count: number }>();
  for (const k of keyed) {
    const g = groups.get(k.key);
    if (g) g.count++;
    else groups.set(k.key, { key: k.key, label: k.label, count: 1 });
  }
  const list = [...groups.values()].sort((a, b) => {
    if (by === 'level') return levelOrder.indexOf(a.key as Level) - levelOrder.indexOf(b.key as Level);
    if ((a.key === 'none') !== (b.key === 'none')) return a.key === 'none' ? 1 : -1;
    return collator.compare(a.label, b.label);
  });
  const index = new Map(list.map((g, i) => [g.key, i]));
  const ordered = keyed
    .map((k, i) => ({ ...k, i, group: index.get(k.key)! }))
    .sort((a, b) => a.group - b.group || a.i - b.i);
  return { groups: list, ordered };
}

type ListEntry = { stages: StageDef[] | null; compiled: CompiledStages | null; members: number[] };

// One compiled stage list per distinct template + edits; a list the domain rejects is null
// and its projects are shown from their actual dates only.
function stageLists(templates: Templates, plans: readonly Plan[]): ListEntry[] {
  const byKey = new Map<string, ListEntry>();
  const lists: ListEntry[] = [];
  plans.forEach((plan, p) => {
    const key =
      plan.edits.length === 0 ? plan.templateKey : `${plan.templateKey}|${JSON.stringify(plan.edits)}`;
    let entry = byKey.get(key);
    if (!entry) {
      let stages: StageDef[] | null = null;
      let compiled: CompiledStages | null = null;
      try {
        stages = applyProjectEdits(templates[plan.templateKey].stages, plan.edits);
        compiled = compileStages(stages);
      } catch {
        compiled = null;
      }
      entry = { stages, compiled, members: [] };
      byKey.set(key, entry);
      lists.push(entry);
    }
    entry.members.push(p);
  });
  return lists;
}

const ordinalOrNull = (date: string | null | undefined): number =>
  date && isValidIsoDate(date) ? toOrdinal(date) : NO_DATE;

type Recorded = { stageKey: string; start: number; finish: number };

const warningRank: Record<WarningLevel, number> = { green: 1, yellow: 2, red: 3 };

/** The war chart of the projects the actor may read under the ledger's filters. */
export async function computeWarChart(
  db: Db,
  actor: Actor,
  q: WarChartQuery,
  now: Date,
): Promise<WarChartData> {
  const today = shanghaiToday(now);
  const todayOrdinal = toOrdinal(today);
  const { year, rows } = await ledgerRows(db, actor, q, now);
  const { groups, ordered } = grouped(rows, q.groupBy);
  const ids = ordered.map((o) => o.row.id);
  const [schedules, packed, templates, cal] = await Promise.all([
    findSchedulesOf(db, ids),
    findPackedStagesOf(db, ids),
    loadTemplates(db),
    loadCalendar(db, today),
  ]);
  const calendar = cal.calendar;
  const { base, size } = calendar.index;
  // Ordinal → date text by table: a chart of 50,000 projects converts millions of dates.
  const dateTable = Array.from({ length: size }, (_, r) => fromOrdinal(base + r));
  const dateOf = (o: number) => (o >= base && o < base + size ? dateTable[o - base]! : fromOrdinal(o));
  const ordinalTable = new Map(dateTable.map((d, r) => [d, base + r]));
  const ordinalOf = (d: string): number => (d === '' ? NO_DATE : (ordinalTable.get(d) ?? ordinalOrNull(d)));

  const position = new Map(ids.map((id, p) => [id, p]));
  const scheduleOf = new Map(schedules.map((s) => [s.projectId, s]));
  const plans = ordered.map((o) => planOf(scheduleOf.get(o.row.id), o.row));
  // 'key,start,finish;…' per project, split here rather than half a million rows in the driver.
  const stagesOf: Recorded[][] = ids.map(() => []);
  for (const [projectId, text] of packed) {
    const list = stagesOf[position.get(projectId)!]!;
    for (const item of text.split(';')) {
      const [stageKey = '', start = '', finish = ''] = item.split(',');
      list.push({ stageKey, start: ordinalOf(start), finish: ordinalOf(finish) });
    }
  }

  const columns = templates.industrial.stages.map((s) => ({ key: s.key, name: s.name, group: s.group }));
  const width = columns.length;
  const cells = new Array<number>(ids.length * width).fill(cellStatus.not_started);
  const dates = new Int32Array(ids.length * width).fill(NO_DATE);

  const lists = stageLists(templates, plans);
  for (const list of lists) {
    const defs = new Map((list.stages ?? []).map((s) => [s.key, s]));
    const compiled = list.compiled;
    // Column → position in the compiled list; −1 not applicable (or not in the list), −2 list rejected.
    const colPos = columns.map((c) => {
      if (!compiled) return defs.get(c.key)?.notApplicable ? -1 : -2;
      return compiled.positionOf.get(c.key) ?? -1;
    });
    let batchResult: ReturnType<typeof scheduleMany> | null = null;
    const failed = new Set<number>();
    const batch = compiled ? createScheduleBatch(compiled, list.members.length) : null;
    if (compiled && batch) {
      const n = compiled.count;
      list.members.forEach((p, k) => {
        for (const t of plans[p]!.targets) {
          const i = compiled.positionOf.get(t.stage);
          const date = ordinalOrNull(t.finishBy);
          if (i === undefined || date === NO_DATE) continue;
          const at = k * n + i;
          if (batch.targetFinish[at] === NO_DATE || date < batch.targetFinish[at]!)
            batch.targetFinish[at] = date;
        }
        for (const s of stagesOf[p]!) {
          const i = compiled.positionOf.get(s.stageKey);
          if (i === undefined) continue;
          batch.actualStart[k * n + i] = s.start;
          batch.actualFinish[k * n + i] = s.finish;
        }
      });
      batchResult = scheduleMany(compiled, calendar, batch, todayOrdinal);
      for (const e of batchResult.errors) failed.add(e.project);
    }

    // One reusable ScheduleResult per list for stageWarnings, refilled project by project.
    const scratch: ScheduledStage[] = compiled
      ? compiled.stages.map((def) => ({
          key: def.key,
          name: def.name,
          group: def.group,
          milestone: def.milestone,
          duration: def.duration,
          status: 'not_started',
          latestStart: today,
          latestFinish: today,
          earliestStart: today,
          earliestFinish: today,
          forecast: { start: today, finish: today },
          actual: {},
          target: undefined as unknown as string,
          totalFloat: 0,
          critical: false,
        }))
      : [];
    const result: ScheduleResult = {
      today,
      stages: scratch,
      overall: {
        forecastFinish: today,
        targetFinish: today,
        criticalPath: [],
        negativeFloat: [],
        minFloat: 0,
      },
    };
    const statuses = ['not_started', 'in_progress', 'done'] as const;
    const warn = new Int8Array(compiled?.count ?? 0);

    list.members.forEach((p, k) => {
      const row = p * width;
      if (!compiled || !batch || !batchResult || failed.has(k)) {
        // Not schedulable (no targets, a rejected list, a date beyond the calendar): actual dates only.
        const actual = new Map(stagesOf[p]!.map((s) => [s.stageKey, s]));
        columns.forEach((c, col) => {
          if (colPos[col] === -1) {
            cells[row + col] = cellStatus.not_applicable;
            return;
          }
          const a = actual.get(c.key);
          const milestone = defs.get(c.key)?.milestone ?? false;
          const started = a !== undefined && a.start !== NO_DATE;
          const done = (a !== undefined && a.finish !== NO_DATE) || (milestone && started);
          cells[row + col] = done
            ? cellStatus.done
            : started
              ? cellStatus.in_progress
              : cellStatus.not_started;
          if (done) dates[row + col] = a!.finish !== NO_DATE ? a!.finish : a!.start;
        });
        return;
      }
      const n = compiled.count;
      const r = batchResult;
      const targets = plans[p]!.targets;
      for (let i = 0; i < n; i++) {
        const at = k * n + i;
        const s = scratch[i]!;
        s.status = statuses[r.status[at]!]!;
        s.latestStart = dateOf(r.latestStart[at]!);
        s.latestFinish = dateOf(r.latestFinish[at]!);
        s.earliestStart = dateOf(r.earliestStart[at]!);
        s.earliestFinish = dateOf(r.earliestFinish[at]!);
        s.forecast = { start: s.earliestStart, finish: s.earliestFinish };
        const aStart = batch.actualStart[at]!;
        const aFinish = batch.actualFinish[at]!;
        const actual: StageActual = {};
        if (aStart !== NO_DATE) actual.start = dateOf(aStart);
        if (aFinish !== NO_DATE) actual.finish = dateOf(aFinish);
        s.actual = actual;
        // Assigned, never deleted: a deleted property turns every stage object into a slow dictionary.
        s.target = targets.find((t) => t.stage === s.key)?.finishBy as string;
        s.totalFloat = r.totalFloat[at]!;
        warn[i] = 0;
      }
      for (const w of stageWarnings(result, defaultWarningRules, today)) {
        const i = compiled.positionOf.get(w.stage)!;
        if (warningRank[w.level] > warn[i]!) warn[i] = warningRank[w.level];
      }
      for (let col = 0; col < width; col++) {
        const i = colPos[col]!;
        if (i < 0) {
          cells[row + col] = cellStatus.not_applicable;
          continue;
        }
        const at = k * n + i;
        const latestFinish = r.latestFinish[at]!;
        let status: number;
        let flag: number = cellFlag.none;
        if (r.status[at] === batchStatus.done) {
          status = cellStatus.done;
          flag = r.earliestFinish[at]! <= latestFinish ? cellFlag.red : cellFlag.black;
          dates[row + col] = r.earliestFinish[at]!;
        } else {
          const late = todayOrdinal > latestFinish;
          status = late
            ? cellStatus.late
            : r.status[at] === batchStatus.in_progress
              ? cellStatus.in_progress
              : cellStatus.not_started;
          if (late) flag = cellFlag.black;
          dates[row + col] = latestFinish;
        }
        cells[row + col] = status + 8 * warn[i]! + 32 * flag;
      }
    });
  }

  return {
    chart: {
      year,
      today,
      stages: columns,
      groups,
      projects: { ids, names: ordered.map((o) => o.row.name), group: ordered.map((o) => o.group) },
      cells,
    },
    dates,
    title: `${actor.regionName}${year}年重点项目挂图作战图`,
  };
}
