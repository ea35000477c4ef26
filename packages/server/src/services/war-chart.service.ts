/**
 * 挂图作战: the portfolio as projects × stages, each cell coded per the contract's cell codec
 * (war-chart-cell.ts), for the projects the reader may read under the ledger's filters. The cells
 * are computed by war-chart-cells.ts; a request reads them from the year's computed chart
 * (portfolio/war-chart-cache.ts) in the ledger's order, grouped, and sends JSON joined from the
 * pieces kept per project. computeWarChartFresh computes everything afresh: the tests' reference.
 */
import { encodeWarChartBinary, warChartQuery, type WarChartDto, type WarChartQuery } from '@guatu/contracts';
import { levels, shanghaiToday, type Level } from '@guatu/domain';
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
import { findWarChartProjects, type WarChartProjectRow } from '../repositories/schedule.repository.ts';
import { resolveLedgerQuery } from './ledger-query.ts';
import { readSettingsStamps } from './settings-cache.ts';
import { columnsAt, computeCells, type Column } from './war-chart-cells.ts';
import { compareChinese } from './chinese-order.ts';

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
      return compareChinese(a.label, b.label);
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

/**
 * The war chart in the web app's binary form (contracts/war-chart-binary.ts): the same chart as
 * warChartJson's, a third of the bytes, decoded without parsing; kept as the JSON is. Null when
 * the binary form cannot carry the chart exactly (the route then sends the JSON).
 */
export async function warChartBinary(
  db: Db,
  actor: Actor,
  q: WarChartQuery,
  now: Date,
): Promise<Buffer | null> {
  const slice = await cachedSlice(db, actor, q, now);
  const key = `${slice.key}|binary`;
  const kept = keptAnswer(slice.chart, key, slice.index);
  if (kept) return kept.length > 0 ? kept : null;
  const bin = binaryOf(viewOf(slice, q, actor.lang));
  const body = bin ? Buffer.from(bin.buffer, bin.byteOffset, bin.length) : Buffer.alloc(0);
  keepAnswer(slice.chart, key, slice.index, body);
  return bin ? body : null;
}

function binaryOf(v: View): Uint8Array | null {
  const count = v.entries.length;
  const width = v.columns.length;
  const ids = new Int32Array(count);
  const names = new Array<string>(count);
  const cells = new Uint8Array(count * width);
  for (let p = 0; p < count; p++) {
    const e = v.entries[p]!;
    ids[p] = e.row.id;
    names[p] = e.row.name;
    cells.set(e.cells, p * width);
  }
  return encodeWarChartBinary({
    year: v.year,
    today: v.today,
    stages: v.columns,
    groups: v.groups,
    projects: { ids, names, group: v.group },
    cells,
  });
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
