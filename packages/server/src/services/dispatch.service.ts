/**
 * 一月一调度 (issue 10), its first layer: the admin opens a round for a month with a deadline and
 * the projects it covers, lists a year's rounds, closes and reopens one by hand; every reader gets
 * the round's dispatch table (调度表) with the figures computed by the domain — a project with no
 * report has 0 this month, and the year to date starts from the ledger's imported figure.
 * Every change is audited in its transaction; a stale version is a 409 (version-conflict.ts); a
 * second round of one month is a 409 duplicate (the unique index decides when two race).
 */
import type {
  DispatchRound,
  DispatchRoundChange,
  DispatchRoundCreate,
  DispatchRoundList,
  DispatchRoundQuery,
} from '@guatu/contracts';
import {
  defaultDeadline,
  roundCounts,
  roundStatus,
  shanghaiToday,
  yearOfMonth,
  type ReportStatus,
} from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { canManageRound, canOpenRound, canSeeRound } from '../policies/dispatch.policy.ts';
import { canReadLedger, projectReadGrants } from '../policies/project.policy.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as repo from '../repositories/dispatch.repository.ts';
import { findRegionById } from '../repositories/region.repository.ts';
import { versionConflict } from './version-conflict.ts';

/** The effective status today, and the round as the API answers it. */
function toRound(r: repo.RoundRow, counts: DispatchRound['counts'], today: string): DispatchRound {
  return {
    id: r.id,
    regionId: r.regionId,
    regionName: r.regionName,
    year: r.year,
    month: r.month,
    deadline: r.deadline,
    status: roundStatus(
      {
        deadline: r.deadline,
        closedAt: r.status === 'closed' ? (r.closedAt ?? r.updatedAt) : null,
        reopened: r.reopenedAt !== null,
      },
      today,
    ),
    closedAt: r.status === 'closed' ? r.closedAt : null,
    reopenedAt: r.reopenedAt,
    includeReserve: r.includeReserve === 1,
    counts,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

async function withCounts(db: Db, rows: repo.RoundRow[], today: string): Promise<DispatchRound[]> {
  const { projects, reports } = await repo.findRoundCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    toRound(
      r,
      roundCounts(
        projects.get(r.id) ?? 0,
        reports
          .filter((x) => x.roundId === r.id)
          .map((x) => ({ status: x.status as ReportStatus, late: x.late === 1 })),
      ),
      today,
    ),
  );
}

/** The round, when the actor sees it (404 otherwise; 403 without the ledger). */
export async function visibleRound(db: Db, actor: Actor, id: number): Promise<repo.RoundRow> {
  if (!canReadLedger(actor)) throw new AppError('forbidden');
  const round = await repo.findRoundById(db, id);
  if (!round || !canSeeRound(actor, round)) throw new AppError('not_found', { entity: 'dispatchRound' });
  return round;
}

/** The round as the API answers it, with its counts today. */
export async function roundAnswer(db: Db, id: number, now: Date): Promise<DispatchRound> {
  const [round] = await withCounts(db, [(await repo.findRoundById(db, id))!], shanghaiToday(now));
  return round!;
}

const auditOf = (r: DispatchRound) => ({
  regionId: r.regionId,
  month: r.month,
  deadline: r.deadline,
  status: r.status,
  includeReserve: r.includeReserve,
});

export async function listRounds(
  db: Db,
  actor: Actor,
  q: DispatchRoundQuery,
  now: Date,
): Promise<DispatchRoundList> {
  if (!canReadLedger(actor)) throw new AppError('forbidden');
  const today = shanghaiToday(now);
  const year = q.year ?? Number(today.slice(0, 4));
  const rows = (await repo.findRoundsOfYear(db, actor.regionPath, year)).filter((r) => canSeeRound(actor, r));
  return { items: await withCounts(db, rows, today) };
}

export async function getRound(db: Db, actor: Actor, id: number, now: Date): Promise<DispatchRound> {
  await visibleRound(db, actor, id);
  return roundAnswer(db, id, now);
}

/**
 * Opens the admin's region's round of a month. Default deadline: the month's 25th; default
 * projects: the year's implementation projects (实施类, reserve too with includeReserve) the admin
 * reads, not archived. Given projectIds must all be on that list (400 invalid_reference otherwise).
 */
export async function createRound(
  db: Db,
  actor: Actor,
  input: DispatchRoundCreate,
  now: Date,
): Promise<DispatchRound> {
  if (!canOpenRound(actor)) throw new AppError('forbidden');
  const region = await findRegionById(db, actor.regionId);
  if (!region) throw new AppError('not_found', { entity: 'region' });
  const year = yearOfMonth(input.month);
  const deadline = input.deadline ?? defaultDeadline(input.month);
  if (deadline < `${input.month}-01`)
    throw new AppError('dispatch_deadline_before_month', { month: input.month, deadline });
  const grants = projectReadGrants(actor);
  let projectIds: number[];
  if (input.projectIds) {
    const allowed = new Set(await repo.findDispatchableProjectIds(db, year, grants, true));
    const outside = input.projectIds.find((id) => !allowed.has(id));
    if (outside !== undefined)
      throw new AppError('invalid_reference', { field: 'projectIds', value: outside });
    projectIds = [...new Set(input.projectIds)].sort((a, b) => a - b);
  } else projectIds = await repo.findDispatchableProjectIds(db, year, grants, input.includeReserve);
  if (projectIds.length === 0) throw new AppError('dispatch_no_projects', { year });
  const existing = (await repo.findRoundsOfYear(db, region.path, year)).find(
    (r) => r.regionId === region.id && r.month === input.month,
  );
  if (existing) throw new AppError('duplicate', { field: 'dispatchMonth', value: input.month });
  const id = await db.transaction().execute(async (trx) => {
    // Two opens of one month race to this insert: the unique (region, month) index lets one win,
    // the other's error becomes 409 duplicate (db-errors.ts).
    const newId = await repo.insertRound(trx, {
      regionId: region.id,
      year,
      month: input.month,
      deadline,
      includeReserve: input.includeReserve,
      by: actor.id,
      now: now.toISOString(),
    });
    await repo.insertRoundProjects(trx, newId, projectIds);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'dispatch_round',
      entityId: newId,
      after: {
        regionId: region.id,
        month: input.month,
        deadline,
        includeReserve: input.includeReserve,
        projects: projectIds.length,
      },
    });
    return newId;
  });
  return roundAnswer(db, id, now);
}

async function setHandStatus(
  db: Db,
  actor: Actor,
  id: number,
  input: DispatchRoundChange,
  to: 'close' | 'reopen',
  now: Date,
): Promise<DispatchRound> {
  const row = await visibleRound(db, actor, id);
  if (!canManageRound(actor, row)) throw new AppError('forbidden');
  const before = await roundAnswer(db, id, now);
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const patch =
      to === 'close'
        ? { status: 'closed', closedAt: at, reopenedAt: null }
        : { status: 'open', closedAt: null, reopenedAt: at };
    if (!(await repo.updateRoundIfVersion(trx, id, input.version, patch, actor.id, at)))
      throw versionConflict(await repo.findRoundLastChange(trx, id));
    const [after] = await withCounts(trx, [(await repo.findRoundById(trx, id))!], shanghaiToday(now));
    await recordAudit(trx, actor, {
      action: to,
      entity: 'dispatch_round',
      entityId: id,
      before: auditOf(before),
      after: auditOf(after!),
    });
  });
  return roundAnswer(db, id, now);
}

export const closeRound = (db: Db, actor: Actor, id: number, input: DispatchRoundChange, now: Date) =>
  setHandStatus(db, actor, id, input, 'close', now);

export const reopenRound = (db: Db, actor: Actor, id: number, input: DispatchRoundChange, now: Date) =>
  setHandStatus(db, actor, id, input, 'reopen', now);
