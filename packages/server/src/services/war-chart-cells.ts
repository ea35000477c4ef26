/**
 * The war chart's cells (挂图作战, issue 6 / 11): for a set of projects, their stage plans and actual
 * dates read in bulk, each distinct stage list compiled once and every project on it scheduled by
 * scheduleMany; warnings and cell codes from the domain's warChartCellsBatch, written straight into
 * the cells. The reader's columns come from the stage template in force at its region.
 */
import { cellStatus, type WarChartDto } from '@guatu/contracts';
import {
  applyProjectEdits,
  batchStatus,
  compileStages,
  createScheduleBatch,
  fromOrdinal,
  isValidIsoDate,
  NO_DATE,
  scheduleMany,
  toOrdinal,
  warChartCellsBatch,
  type CompiledStages,
  type StageDef,
  type WarningRules,
  type WorkingCalendar,
} from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import { findRegionPaths } from '../repositories/reference.repository.ts';
import {
  findPackedStagesOf,
  findSchedulesOf,
  type WarChartProjectRow,
} from '../repositories/schedule.repository.ts';
import { loadCalendars, type CalendarState } from './calendar.service.ts';
import { planOf, type Plan } from './schedule-plan.ts';
import { type SettingsStamps } from './settings-cache.ts';
import {
  templateRowsInForce,
  templateRegionOf,
  templatesFor,
  type Templates,
} from './stage-template.service.ts';
import { rulesFor, rulesRegionOf, rulesRowsInForce } from './warning-rules.service.ts';

/**
 * The settings a region's projects are computed with (issue 7): the calendar, rules and
 * templates in force there, and the key of each — the region it is inherited from — so that
 * regions that inherit the same settings share one list, one calendar and one scheduling pass.
 */
type RegionSettings = {
  calendar: WorkingCalendar;
  calendarKey: string;
  rules: WarningRules;
  rulesKey: string;
  templates: Templates;
  templateKeyOf: (key: Plan['templateKey']) => string;
};

type ListEntry = {
  stages: StageDef[] | null;
  compiled: CompiledStages | null;
  members: number[];
  calendar: WorkingCalendar;
  rules: WarningRules;
};

// One compiled stage list per distinct effective settings + template + edits; a list the domain
// rejects is null and its projects are shown from their actual dates only.
function stageLists(plans: readonly Plan[], settingsOf: (p: number) => RegionSettings): ListEntry[] {
  const byKey = new Map<string, ListEntry>();
  const lists: ListEntry[] = [];
  plans.forEach((plan, p) => {
    const settings = settingsOf(p);
    const own = `${settings.calendarKey}|${settings.rulesKey}|${settings.templateKeyOf(plan.templateKey)}`;
    const key =
      plan.edits.length === 0
        ? `${own}|${plan.templateKey}`
        : `${own}|${plan.templateKey}|${JSON.stringify(plan.edits)}`;
    let entry = byKey.get(key);
    if (!entry) {
      let stages: StageDef[] | null = null;
      let compiled: CompiledStages | null = null;
      try {
        stages = applyProjectEdits(settings.templates[plan.templateKey].stages, plan.edits);
        compiled = compileStages(stages);
      } catch {
        compiled = null;
      }
      entry = { stages, compiled, members: [], calendar: settings.calendar, rules: settings.rules };
      byKey.set(key, entry);
      lists.push(entry);
    }
    entry.members.push(p);
  });
  return lists;
}

const ordinalOrNull = (date: string | null | undefined): number =>
  date && isValidIsoDate(date) ? toOrdinal(date) : NO_DATE;

export type Column = WarChartDto['stages'][number];

/** The chart's columns: the stages of the industrial template in force at the reader's region. */
export async function columnsAt(
  db: Db,
  regionPath: string,
  stamps: Promise<SettingsStamps>,
): Promise<Column[]> {
  const templates = templatesFor(await templateRowsInForce(db, stamps), regionPath);
  return templates.industrial.stages.map((s) => ({
    key: s.key,
    name: s.name,
    group: s.group,
    milestone: s.milestone,
  }));
}

/**
 * The cells (row-major, one per column) and the date shown with each, of `rows` in their order,
 * for a reader at `regionPath` (whose industrial template gives the columns). Each project's row
 * depends only on the project (its plan, actual dates and region's settings) and today, never on
 * the other rows: the cache computes the changed projects alone.
 */
export async function computeCells(
  db: Db,
  rows: readonly WarChartProjectRow[],
  regionPath: string,
  today: string,
  stamps: Promise<SettingsStamps>,
): Promise<{ columns: Column[]; cells: Uint8Array; dates: Int32Array }> {
  const todayOrdinal = toOrdinal(today);
  const count = rows.length;
  const ids = new Array<number>(count);
  for (let p = 0; p < count; p++) ids[p] = rows[p]!.id;
  const regionIds = [...new Set(rows.map((r) => r.regionId))];
  const [schedules, packed, templateRows, rulesRows, paths] = await Promise.all([
    findSchedulesOf(db, ids),
    findPackedStagesOf(db, ids),
    templateRowsInForce(db, stamps),
    rulesRowsInForce(db, stamps),
    findRegionPaths(db, regionIds),
  ]);
  // Each distinct region's effective settings, resolved once; calendars built once per effective region.
  const calendars = await loadCalendars(db, today, [regionPath, ...paths.values()], stamps);
  const rulesByKey = new Map<string, WarningRules>();
  const settingsByRegion = new Map<number, RegionSettings>();
  const settingsAt = (path: string): RegionSettings => {
    const cal = calendars.get(path) as CalendarState;
    const rulesKey = String(rulesRegionOf(rulesRows, path) ?? 'default');
    const tplKeys: Partial<Record<Plan['templateKey'], string>> = {};
    let rules = rulesByKey.get(rulesKey);
    if (!rules) rulesByKey.set(rulesKey, (rules = rulesFor(rulesRows, path)));
    return {
      calendar: cal.calendar,
      calendarKey: String(cal.regionId ?? 'root'),
      rules,
      rulesKey,
      templates: templatesFor(templateRows, path),
      templateKeyOf: (key) =>
        (tplKeys[key] ??= String(templateRegionOf(templateRows, key, path) ?? 'builtIn')),
    };
  };
  for (const [regionId, path] of paths) settingsByRegion.set(regionId, settingsAt(path));
  const mine = settingsAt(regionPath);
  const templates = mine.templates;
  const { base, size } = mine.calendar.index;
  // Date text → ordinal by table: the actual dates are millions of strings at 50,000 projects.
  const ordinalTable = new Map<string, number>();
  for (let r = 0; r < size; r++) ordinalTable.set(fromOrdinal(base + r), base + r);
  const ordinalOf = (d: string): number => (d === '' ? NO_DATE : (ordinalTable.get(d) ?? ordinalOrNull(d)));

  const position = new Map<number, number>();
  for (let p = 0; p < count; p++) position.set(ids[p]!, p);
  const scheduleOf = new Map(schedules.map((s) => [s.projectId, s]));
  const plans = new Array<Plan>(count);
  for (let p = 0; p < count; p++) plans[p] = planOf(scheduleOf.get(ids[p]!), rows[p]!);

  const columns = templates.industrial.stages.map((s) => ({
    key: s.key,
    name: s.name,
    group: s.group,
    milestone: s.milestone,
  }));
  const width = columns.length;
  const columnOf = new Map(columns.map((c, col) => [c.key, col]));
  const cells = new Uint8Array(count * width).fill(cellStatus.not_started);
  const dates = new Int32Array(count * width).fill(NO_DATE);

  // Each project's list, its index in it, and the list's stage arrays, actual dates read into them.
  const settingsOfRow = new Array<RegionSettings>(count);
  for (let p = 0; p < count; p++) settingsOfRow[p] = settingsByRegion.get(rows[p]!.regionId) ?? mine;
  const lists = stageLists(plans, (p) => settingsOfRow[p]!);
  const listOf = new Int32Array(count);
  const memberOf = new Int32Array(count);
  const batches = lists.map((list, l) => {
    list.members.forEach((p, k) => {
      listOf[p] = l;
      memberOf[p] = k;
    });
    // Compiled order when the list compiled, else the chart's columns (shown from actual dates only).
    const n = list.compiled ? list.compiled.count : width;
    const batch = list.compiled
      ? createScheduleBatch(list.compiled, list.members.length)
      : {
          projects: list.members.length,
          targetFinish: new Int32Array(0),
          actualStart: new Int32Array(list.members.length * n).fill(NO_DATE),
          actualFinish: new Int32Array(list.members.length * n).fill(NO_DATE),
        };
    return { n, batch, positionOf: list.compiled ? list.compiled.positionOf : columnOf };
  });

  // 'key,start,finish;…' per project, scanned in place rather than half a million rows in the driver.
  for (const [projectId, text] of packed) {
    const p = position.get(projectId)!;
    const { n, batch, positionOf } = batches[listOf[p]!]!;
    const row = memberOf[p]! * n;
    const end = text.length;
    for (let from = 0; from < end;) {
      let stop = text.indexOf(';', from);
      if (stop < 0) stop = end;
      let c1 = text.indexOf(',', from);
      if (c1 < 0 || c1 > stop) c1 = stop;
      let c2 = c1 < stop ? text.indexOf(',', c1 + 1) : stop;
      if (c2 < 0 || c2 > stop) c2 = stop;
      const i = positionOf.get(text.slice(from, c1));
      if (i !== undefined) {
        batch.actualStart[row + i] = c1 + 1 < c2 ? ordinalOf(text.slice(c1 + 1, c2)) : NO_DATE;
        batch.actualFinish[row + i] = c2 + 1 < stop ? ordinalOf(text.slice(c2 + 1, stop)) : NO_DATE;
      }
      from = stop + 1;
    }
  }

  const warningCells = new Uint8Array(Math.max(0, ...batches.map((b) => b.batch.projects * b.n)));
  lists.forEach((list, l) => {
    const compiled = list.compiled;
    const { n, batch } = batches[l]!;
    const milestone = new Uint8Array(width);
    const defs = new Map((list.stages ?? []).map((s) => [s.key, s]));
    // Column → position in the compiled list; −1 not applicable (or not in the list), −2 list rejected.
    const colPos = new Int32Array(width);
    columns.forEach((c, col) => {
      milestone[col] = defs.get(c.key)?.milestone ? 1 : 0;
      colPos[col] = compiled
        ? (compiled.positionOf.get(c.key) ?? -1)
        : defs.get(c.key)?.notApplicable
          ? -1
          : -2;
    });

    let r: ReturnType<typeof scheduleMany> | null = null;
    const failed = new Uint8Array(list.members.length);
    if (compiled) {
      // Finish-by targets: the earliest per stage for the scheduler, the first one for the start warning.
      const target = new Int32Array(list.members.length * n).fill(NO_DATE);
      list.members.forEach((p, k) => {
        const targets = plans[p]!.targets;
        for (let t = targets.length - 1; t >= 0; t--) {
          const i = compiled.positionOf.get(targets[t]!.stage);
          if (i === undefined) continue;
          const date = ordinalOf(targets[t]!.finishBy);
          const at = k * n + i;
          target[at] = date;
          if (date !== NO_DATE && (batch.targetFinish[at] === NO_DATE || date < batch.targetFinish[at]!))
            batch.targetFinish[at] = date;
        }
      });
      r = scheduleMany(compiled, list.calendar, batch, todayOrdinal);
      for (const e of r.errors) failed[e.project] = 1;
      warChartCellsBatch(
        {
          projects: list.members.length,
          count: n,
          keys: compiled.stages.map((s) => s.key),
          status: r.status,
          latestStart: r.latestStart,
          latestFinish: r.latestFinish,
          earliestFinish: r.earliestFinish,
          totalFloat: r.totalFloat,
          actualStart: batch.actualStart,
          actualFinish: batch.actualFinish,
          target,
        },
        list.rules,
        todayOrdinal,
        warningCells,
      );
    }

    const members = list.members;
    for (let k = 0; k < members.length; k++) {
      const row = members[k]! * width;
      const from = k * n;
      if (!r || failed[k] === 1) {
        // Not schedulable (no targets, a rejected list, a date beyond the calendar): actual dates only.
        for (let col = 0; col < width; col++) {
          const i = colPos[col]!;
          if (i === -1) {
            cells[row + col] = cellStatus.not_applicable;
            continue;
          }
          const at = from + (i === -2 ? col : i);
          const start = batch.actualStart[at]!;
          const finish = batch.actualFinish[at]!;
          const started = start !== NO_DATE;
          const done = finish !== NO_DATE || (milestone[col] === 1 && started);
          cells[row + col] = done
            ? cellStatus.done
            : started
              ? cellStatus.in_progress
              : cellStatus.not_started;
          if (done) dates[row + col] = finish !== NO_DATE ? finish : start;
        }
        continue;
      }
      for (let col = 0; col < width; col++) {
        const i = colPos[col]!;
        if (i < 0) {
          cells[row + col] = cellStatus.not_applicable;
          continue;
        }
        const at = from + i;
        cells[row + col] = warningCells[at]!;
        dates[row + col] = r.status[at] === batchStatus.done ? r.earliestFinish[at]! : r.latestFinish[at]!;
      }
    }
  });

  return { columns, cells, dates };
}
