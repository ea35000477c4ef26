/**
 * A project's report in a dispatch round (issue 10, item 2), its first layer: the task force (or
 * the leader, or the admin) saves a draft and submits it. One idempotency key per draft: the same
 * draft or submission sent twice (offline, retried) is stored once (the admin's accept / return:
 * dispatch-review.service.ts). A report submitted after the
 * deadline is marked late; a closed round refuses reports until reopened; a stale version is 409.
 * Validation is the domain's (validateReport): errors block, warnings need `confirmWarnings`.
 * Every submitted version is kept (dispatch_report_versions); every change is audited.
 */
import type {
  DispatchReport,
  DispatchReportDraft,
  DispatchReportSubmit,
  DispatchReportVersion,
  DispatchReportVersionList,
} from '@guatu/contracts';
import {
  blocksSubmission,
  isLate,
  roundStatus,
  shanghaiToday,
  validateReport,
  type ReportIssue,
} from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { translate } from '../messages.ts';
import type { Actor } from '../policies/actor.ts';
import { canSeeRound } from '../policies/dispatch.policy.ts';
import { canEditProject, canReadLedger, projectReadGrants } from '../policies/project.policy.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { uniqueViolation } from '../repositories/db-errors.ts';
import * as reportRepo from '../repositories/dispatch-report.repository.ts';
import * as repo from '../repositories/dispatch.repository.ts';
import { findProjectById, isProjectVisible } from '../repositories/project.repository.ts';
import { loadReportSchedule, writeReportStages, type ReportSchedule } from './dispatch-stages.ts';
import { withPhotos } from './dispatch-photos.service.ts';
import { versionConflict } from './version-conflict.ts';

type Ctx = { round: repo.RoundRow; project: NonNullable<Awaited<ReturnType<typeof findProjectById>>> };

async function reportContext(db: Db, actor: Actor, roundId: number, projectId: number): Promise<Ctx> {
  if (!canReadLedger(actor)) throw new AppError('forbidden');
  const round = await repo.findRoundById(db, roundId);
  if (!round || !canSeeRound(actor, round)) throw new AppError('not_found', { entity: 'dispatchRound' });
  const project = await findProjectById(db, projectId);
  if (!project || !(await reportRepo.isRoundProject(db, roundId, projectId)))
    throw new AppError('not_found', { entity: 'project' });
  const facts = {
    regionPath: project.regionPath,
    leaderId: project.leaderId,
    memberIds: project.taskForce.map((m) => m.id),
  };
  // A report outside the reporter's scope is refused.
  if (!canEditProject(actor, facts)) throw new AppError('forbidden');
  return { round, project };
}

function assertOpen(round: repo.RoundRow, now: Date) {
  const status = roundStatus(
    {
      deadline: round.deadline,
      closedAt: round.status === 'closed' ? (round.closedAt ?? round.updatedAt) : null,
      reopened: round.reopenedAt !== null,
    },
    shanghaiToday(now),
  );
  if (status === 'closed') throw new AppError('dispatch_round_closed', { month: round.month });
}

export function toDto(r: reportRepo.ReportRow, issues: ReportIssue[], actor: Actor): DispatchReport {
  return {
    id: r.id,
    roundId: r.roundId,
    projectId: r.projectId,
    status: r.status as DispatchReport['status'],
    completedThisMonth: r.completedThisMonth,
    progressText: r.progressText,
    workersOnSite: r.workersOnSite,
    fundsInPlace: r.fundsInPlace,
    statsIncluded: r.statsIncluded === null ? null : r.statsIncluded === 1,
    statsCode: r.statsCode,
    statsDate: r.statsDate,
    problems: JSON.parse(r.problems) as string[],
    nextMonthPlan: r.nextMonthPlan,
    stages: JSON.parse(r.stages) as DispatchReport['stages'],
    submittedAt: r.submittedAt,
    late: r.late === 1,
    returnReason: r.returnReason,
    idempotencyKey: r.idempotencyKey,
    issues: issues.map((i) => ({ ...i, message: translate(i.code, actor.lang, i.params) })),
    // Filled by withPhotos (dispatch-photos.service.ts) where the answer leaves the service.
    photos: [],
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

const valuesOf = (d: DispatchReportDraft) => ({
  completedThisMonth: d.completedThisMonth,
  progressText: d.progressText,
  workersOnSite: d.workersOnSite,
  fundsInPlace: d.fundsInPlace,
  statsIncluded: d.statsIncluded === null ? null : d.statsIncluded ? 1 : 0,
  statsCode: d.statsCode,
  statsDate: d.statsDate,
  problems: JSON.stringify(d.problems),
  nextMonthPlan: d.nextMonthPlan,
  stages: JSON.stringify(d.stages),
});

async function issuesOf(
  db: Db,
  ctx: Ctx,
  d: DispatchReportDraft,
  now: Date,
  loaded?: ReportSchedule | null,
): Promise<ReportIssue[]> {
  const { round, project } = ctx;
  // The stages are checked against the project's schedule (its stage list, recorded dates, calendar).
  const schedule =
    loaded ?? (d.stages.length > 0 ? await loadReportSchedule(db, project, shanghaiToday(now)) : null);
  const year = project.years.find((y) => y.year === round.year);
  const months = (
    await reportRepo.findReportedMonths(db, round.regionId, round.year, '9999-12', project.id)
  ).filter((m) => m.month !== round.month);
  return validateReport(
    {
      month: round.month,
      completedThisMonth: d.completedThisMonth,
      fundsInPlace: d.fundsInPlace,
      workersOnSite: d.workersOnSite,
      stages: d.stages,
    },
    {
      today: shanghaiToday(now),
      totalInvestment: project.totalInvestment,
      annualPlan: year?.annualPlan ?? 0,
      starting:
        year?.reportedYtd != null && year.reportedAsOf != null
          ? { ytd: year.reportedYtd, asOf: year.reportedAsOf }
          : null,
      otherMonths: months,
      ...(schedule ? { schedule } : {}),
    },
  );
}

export async function getReport(
  db: Db,
  actor: Actor,
  roundId: number,
  projectId: number,
): Promise<DispatchReport> {
  if (!canReadLedger(actor)) throw new AppError('forbidden');
  const round = await repo.findRoundById(db, roundId);
  if (!round || !canSeeRound(actor, round)) throw new AppError('not_found', { entity: 'dispatchRound' });
  if (!(await isProjectVisible(db, projectId, projectReadGrants(actor))))
    throw new AppError('not_found', { entity: 'dispatchReport' });
  const report = await reportRepo.findReport(db, roundId, projectId);
  if (!report) throw new AppError('not_found', { entity: 'dispatchReport' });
  return withPhotos(db, actor, toDto(report, [], actor));
}

/**
 * The existing report this request continues: the same key (a replay, or the draft being edited)
 * or the project's report of the round, whose version the request must name.
 */
async function continued(db: Db, roundId: number, projectId: number, d: DispatchReportDraft) {
  const byKey = await reportRepo.findReportByKey(db, d.idempotencyKey);
  if (byKey && (byKey.roundId !== roundId || byKey.projectId !== projectId)) throw new AppError('conflict');
  const existing = byKey ?? (await reportRepo.findReport(db, roundId, projectId));
  return { existing, sameKey: byKey !== null };
}

export async function saveDraft(
  db: Db,
  actor: Actor,
  roundId: number,
  projectId: number,
  d: DispatchReportDraft,
  now: Date,
): Promise<DispatchReport> {
  const ctx = await reportContext(db, actor, roundId, projectId);
  // A returned report is corrected even on a closed round: the admin asked for it.
  if ((await reportRepo.findReport(db, roundId, projectId))?.status !== 'returned')
    assertOpen(ctx.round, now);
  const at = now.toISOString();
  const write = async () => {
    const { existing, sameKey } = await continued(db, roundId, projectId, d);
    await assertCorrection(db, existing, d);
    if (existing && (existing.status === 'submitted' || existing.status === 'accepted')) {
      // The draft of a report already submitted, sent again: nothing to store.
      if (sameKey) return existing.id;
      throw versionConflict(await reportRepo.findReportLastChange(db, existing.id));
    }
    return db.transaction().execute(async (trx) => {
      if (!existing) {
        const id = await reportRepo.insertReport(
          trx,
          {
            ...valuesOf(d),
            roundId,
            projectId,
            idempotencyKey: d.idempotencyKey,
            status: 'draft',
            submittedAt: null,
            submittedBy: null,
            late: 0,
            returnReason: null,
          },
          actor.id,
          at,
        );
        await recordAudit(trx, actor, {
          action: 'save_draft',
          entity: 'dispatch_report',
          entityId: id,
          after: { roundId, projectId, ...valuesOf(d) },
        });
        return id;
      }
      // Another device's draft needs the version it read; the same draft continues its own.
      const version = d.version ?? (sameKey ? existing.version : 0);
      const values = {
        ...valuesOf(d),
        status: existing.status,
        submittedAt: existing.submittedAt,
        submittedBy: existing.submittedBy,
        late: existing.late,
        returnReason: existing.returnReason,
      };
      if (!(await reportRepo.updateReportIfVersion(trx, existing.id, version, values, actor.id, at)))
        await staleOrRace(trx, existing.id, sameKey, d.version !== undefined);
      await recordAudit(trx, actor, {
        action: 'save_draft',
        entity: 'dispatch_report',
        entityId: existing.id,
        after: { roundId, projectId, ...valuesOf(d) },
      });
      return existing.id;
    });
  };
  const id = await retryOnRace(write);
  const report = (await reportRepo.findReport(db, roundId, projectId))!;
  return withPhotos(
    db,
    actor,
    toDto(report, id === report.id ? await issuesOf(db, ctx, d, now) : [], actor),
    now,
  );
}

/** A send of a draft that lost a race to another send of the same draft: run it again. */
class SameDraftRace extends Error {}

/**
 * Two sends of one draft racing (offline replays, retries): the loser of the first insert (unique
 * key) or of the version check runs again on what the winner stored — a replayed submission then
 * finds it submitted and stores nothing, a draft continues the winner's version.
 */
async function retryOnRace<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (attempt >= 3 || !(e instanceof SameDraftRace || uniqueViolation(e))) throw e;
    }
  }
}

/** The stale-version 409, or a retry when the row was changed by a send of the same draft. */
async function staleOrRace(db: Db, id: number, sameKey: boolean, namedVersion: boolean): Promise<never> {
  if (sameKey && !namedVersion) throw new SameDraftRace();
  throw versionConflict(await reportRepo.findReportLastChange(db, id));
}

/**
 * A returned report is corrected on the version the reporter read after the return: a send that
 * names no version (an old offline replay of the returned submission) is a stale edit, 409.
 */
async function assertCorrection(db: Db, existing: reportRepo.ReportRow | null, d: DispatchReportDraft) {
  if (existing?.status === 'returned' && d.version === undefined)
    throw versionConflict(await reportRepo.findReportLastChange(db, existing.id));
}

export async function submitReport(
  db: Db,
  actor: Actor,
  roundId: number,
  projectId: number,
  d: DispatchReportSubmit,
  now: Date,
): Promise<DispatchReport> {
  const ctx = await reportContext(db, actor, roundId, projectId);
  const { confirmWarnings, ...draft } = d;
  const first = await continued(db, roundId, projectId, draft);
  // The same submission replayed (offline, retried): stored once, answered as stored.
  if (
    first.sameKey &&
    first.existing &&
    (first.existing.status === 'submitted' || first.existing.status === 'accepted')
  )
    return withPhotos(db, actor, toDto(first.existing, [], actor), now);
  // A returned report is resubmitted even on a closed round (the admin asked for the correction),
  // and keeps the late mark of its first submission.
  const returned = first.existing?.status === 'returned' ? first.existing : null;
  if (!returned) assertOpen(ctx.round, now);
  const schedule =
    draft.stages.length > 0 ? await loadReportSchedule(db, ctx.project, shanghaiToday(now)) : null;
  const issues = await issuesOf(db, ctx, draft, now, schedule);
  if (blocksSubmission(issues, confirmWarnings))
    throw new AppError(
      'dispatch_report_invalid',
      {
        errors: issues.filter((i) => i.severity === 'error').length,
        warnings: issues.filter((i) => i.severity === 'warning').length,
      },
      issues.map((i) => ({ path: i.path, reason: i.code, params: i.params, severity: i.severity })),
    );
  const at = now.toISOString();
  const today = shanghaiToday(now);
  const values = {
    ...valuesOf(draft),
    status: 'submitted',
    submittedAt: at,
    submittedBy: actor.id || null,
    late: returned ? returned.late : isLate(today, ctx.round.deadline) ? 1 : 0,
    returnReason: null,
  };
  const write = async () => {
    const { existing, sameKey } = await continued(db, roundId, projectId, draft);
    if (sameKey && existing && (existing.status === 'submitted' || existing.status === 'accepted'))
      return existing.id;
    await assertCorrection(db, existing, draft);
    return db.transaction().execute(async (trx) => {
      let id: number;
      let version: number;
      if (!existing) {
        id = await reportRepo.insertReport(
          trx,
          { ...values, roundId, projectId, idempotencyKey: draft.idempotencyKey },
          actor.id,
          at,
        );
        version = 1;
      } else {
        const read = draft.version ?? (sameKey ? existing.version : 0);
        if (!(await reportRepo.updateReportIfVersion(trx, existing.id, read, values, actor.id, at)))
          await staleOrRace(trx, existing.id, sameKey, draft.version !== undefined);
        id = existing.id;
        version = read + 1;
      }
      await reportRepo.insertReportVersion(trx, {
        reportId: id,
        version,
        status: 'submitted',
        data: values,
        by: actor.id,
        at,
      });
      await recordAudit(trx, actor, {
        action: 'submit',
        entity: 'dispatch_report',
        entityId: id,
        after: { roundId, projectId, ...values },
      });
      // The stage dates land on the schedule in this transaction: a failure leaves nothing.
      if (schedule) await writeReportStages(trx, actor, ctx.project, schedule.plan, draft.stages, now);
      return id;
    });
  };
  await retryOnRace(write);
  return withPhotos(
    db,
    actor,
    toDto((await reportRepo.findReport(db, roundId, projectId))!, issues, actor),
    now,
  );
}

/** Every kept version of a report (submissions, acceptance, returns), oldest first. */
export async function reportVersions(
  db: Db,
  actor: Actor,
  roundId: number,
  projectId: number,
): Promise<DispatchReportVersionList> {
  await getReport(db, actor, roundId, projectId);
  const report = (await reportRepo.findReport(db, roundId, projectId))!;
  const rows = await reportRepo.findReportVersions(db, report.id);
  return {
    items: rows.map((v) => {
      const d = JSON.parse(v.data) as Partial<reportRepo.ReportValues>;
      const n = (x: unknown) => (x === null || x === undefined ? null : Number(x));
      return {
        version: v.version,
        status: v.status as DispatchReportVersion['status'],
        at: v.at,
        byName: v.byName ?? null,
        completedThisMonth: n(d.completedThisMonth),
        progressText: d.progressText ?? null,
        workersOnSite: n(d.workersOnSite),
        fundsInPlace: n(d.fundsInPlace),
        problems: typeof d.problems === 'string' ? (JSON.parse(d.problems) as string[]) : [],
        nextMonthPlan: d.nextMonthPlan ?? null,
        late: d.late === 1,
        returnReason: d.returnReason ?? null,
      };
    }),
  };
}
