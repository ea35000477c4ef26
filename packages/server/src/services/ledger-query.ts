/**
 * The ledger query → what the repositories filter by, once for every reader of the ledger: the
 * list and summary (projects.service), the war chart and the ledger export. Checks that the actor
 * reads the ledger, takes the default year when none is given, turns the region filter into a
 * path and pairs the filters with the actor's read grants.
 */
import type { SummaryQuery, YearsResponse } from '@guatu/contracts';
import { shanghaiToday } from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { canReadLedger, projectReadGrants, type ProjectGrant } from '../policies/project.policy.ts';
import { findLedgerYears, type LedgerFilter } from '../repositories/project.repository.ts';
import { findRegionById } from '../repositories/region.repository.ts';

/** A ledger query resolved for one actor: the year shown, the repository filter and the grants. */
export type ResolvedLedgerQuery = { year: number; filter: LedgerFilter; grants: ProjectGrant[] };

/** Query keys that order, page or group the answer rather than filter the projects. */
type NotFilters = { sort?: unknown; order?: unknown; page?: unknown; pageSize?: unknown; groupBy?: unknown };

export function requireLedgerReader(actor: Actor): void {
  if (!canReadLedger(actor)) throw new AppError('forbidden');
}

/** The years with a list, and the default: this year when it has a list, else the latest that has one. */
export async function ledgerYears(db: Db, actor: Actor, now: Date): Promise<YearsResponse> {
  requireLedgerReader(actor);
  return yearsOf(db, projectReadGrants(actor), now);
}

async function yearsOf(db: Db, grants: readonly ProjectGrant[], now: Date): Promise<YearsResponse> {
  const years = await findLedgerYears(db, grants);
  const thisYear = Number(shanghaiToday(now).slice(0, 4));
  return { years, current: years.includes(thisYear) ? thisYear : (years[0] ?? thisYear) };
}

export async function resolveLedgerQuery(
  db: Db,
  actor: Actor,
  q: SummaryQuery & NotFilters,
  now: Date,
): Promise<ResolvedLedgerQuery> {
  requireLedgerReader(actor);
  const grants = projectReadGrants(actor);
  const year = q.year ?? (await yearsOf(db, grants, now)).current;
  // An unknown region filters to nothing rather than erroring: it is a filter, not a reference.
  const regionPath =
    q.regionId === undefined ? undefined : ((await findRegionById(db, q.regionId))?.path ?? '/none/');
  const {
    asOf,
    regionId: _region,
    sort: _sort,
    order: _order,
    page: _page,
    pageSize: _pageSize,
    groupBy: _groupBy,
    ...filters
  } = q;
  // 截止日期: the summary's figures as they stood on asOf (contracts' summaryQuery); else today.
  return { year, filter: { ...filters, year, regionPath, today: asOf ?? shanghaiToday(now) }, grants };
}
