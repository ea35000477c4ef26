/**
 * One year's portfolio in memory (issue 11): the columns the ledger filters, sorts and pages by,
 * kept as arrays (one slot per project of the year) with the sort orders computed once, so that
 * filtering, sorting and paging 50,000 projects is a scan of a few typed arrays rather than a SQL
 * count and sort per request. Pure: built from rows, no database; `portfolio.ts` keeps it current.
 *
 * The rules are those of the SQL it replaces (repositories/project.repository.ts ledgerBase and
 * sortLedger, property-tested against it): the grants' union, then each filter; search is a
 * substring of the ASCII-lowercased name, code or owner unit; sorts break ties by id ascending,
 * an empty date sorts first ascending and last descending.
 */
import type { LedgerQuery, LedgerRow } from '@guatu/contracts';
import {
  categories,
  isStarted,
  levels,
  type Category,
  type Level,
  type Nature,
  type SummaryRow,
} from '@guatu/domain';
import type { ProjectGrant } from '../policies/project.policy.ts';
import type { LedgerFilter } from '../repositories/project.repository.ts';

/** One project's entry in one year's list, as the index needs it. */
export type PortfolioRow = {
  id: number;
  name: string;
  code: string | null;
  ownerUnit: string | null;
  regionId: number;
  regionPath: string;
  regionName: string;
  nature: string;
  level: string;
  category: string;
  industry: string | null;
  totalInvestment: number;
  annualPlan: number;
  plannedStart: string | null;
  plannedFinish: string | null;
  actualStart: string | null;
  startedUndated: boolean;
  statsIncluded: boolean;
  leaderId: number | null;
  leaderName: string | null;
  departmentId: number | null;
  departmentName: string | null;
  archived: boolean;
  updatedAt: string;
  version: number;
  memberIds: readonly number[];
};

/** A ledger row (the list's item) from an index row: every field named, nothing else passed on. */
export function ledgerRowOf(r: PortfolioRow, today: string): LedgerRow {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level as Level,
    category: r.category as Category,
    nature: r.nature as Nature,
    industry: r.industry,
    regionId: r.regionId,
    regionName: r.regionName,
    totalInvestment: r.totalInvestment,
    annualPlan: r.annualPlan,
    plannedStart: r.plannedStart,
    plannedFinish: r.plannedFinish,
    actualStart: r.actualStart,
    started: isStarted(r.actualStart, today, r.startedUndated),
    statsIncluded: r.statsIncluded,
    leaderId: r.leaderId,
    leaderName: r.leaderName,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    archived: r.archived,
    version: r.version,
  };
}

/** The filters of a ledger query after the service resolved them: the ledger's own, less the year. */
export type PortfolioFilter = Omit<LedgerFilter, 'year'>;

export type PortfolioSort = LedgerQuery['sort'];

/** SQLite's and PostgreSQL-with-C-collation's lower(): ASCII letters only. */
export const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (c) => c.toLowerCase());

const levelRankOf = (level: string): number => {
  const i = (levels as readonly string[]).indexOf(level);
  return i < 0 ? levels.length : i;
};

/** Code-unit order, as SQLite's BINARY collation and PostgreSQL's "C" order text (BMP text). */
const cmpText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Empty first (ascending): SQLite's NULL order, made explicit in the SQL. */
const cmpNullable = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : cmpText(a, b);

/** Distinct queries whose matching slots an index keeps (at most ~200 kB each at 50,000 projects). */
const RESULTS_KEPT = 64;

export class PortfolioIndex {
  readonly size: number;
  private readonly rows: readonly PortfolioRow[];
  private readonly levelRank: Uint8Array;
  private readonly archived: Uint8Array;
  private readonly search: string[];
  private readonly orders = new Map<string, Int32Array>();
  /** The matching slots in a sort's order, per query (grants, filters, sort): the last few kept. */
  private readonly results = new Map<string, Int32Array>();

  constructor(rows: Iterable<PortfolioRow>) {
    // Slots in id order: the tie-break of every sort is the slot order.
    this.rows = [...rows].sort((a, b) => a.id - b.id);
    this.size = this.rows.length;
    this.levelRank = new Uint8Array(this.size);
    this.archived = new Uint8Array(this.size);
    this.search = new Array<string>(this.size);
    this.rows.forEach((r, i) => {
      this.levelRank[i] = levelRankOf(r.level);
      this.archived[i] = r.archived ? 1 : 0;
      this.search[i] = asciiLower(`${r.name}\n${r.code ?? ''}\n${r.ownerUnit ?? ''}`);
    });
  }

  /** The slots in one sort's order (computed on first use, then kept). */
  private order(sort: PortfolioSort, dir: 'asc' | 'desc'): Int32Array {
    const key = `${sort}:${dir}`;
    const known = this.orders.get(key);
    if (known) return known;
    const rows = this.rows;
    const sign = dir === 'asc' ? 1 : -1;
    let cmp: (a: number, b: number) => number;
    switch (sort) {
      case 'level':
        cmp = (a, b) =>
          sign * (this.levelRank[a]! - this.levelRank[b]!) ||
          rows[b]!.annualPlan - rows[a]!.annualPlan ||
          a - b;
        break;
      case 'name':
        cmp = (a, b) => sign * cmpText(rows[a]!.name, rows[b]!.name) || a - b;
        break;
      case 'totalInvestment':
        cmp = (a, b) => sign * (rows[a]!.totalInvestment - rows[b]!.totalInvestment) || a - b;
        break;
      case 'annualPlan':
        cmp = (a, b) => sign * (rows[a]!.annualPlan - rows[b]!.annualPlan) || a - b;
        break;
      case 'plannedStart':
        cmp = (a, b) => sign * cmpNullable(rows[a]!.plannedStart, rows[b]!.plannedStart) || a - b;
        break;
      case 'actualStart':
        cmp = (a, b) => sign * cmpNullable(rows[a]!.actualStart, rows[b]!.actualStart) || a - b;
        break;
      case 'updatedAt':
        cmp = (a, b) => sign * cmpText(rows[a]!.updatedAt, rows[b]!.updatedAt) || a - b;
        break;
    }
    const slots = Int32Array.from({ length: this.size }, (_, i) => i).sort(cmp);
    this.orders.set(key, slots);
    return slots;
  }

  /** A predicate over slots: the grants' union and every filter. */
  private matcher(f: PortfolioFilter, grants: readonly ProjectGrant[]): (i: number) => boolean {
    const rows = this.rows;
    const paths = grants.flatMap((g) => (g.kind === 'region' ? [g.path] : []));
    const departments = new Set(grants.flatMap((g) => (g.kind === 'department' ? [g.departmentId] : [])));
    const leaders = new Set(grants.flatMap((g) => (g.kind === 'leader' ? [g.personId] : [])));
    const members = new Set(grants.flatMap((g) => (g.kind === 'member' ? [g.personId] : [])));
    const granted = (r: PortfolioRow): boolean =>
      paths.some((p) => r.regionPath.startsWith(p)) ||
      (r.departmentId !== null && departments.has(r.departmentId)) ||
      (r.leaderId !== null && leaders.has(r.leaderId)) ||
      (members.size > 0 && r.memberIds.some((m) => members.has(m)));
    const archived = f.archived;
    const q = f.q ? f.q.toLowerCase() : null;
    return (i) => {
      const r = rows[i]!;
      if (archived === 'no' && this.archived[i]) return false;
      if (archived === 'yes' && !this.archived[i]) return false;
      if (f.level !== undefined && r.level !== f.level) return false;
      if (f.category !== undefined && r.category !== f.category) return false;
      if (f.started !== undefined) {
        // ledgerBase's rule: a start date on or before the day, or started undated without one.
        const started = r.actualStart !== null ? r.actualStart <= f.today : r.startedUndated;
        if ((f.started === 'yes') !== started) return false;
      }
      if (f.regionPath !== undefined && !r.regionPath.startsWith(f.regionPath)) return false;
      if (f.leaderId !== undefined && r.leaderId !== f.leaderId) return false;
      if (f.departmentId !== undefined && r.departmentId !== f.departmentId) return false;
      if (f.industry !== undefined && r.industry !== f.industry) return false;
      if (q !== null && !this.search[i]!.includes(q)) return false;
      return granted(r);
    };
  }

  /**
   * The slots matching a query, in its sort's order: one scan per distinct query on this index
   * (paging, the count and a repeated query reuse it; the index is replaced when projects change).
   */
  private matching(
    f: PortfolioFilter,
    grants: readonly ProjectGrant[],
    sort: PortfolioSort,
    dir: 'asc' | 'desc',
  ): Int32Array {
    const key = JSON.stringify([f, grants, sort, dir]);
    const known = this.results.get(key);
    if (known) {
      this.results.delete(key);
      this.results.set(key, known);
      return known;
    }
    const match = this.matcher(f, grants);
    const order = this.order(sort, dir);
    const out = new Int32Array(order.length);
    let n = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      if (match(i)) out[n++] = i;
    }
    const slots = out.slice(0, n);
    this.results.set(key, slots);
    if (this.results.size > RESULTS_KEPT) this.results.delete(this.results.keys().next().value!);
    return slots;
  }

  /** One page of ids in the sort's order, and how many match. */
  page(
    f: PortfolioFilter,
    grants: readonly ProjectGrant[],
    p: { sort: PortfolioSort; order: 'asc' | 'desc'; page: number; pageSize: number },
  ): { ids: number[]; total: number } {
    const { rows, total } = this.pageRows(f, grants, p);
    return { ids: rows.map((r) => r.id), total };
  }

  /** One page of the ledger's rows (as on the list, `started` as of the filter's day), and how many match. */
  ledgerPage(
    f: PortfolioFilter,
    grants: readonly ProjectGrant[],
    p: { sort: PortfolioSort; order: 'asc' | 'desc'; page: number; pageSize: number },
  ): { items: LedgerRow[]; total: number } {
    const { rows, total } = this.pageRows(f, grants, p);
    return { items: rows.map((r) => ledgerRowOf(r, f.today)), total };
  }

  /** One page of the index's rows in the sort's order, and how many match (ledger-page-bytes.ts). */
  pageRows(
    f: PortfolioFilter,
    grants: readonly ProjectGrant[],
    p: { sort: PortfolioSort; order: 'asc' | 'desc'; page: number; pageSize: number },
  ): { rows: PortfolioRow[]; total: number } {
    if (grants.length === 0) return { rows: [], total: 0 };
    const slots = this.matching(f, grants, p.sort, p.order);
    const from = Math.min((p.page - 1) * p.pageSize, slots.length);
    const to = Math.min(from + p.pageSize, slots.length);
    const rows: PortfolioRow[] = [];
    for (let k = from; k < to; k++) rows.push(this.rows[slots[k]!]!);
    return { rows, total: slots.length };
  }

  /** Every matching id in the sort's order (exports, the war chart). */
  ids(
    f: PortfolioFilter,
    grants: readonly ProjectGrant[],
    sort: PortfolioSort = 'level',
    order: 'asc' | 'desc' = 'asc',
  ): number[] {
    if (grants.length === 0) return [];
    return Array.from(this.matching(f, grants, sort, order), (i) => this.rows[i]!.id);
  }

  /** The light rows the domain's summariseLedger needs, under the same filters. */
  summaryRows(f: PortfolioFilter, grants: readonly ProjectGrant[]): SummaryRow[] {
    if (grants.length === 0) return [];
    return Array.from(this.matching(f, grants, 'level', 'asc'), (i) => {
      const r = this.rows[i]!;
      return {
        level: r.level as Level,
        category: r.category as Category,
        totalInvestment: r.totalInvestment,
        annualPlan: r.annualPlan,
        started: isStarted(r.actualStart, f.today, r.startedUndated),
      };
    });
  }

  /** The rows, for a copy with some projects replaced (see Portfolio in portfolio.ts). */
  entries(): readonly PortfolioRow[] {
    return this.rows;
  }
}

/** The vocabularies' sizes, checked so that a new level or category cannot overflow a slot type. */
if (levels.length > 250 || categories.length > 250) throw new Error('vocabulary too large for the index');
