/**
 * The war chart at province scale (issue 11): each year's computed chart — every project's cells,
 * dates and grouping fields, and its JSON fragments — kept in memory per database handle, so that a
 * request only picks the entries of its ids (the portfolio index gives them in the ledger's order)
 * instead of scheduling 50,000 projects again.
 *
 * Kept current as the portfolio index is (portfolio.ts): every read compares two counters with the
 * ones the chart was built at — the portfolio's (migration 0025: projects, list entries, task
 * forces, regions) and the war chart's (migration 0026: plans, actual dates, leaders' and
 * departments' names) — both written by triggers in the writing transaction, so a change made
 * through any app server is seen on the next request. Only the projects changed since are read and
 * computed again; a region change, pruned changes or too many changes rebuild the chart. What the
 * cells depend on besides the rows (today, the settings' stamps, the columns of the reader's
 * stage template) is part of the chart's key: a new day or a settings change computes anew.
 *
 * The counters are read before the rows, so the rows are never older than the versions recorded.
 */
import type { Db } from '../db/connect.ts';
import { findPortfolioChanges, readPortfolioState } from '../repositories/portfolio.repository.ts';
import {
  findWarChartChanges,
  findWarChartRowsOfYear,
  readWarChartState,
  type WarChartProjectRow,
} from '../repositories/schedule.repository.ts';

export type ChartRow = WarChartProjectRow & { level: string };

/** One project's computed row of the chart. */
export type ChartEntry = {
  row: ChartRow;
  /** The cell codes (one per column) and the day ordinal shown with each. */
  cells: Uint8Array;
  dates: Int32Array;
  /** The JSON text of the cells ('0,1,2…', ASCII) and the UTF-8 bytes of the name's ('"…"'), made once. */
  cellsJson: string;
  nameJson: Buffer;
};

/** Computes rows' cells and dates, row-major, `width` per row, with one chart's settings. */
export type ChartComputer = (
  rows: readonly ChartRow[],
) => Promise<{ cells: Uint8Array; dates: Int32Array; width: number }>;

export type ChartSpec = {
  year: number;
  /** Today and the settings' stamps: a chart built with others is dropped. */
  settings: string;
  /** The columns (the reader's stage template): readers with the same columns share a chart. */
  columns: string;
  compute: ChartComputer;
};

/** A year's computed chart and the last few answers made of it (dropped when it changes). */
export type Chart = {
  year: number;
  settings: string;
  compute: ChartComputer;
  entries: Map<number, ChartEntry>;
  /** Answers by query: `of` is what they were made from besides the entries (the portfolio index). */
  answers: Map<string, { of: unknown; body: Buffer }>;
};

/** Answers kept per chart (each the JSON of up to the whole year: ~5.5 MB at 50,000 projects). */
const ANSWERS_KEPT = 4;

/** A kept answer for `key` made from `of`, or null. */
export function keptAnswer(chart: Chart, key: string, of: unknown): Buffer | null {
  const hit = chart.answers.get(key);
  if (!hit || hit.of !== of) return null;
  chart.answers.delete(key);
  chart.answers.set(key, hit);
  return hit.body;
}

export function keepAnswer(chart: Chart, key: string, of: unknown, body: Buffer): void {
  chart.answers.set(key, { of, body });
  while (chart.answers.size > ANSWERS_KEPT) chart.answers.delete(chart.answers.keys().next().value!);
}

type Cache = {
  portfolio: number;
  chart: number;
  charts: Map<string, Chart>;
  /** Catch-ups and builds run one at a time per database. */
  lock: Promise<unknown>;
};

/** Charts kept per database (years × column sets), the least recently read dropped first. */
const MAX_CHARTS = 3;
/** More changed projects than this since the last read: rebuild. */
const MAX_PATCH = 5000;

const caches = new WeakMap<Db, Cache>();

function serial<T>(c: Cache, fn: () => Promise<T>): Promise<T> {
  const run = c.lock.then(fn, fn);
  c.lock = run.catch(() => undefined);
  return run;
}

const readStates = (db: Db) => Promise.all([readPortfolioState(db), readWarChartState(db)]);

/** The year's computed chart as committed now, by project id (see the module comment). */
export async function warChartOf(db: Db, spec: ChartSpec): Promise<Chart> {
  let c = caches.get(db);
  if (!c) {
    c = { portfolio: -1, chart: -1, charts: new Map(), lock: Promise.resolve() };
    caches.set(db, c);
  }
  const cache = c;
  const key = `${spec.year}|${spec.settings}|${spec.columns}`;
  const [portfolio, chart] = await readStates(db);
  const hit = cache.charts.get(key);
  if (hit && portfolio.version === cache.portfolio && chart.version === cache.chart)
    return touch(cache, key, hit);
  return serial(cache, async () => {
    // Charts of another day or other settings would be patched with these: drop them.
    for (const [k, ch] of cache.charts) if (ch.settings !== spec.settings) cache.charts.delete(k);
    const states = await readStates(db);
    if (states[0].version !== cache.portfolio || states[1].version !== cache.chart)
      await catchUp(db, cache, states[0], states[1]);
    const known = cache.charts.get(key);
    if (known) return touch(cache, key, known);
    const rows = await findWarChartRowsOfYear(db, spec.year);
    const built: Chart = {
      year: spec.year,
      settings: spec.settings,
      compute: spec.compute,
      entries: new Map(),
      answers: new Map(),
    };
    await addEntries(built, rows);
    cache.charts.set(key, built);
    while (cache.charts.size > MAX_CHARTS) cache.charts.delete(cache.charts.keys().next().value!);
    return built;
  });
}

function touch(c: Cache, key: string, chart: Chart): Chart {
  c.charts.delete(key);
  c.charts.set(key, chart);
  return chart;
}

async function addEntries(chart: Chart, rows: readonly ChartRow[]): Promise<void> {
  if (rows.length === 0) return;
  const { cells, dates, width } = await chart.compute(rows);
  rows.forEach((row, r) => {
    const from = r * width;
    const own = cells.subarray(from, from + width);
    chart.entries.set(row.id, {
      row,
      cells: own,
      dates: dates.subarray(from, from + width),
      cellsJson: own.join(','),
      nameJson: Buffer.from(JSON.stringify(row.name)),
    });
  });
}

type State = { version: number; prunedThrough: number };

async function catchUp(db: Db, c: Cache, portfolio: State, chart: State): Promise<void> {
  const stale = (known: number, now: State) => known < 0 || now.version < known || now.prunedThrough > known;
  const whole = stale(c.portfolio, portfolio) || stale(c.chart, chart) || c.charts.size === 0;
  const changed = whole
    ? []
    : [
        ...new Set([
          ...(await findPortfolioChanges(db, c.portfolio, portfolio.version)),
          ...(await findWarChartChanges(db, c.chart, chart.version)),
        ]),
      ];
  if (whole || changed.includes(0) || changed.length > MAX_PATCH) {
    c.charts.clear();
  } else if (changed.length > 0) {
    try {
      for (const ch of c.charts.values()) {
        const fresh = await findWarChartRowsOfYear(db, ch.year, changed);
        ch.answers.clear();
        for (const id of changed) ch.entries.delete(id);
        await addEntries(ch, fresh);
      }
    } catch (e) {
      c.charts.clear();
      throw e;
    }
  }
  c.portfolio = portfolio.version;
  c.chart = chart.version;
}

/** Drops a database's charts (tests, a restore in this process). */
export function forgetWarCharts(db: Db): void {
  caches.delete(db);
}
