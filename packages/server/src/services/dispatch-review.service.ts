/** 一月一调度: the admin's review of a submitted report — accept it, or return it with a reason (退回). */
import type { DispatchReport, DispatchReportAccept, DispatchReportReturn } from '@guatu/contracts';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { enqueueNotification } from '../notifications/outbox.ts';
import type { Actor } from '../policies/actor.ts';
import { canManageRound, canSeeRound } from '../policies/dispatch.policy.ts';
import { canReadLedger, projectReadGrants } from '../policies/project.policy.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as reportRepo from '../repositories/dispatch-report.repository.ts';
import * as repo from '../repositories/dispatch.repository.ts';
import { findProjectById, isProjectVisible } from '../repositories/project.repository.ts';
import { withPhotos } from './dispatch-photos.service.ts';
import { toDto } from './dispatch-report.service.ts';
import { versionConflict } from './version-conflict.ts';

/** The admin's decision on a submitted report: accept it, or return it with a reason (退回). */
async function decide(
  db: Db,
  actor: Actor,
  roundId: number,
  projectId: number,
  input: { version: number; reason?: string },
  to: 'accepted' | 'returned',
  now: Date,
): Promise<DispatchReport> {
  if (!canReadLedger(actor)) throw new AppError('forbidden');
  const round = await repo.findRoundById(db, roundId);
  if (!round || !canSeeRound(actor, round)) throw new AppError('not_found', { entity: 'dispatchRound' });
  if (!canManageRound(actor, round)) throw new AppError('forbidden');
  const project = await findProjectById(db, projectId);
  const report = project ? await reportRepo.findReport(db, roundId, projectId) : null;
  if (!project || !report || !(await isProjectVisible(db, projectId, projectReadGrants(actor))))
    throw new AppError('not_found', { entity: 'dispatchReport' });
  if (report.version !== input.version)
    throw versionConflict(await reportRepo.findReportLastChange(db, report.id));
  if (report.status !== 'submitted')
    throw new AppError('dispatch_report_not_submitted', { status: report.status });
  const at = now.toISOString();
  const returnReason = to === 'returned' ? (input.reason ?? null) : null;
  await db.transaction().execute(async (trx) => {
    if (
      !(await reportRepo.decideReportIfVersion(
        trx,
        report.id,
        input.version,
        { status: to, returnReason },
        actor.id,
        at,
      ))
    )
      throw versionConflict(await reportRepo.findReportLastChange(trx, report.id));
    const { id: _id, roundId: _r, projectId: _p, idempotencyKey: _k, ...kept } = report;
    await reportRepo.insertReportVersion(trx, {
      reportId: report.id,
      version: input.version + 1,
      status: to,
      data: { ...kept, status: to, returnReason },
      by: actor.id,
      at,
    });
    await recordAudit(trx, actor, {
      action: to === 'accepted' ? 'accept' : 'return',
      entity: 'dispatch_report',
      entityId: report.id,
      before: { roundId, projectId, status: report.status },
      after: { roundId, projectId, status: to, returnReason },
    });
    // The reporter hears of a return in the app (delivered by the job runner).
    if (to === 'returned' && report.submittedBy)
      await enqueueNotification(
        trx,
        {
          userIds: [report.submittedBy],
          kind: DISPATCH_RETURNED_NOTIFICATION,
          params: { month: round.month, project: project.name, reason: returnReason ?? '' },
          link: '/dispatch',
        },
        now,
      );
  });
  return withPhotos(db, actor, toDto((await reportRepo.findReport(db, roundId, projectId))!, [], actor), now);
}

/** The in-app notification kind of a returned report (the web words it from its params). */
export const DISPATCH_RETURNED_NOTIFICATION = 'dispatch_report_returned';

export const acceptReport = (
  db: Db,
  actor: Actor,
  roundId: number,
  projectId: number,
  input: DispatchReportAccept,
  now: Date,
) => decide(db, actor, roundId, projectId, input, 'accepted', now);

export const returnReport = (
  db: Db,
  actor: Actor,
  roundId: number,
  projectId: number,
  input: DispatchReportReturn,
  now: Date,
) => decide(db, actor, roundId, projectId, input, 'returned', now);
