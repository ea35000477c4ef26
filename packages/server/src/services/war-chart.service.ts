/**
 * 挂图作战: the portfolio as projects × stages, each cell coded per the contract's cell codec
 * (war-chart-cell.ts). Built for 50,000 projects: the ledger's own query gives the rows, plans
 * and actual dates are read in bulk, each distinct stage list is compiled once and every project
 * on it is scheduled by scheduleMany; warnings and cell codes come from the domain's
 * warChartCellsBatch (stageWarnings on the typed arrays), written straight into the cells.
 */
import { cellStatus, warChartQuery, type WarChartDto, type WarChartQuery } from '@guatu/contracts';
import {
  applyProjectEdits,
  batchStatus,
  compileStages,
  createScheduleBatch,
  fromOrdinal,
  isValidIsoDate,
  levels,
  NO_DATE,
  scheduleMany,
  shanghaiToday,
  toOrdinal,
  warChartCellsBatch,
  type CompiledStages,
  type Level,
  type StageDef,
  type WarningRules,
  type WorkingCalendar,
} from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import { asOfWords } from '../excel/print-setup.ts';
import { translate, type Lang } from '../messages.ts';
import { systemActor, type Actor } from '../policies/actor.ts';
import { findRootRegion } from '../repositories/region.repository.ts';
import { portfolioOf } from '../portfolio/portfolio.ts';
import {
  keepAnswer,
  keptAnswer,
  warChartOf,
  type Chart,
  type ChartEntry,
} from '../portfolio/war-chart-cache.ts';
import { findRegionPaths } from '../repositories/reference.repository.ts';
import {
  findPackedStagesOf,
  findSchedulesOf,
  findWarChartProjects,
  type WarChartProjectRow,
} from '../repositories/schedule.repository.ts';
import { loadCalendars, type CalendarState } from './calendar.service.ts';
import { resolveLedgerQuery } from './ledger-query.ts';
import { planOf, type Plan } from './schedule-plan.ts';
import { readSettingsStamps, type SettingsStamps } from './settings-cache.ts';
import {
  templateRowsInForce,
  templateRegionOf,
  templatesFor,
  type Templates,
} from './stage-template.service.ts';
import { rulesFor, rulesRegionOf, rulesRowsInForce } from './warning-rules.service.ts';

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
  const { year, filter, grants } = await resolveLedgerQuery(db, actor, q, now);
  const rows = (await findWarChartProjects(db, filter, grants)) as LedgerRow[];
  return { year, rows };
}

// Group keys; labels in the caller's language: levels and 未指定 are words; towns, leaders,
// departments are data. A group's label is taken from its first row (once per group, not per row).
function groupKeyOf(by: WarChartQuery['groupBy']): (row: LedgerRow) => string {
  switch (by) {
    case 'level':
      return (row) => row.level;
    case 'town':
      return (row) => String(row.regionId);
    case 'leader':
      return (row) => (row.leaderId === null ? 'none' : String(row.leaderId));
    case 'department':
      return (row) => (row.departmentId === null ? 'none' : String(row.departmentId));
  }
}

function groupLabelOf(row: LedgerRow, by: WarChartQuery['groupBy'], lang: Lang): string {
  switch (by) {
    case 'level':
      return translate(`war_chart_level_${row.level}`, lang);
    case 'town':
      return row.regionName;
    case 'leader':
      return row.leaderId === null
        ? translate('war_chart_unassigned', lang)
        : (row.leaderName ?? String(row.leaderId));
    case 'department':
      return row.departmentId === null
        ? translate('war_chart_unassigned', lang)
        : (row.departmentName ?? String(row.departmentId));
  }
}

const collator = new Intl.Collator('zh-Hans-CN');

/**
 * Projects ordered by group, keeping the ledger's order inside a group: `order` holds row
 * indexes (a stable counting sort on the group index), `groupOf` the group index of each.
 */
function grouped(rows: readonly LedgerRow[], by: WarChartQuery['groupBy'], lang: Lang) {
  const index = new Map<string, number>();
  const found: Array<{ key: string; label: string; count: number }> = [];
  const rowGroup = new Int32Array(rows.length);
  const keyOf = groupKeyOf(by);
  for (let r = 0; r < rows.length; r++) {
    const key = keyOf(rows[r]!);
    let g = index.get(key);
    if (g === undefined) {
      g = found.length;
      index.set(key, g);
      found.push({ key, label: groupLabelOf(rows[r]!, by, lang), count: 0 });
    }
    found[g]!.count++;
    rowGroup[r] = g;
  }
  const sorted = found
    .map((g, i) => ({ g, i }))
    .sort(({ g: a }, { g: b }) => {
      if (by === 'level') return levels.indexOf(a.key as Level) - levels.indexOf(b.key as Level);
      if ((a.key === 'none') !== (b.key === 'none')) return a.key === 'none' ? 1 : -1;
      return collator.compare(a.label, b.label);
    });
  const rank = new Int32Array(found.length);
  const offset = new Int32Array(found.length + 1);
  sorted.forEach(({ g, i }, at) => {
    rank[i] = at;
    offset[at + 1] = g.count;
  });
  for (let at = 0; at < found.length; at++) offset[at + 1]! += offset[at]!;
  const order = new Int32Array(rows.length);
  const groupOfOrdered = new Array<number>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const at = offset[rank[rowGroup[r]!]!]!++;
    order[at] = r;
    groupOfOrdered[at] = rank[rowGroup[r]!]!;
  }
  return { groups: sorted.map(({ g }) => g), order, groupOfOrdered };
}

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

type Column = WarChartDto['stages'][number];

/** The chart's columns: the stages of the industrial template in force at the reader's region. */
async function columnsAt(db: Db, regionPath: string, stamps: Promise<SettingsStamps>): Promise<Column[]> {
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
async function computeCells(
  db: Db,
  rows: readonly LedgerRow[],
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

const titleOf = (actor: Actor, year: number, today: string): string =>
  translate('exports_war_chart_title', actor.lang, {
    region: actor.regionName,
    year,
    asOf: asOfWords(today, actor.lang),
  });

/**
 * The war chart computed afresh from the database: the ledger's SQL for the rows, every project
 * scheduled (seconds at 50,000 projects). The reference the cached path is tested against.
 */
export async function computeWarChartFresh(
  db: Db,
  actor: Actor,
  q: WarChartQuery,
  now: Date,
): Promise<WarChartData> {
  const today = shanghaiToday(now);
  const { year, rows } = await ledgerRows(db, actor, q, now);
  const { groups, order, groupOfOrdered } = grouped(rows, q.groupBy, actor.lang);
  const ordered = Array.from(order, (r) => rows[r]!);
  // The cached settings are used while their stamps hold: one read for the three (settings-cache.ts).
  const { columns, cells, dates } = await computeCells(
    db,
    ordered,
    actor.regionPath,
    today,
    readSettingsStamps(db),
  );
  return {
    chart: {
      year,
      today,
      stages: columns,
      groups,
      projects: { ids: ordered.map((r) => r.id), names: ordered.map((r) => r.name), group: groupOfOrdered },
      cells: Array.from(cells),
    },
    dates,
    title: titleOf(actor, year, today),
  };
}

/** A request's chart out of the cache: its projects' entries in chart order, with the groups. */
type View = {
  year: number;
  today: string;
  columns: Column[];
  /** The entries in chart order (by group, the ledger's order inside a group). */
  entries: ChartEntry[];
  groups: WarChartDto['groups'];
  group: number[];
};

/** The year's computed chart current now, and the request's ids in the ledger's order. */
type Slice = {
  year: number;
  today: string;
  columns: Column[];
  chart: Chart;
  ids: number[];
  /** The index the ids came from, and what else an answer depends on: kept answers are keyed so. */
  index: unknown;
  key: string;
};

/**
 * The filters and grants resolved as the ledger's (resolveLedgerQuery), the matching ids in the
 * ledger's order from the portfolio index, and the year's computed chart
 * (portfolio/war-chart-cache.ts) caught up with every change committed.
 */
async function cachedSlice(db: Db, actor: Actor, q: WarChartQuery, now: Date): Promise<Slice> {
  const today = shanghaiToday(now);
  const { year, filter, grants } = await resolveLedgerQuery(db, actor, q, now);
  const stamps = readSettingsStamps(db);
  const s = await stamps;
  const columns = await columnsAt(db, actor.regionPath, stamps);
  // The index first: the chart then catches up to counters at least as new as the index's.
  const index = await portfolioOf(db, year);
  const ids = index.ids(filter, grants, 'level', 'asc');
  const regionPath = actor.regionPath;
  const chart = await warChartOf(db, {
    year,
    settings: `${today}|${s.calendar}|${s.stage_templates}|${s.warning_rules}`,
    columns: JSON.stringify(columns),
    compute: async (rows) => {
      const r = await computeCells(db, rows as LedgerRow[], regionPath, today, stamps);
      return { cells: r.cells, dates: r.dates, width: r.columns.length };
    },
  });
  const key = JSON.stringify([filter, grants, q.groupBy, actor.lang]);
  return { year, today, columns, chart, ids, index, key };
}

/** The slice's entries (in the ledger's order) grouped as computeWarChartFresh groups them. */
function viewOf(slice: Slice, q: WarChartQuery, lang: Lang): View {
  const found: ChartEntry[] = [];
  // A project the index still lists but the (newer) chart no longer has was removed meanwhile.
  for (const id of slice.ids) {
    const e = slice.chart.entries.get(id);
    if (e) found.push(e);
  }
  const { groups, order, groupOfOrdered } = grouped(
    found.map((e) => e.row as LedgerRow),
    q.groupBy,
    lang,
  );
  return {
    year: slice.year,
    today: slice.today,
    columns: slice.columns,
    entries: Array.from(order, (r) => found[r]!),
    groups,
    group: groupOfOrdered,
  };
}

/**
 * Computes a year's chart in the background after `serve` listens (issue 11: long work off the
 * request path), with the root region's stage template: the first reader of the war chart then
 * finds it computed instead of waiting seconds for the whole year.
 */
export async function warmWarChart(db: Db, year: number, now: Date): Promise<void> {
  const root = await findRootRegion(db);
  if (root) await computeWarChart(db, systemActor(root.id, root.path), warChartQuery.parse({ year }), now);
}

/** The war chart of the projects the actor may read under the ledger's filters. */
export async function computeWarChart(
  db: Db,
  actor: Actor,
  q: WarChartQuery,
  now: Date,
): Promise<WarChartData> {
  const v = viewOf(await cachedSlice(db, actor, q, now), q, actor.lang);
  const count = v.entries.length;
  const width = v.columns.length;
  const ids = new Array<number>(count);
  const names = new Array<string>(count);
  const cells = new Array<number>(count * width);
  const dates = new Int32Array(count * width);
  for (let p = 0; p < count; p++) {
    const e = v.entries[p]!;
    ids[p] = e.row.id;
    names[p] = e.row.name;
    const at = p * width;
    for (let c = 0; c < width; c++) cells[at + c] = e.cells[c]!;
    dates.set(e.dates, at);
  }
  return {
    chart: {
      year: v.year,
      today: v.today,
      stages: v.columns,
      groups: v.groups,
      projects: { ids, names, group: v.group },
      cells,
    },
    dates,
    title: titleOf(actor, v.year, v.today),
  };
}

/**
 * The war chart as JSON, in UTF-8: the bytes JSON.stringify gives for computeWarChart's chart
 * (keys in the contract's order), joined from the fragments the cache made once per project. At
 * 50,000 projects the ~5.5 MB answer costs a few joins and copies instead of stringifying a million
 * numbers and encoding 4 million characters to UTF-8 on every request.
 */
export async function warChartJson(db: Db, actor: Actor, q: WarChartQuery, now: Date): Promise<Buffer> {
  const slice = await cachedSlice(db, actor, q, now);
  // The same query on the same index and chart: the same bytes (the last few are kept per chart).
  const kept = keptAnswer(slice.chart, slice.key, slice.index);
  if (kept) return kept;
  const body = jsonOf(viewOf(slice, q, actor.lang));
  keepAnswer(slice.chart, slice.key, slice.index, body);
  return body;
}

function jsonOf(v: View): Buffer {
  const count = v.entries.length;
  const ids = new Array<number>(count);
  const cells = new Array<string>(count);
  let namesLength = Math.max(0, count - 1);
  for (let p = 0; p < count; p++) {
    const e = v.entries[p]!;
    ids[p] = e.row.id;
    cells[p] = e.cellsJson;
    namesLength += e.nameJson.length;
  }
  const head = Buffer.from(
    `{"year":${JSON.stringify(v.year)},"today":${JSON.stringify(v.today)},` +
      `"stages":${JSON.stringify(v.columns)},"groups":${JSON.stringify(v.groups)},` +
      `"projects":{"ids":[${ids.join(',')}],"names":[`,
  );
  // Digits and commas only: Latin-1 is UTF-8 here, and encodes without a scan.
  const tail = Buffer.from(
    `],"group":[${v.group.join(',')}]},"cells":[${v.columns.length === 0 ? '' : cells.join(',')}]}`,
    'latin1',
  );
  const out = Buffer.allocUnsafe(head.length + namesLength + tail.length);
  out.set(head, 0);
  let at = head.length;
  for (let p = 0; p < count; p++) {
    if (p > 0) out[at++] = 0x2c; // ,
    const name = v.entries[p]!.nameJson;
    out.set(name, at);
    at += name.length;
  }
  out.set(tail, at);
  return out;
}
