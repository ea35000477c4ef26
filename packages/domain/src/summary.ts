/**
 * The ledger's headline figures (the article's 103 / 82 / 21 / 64 / 78% / 18 /
 * 320亿 / 123.9亿) computed from one year's rows.
 */
import { monthStart } from './dates.ts';
import { roundTo, shiftDecimal } from './rounding.ts';
import type { Category, Level } from './vocabulary.ts';

export type SummaryRow = {
  level: Level;
  category: Category;
  totalInvestment: number;
  annualPlan: number;
  started: boolean;
};

export type LedgerSummary = {
  year: number;
  projects: number;
  implementation: number;
  reserve: number;
  /** Started implementation projects only. */
  started: number;
  /** Implementation projects still in pre-start procedures (开工前手续). */
  notStarted: number;
  /** started ÷ implementation as a fraction, 0 when there is no implementation project. */
  startRate: number;
  totalInvestment: number;
  annualPlan: number;
  byLevel: Record<Level, number>;
};

/** Summarises one year's ledger rows into the dashboard's headline figures. */
export function summariseLedger(year: number, rows: readonly SummaryRow[]): LedgerSummary {
  let implementation = 0;
  let started = 0;
  let totalInvestment = 0;
  let annualPlan = 0;
  const byLevel: Record<Level, number> = { province: 0, city: 0, county: 0 };
  for (const row of rows) {
    byLevel[row.level] += 1;
    totalInvestment += row.totalInvestment;
    annualPlan += row.annualPlan;
    if (row.category === 'implementation') {
      implementation += 1;
      // A reserve project marked started is a data error; it never counts towards the start rate.
      if (row.started) started += 1;
    }
  }
  return {
    year,
    projects: rows.length,
    implementation,
    reserve: rows.length - implementation,
    started,
    notStarted: implementation - started,
    startRate: implementation === 0 ? 0 : started / implementation,
    totalInvestment,
    annualPlan,
    byLevel,
  };
}

/**
 * True when a project has an actual start ('YYYY-MM-DD' or month-precision 'YYYY-MM') on or before
 * today, or was marked started without a date (已开工（日期未填）, `undated`).
 */
export function isStarted(actualStart: string | null, today: string, undated = false): boolean {
  if (actualStart === null || actualStart === '') return undated;
  return monthStart(actualStart) <= today;
}

/** Formats a fraction as a percentage rounded half away from zero, e.g. 64/82 → "78%". */
export function formatPercent(fraction: number, digits = 0): string {
  if (!Number.isFinite(fraction)) return '—';
  const places = Math.max(0, Math.floor(digits));
  const rounded = roundTo(shiftDecimal(Math.abs(fraction), 2), places);
  const sign = fraction < 0 && rounded !== 0 ? '-' : '';
  return `${sign}${rounded.toFixed(places)}%`;
}
