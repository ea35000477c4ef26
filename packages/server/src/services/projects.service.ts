import type {
  LedgerQuery,
  LedgerSummary,
  Project,
  ProjectArchive,
  ProjectCreate,
  ProjectUpdate,
  SummaryQuery,
} from '@guatu/contracts';
import { isStarted, shanghaiToday } from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import type { NewProject, ProjectPatch } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import {
  canArchiveProject,
  canCreateProject,
  canEditProject,
  isProjectAdmin,
  projectReadGrants,
  projectReadRefusal,
  responsibilityFields,
} from '../policies/project.policy.ts';
import { portfolioOf } from '../portfolio/portfolio.ts';
import { portfolioSummary } from '../portfolio/summary-cache.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as repo from '../repositories/project.repository.ts';
import { phoneToWrite } from './personal-data.service.ts';
import { checkProjectReferences } from './project-references.ts';
import { ledgerPageBytes } from './ledger-page-bytes.ts';
import { resolveLedgerQuery, requireLedgerReader } from './ledger-query.ts';
import { versionConflict } from './version-conflict.ts';

export { ledgerYears } from './ledger-query.ts';

/** The ledger's page (a LedgerPage) as JSON bytes, ready to send (ledger-page-bytes.ts). */
export async function listLedgerBytes(db: Db, actor: Actor, q: LedgerQuery, now: Date): Promise<Buffer> {
  const { year, filter, grants } = await resolveLedgerQuery(db, actor, q, now);
  // The portfolio index filters, sorts, pages and holds the rows (names included): no SQL here.
  return ledgerPageBytes(await portfolioOf(db, year), year, filter, grants, q);
}

export async function ledgerSummary(
  db: Db,
  actor: Actor,
  q: SummaryQuery,
  now: Date,
): Promise<LedgerSummary> {
  const { year, filter, grants } = await resolveLedgerQuery(db, actor, q, now);
  return portfolioSummary(await portfolioOf(db, year), year, filter, grants);
}

type Loaded = Project & { regionPath: string };

/** Loads a project the actor may read: 404 when there is none, 403 when it is outside the scope. */
async function loadVisible(db: Db, actor: Actor, id: number): Promise<Loaded> {
  requireLedgerReader(actor);
  const p = await repo.findProjectById(db, id);
  const visible = p !== null && (await repo.isProjectVisible(db, id, projectReadGrants(actor)));
  const refusal = projectReadRefusal(actor, p && { visible });
  if (refusal === 'forbidden') throw new AppError('forbidden');
  if (!p || refusal === 'not_found') throw new AppError('not_found', { entity: 'project' });
  return p;
}

const present = (p: Loaded, today: string): Project => {
  const { regionPath: _p, ...rest } = p;
  return { ...rest, started: isStarted(p.actualStart, today, p.startedUndated) };
};

export async function getProject(db: Db, actor: Actor, id: number, now: Date): Promise<Project> {
  return present(await loadVisible(db, actor, id), shanghaiToday(now));
}

function toColumns(input: Partial<ProjectCreate>): ProjectPatch {
  const { years: _y, taskForceIds: _t, statsIncluded, startedUndated, ...rest } = input;
  return {
    ...rest,
    ...(statsIncluded === undefined ? {} : { statsIncluded: statsIncluded ? 1 : 0 }),
    // An actual start date replaces 已开工（日期未填）.
    ...(typeof input.actualStart === 'string'
      ? { startedUndated: 0 }
      : startedUndated === undefined
        ? {}
        : { startedUndated: startedUndated ? 1 : 0 }),
  };
}

export async function createProject(db: Db, actor: Actor, input: ProjectCreate, now: Date): Promise<Project> {
  if (!canCreateProject(actor)) throw new AppError('forbidden');
  await checkProjectReferences(db, actor, input, null);
  phoneToWrite(input.contactPhone, null); // a masked value would store stars
  const at = now.toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const newId = await repo.insertProject(trx, {
      ...(toColumns(input) as NewProject),
      createdAt: at,
      updatedAt: at,
      updatedBy: actor.id,
      version: 1,
    });
    await repo.upsertProjectYears(trx, newId, input.years);
    await repo.replaceProjectMembers(trx, newId, input.taskForceIds);
    const after = await repo.findProjectById(trx, newId);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'project',
      entityId: newId,
      after: auditView(after),
    });
    return newId;
  });
  return getProject(db, actor, id, now);
}

export async function updateProject(
  db: Db,
  actor: Actor,
  id: number,
  input: ProjectUpdate,
  now: Date,
): Promise<Project> {
  const before = await loadVisible(db, actor, id);
  const facts = {
    regionPath: before.regionPath,
    leaderId: before.leaderId,
    memberIds: before.taskForce.map((m) => m.id),
  };
  if (!canEditProject(actor, facts)) throw new AppError('forbidden');
  if (!isProjectAdmin(actor, facts)) {
    const touched = responsibilityFields.filter((f) => input[f] !== undefined);
    if (touched.length > 0) throw new AppError('forbidden_fields', { fields: touched.join(', ') });
  }
  await checkProjectReferences(db, actor, input, id);
  const { version, ...sent } = input;
  // The masked phone the form was shown, sent back unchanged, keeps the stored number.
  const fields = { ...sent, contactPhone: phoneToWrite(sent.contactPhone, before.contactPhone) };
  await db.transaction().execute(async (trx) => {
    const ok = await repo.updateProjectIfVersion(trx, id, version, {
      ...toColumns(fields),
      updatedAt: now.toISOString(),
      updatedBy: actor.id,
    });
    if (!ok) await throwConflict(trx, id);
    if (fields.years) await repo.upsertProjectYears(trx, id, fields.years);
    if (fields.taskForceIds) await repo.replaceProjectMembers(trx, id, fields.taskForceIds);
    const after = await repo.findProjectById(trx, id);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'project',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
  });
  return getProject(db, actor, id, now);
}

export async function archiveProject(
  db: Db,
  actor: Actor,
  id: number,
  input: ProjectArchive,
  now: Date,
): Promise<Project> {
  const before = await loadVisible(db, actor, id);
  const facts = { regionPath: before.regionPath, leaderId: before.leaderId, memberIds: [] };
  if (!canArchiveProject(actor, facts)) throw new AppError('forbidden');
  await db.transaction().execute(async (trx) => {
    const ok = await repo.updateProjectIfVersion(trx, id, input.version, {
      archivedAt: input.archived ? now.toISOString() : null,
      updatedAt: now.toISOString(),
      updatedBy: actor.id,
    });
    if (!ok) await throwConflict(trx, id);
    await recordAudit(trx, actor, {
      action: input.archived ? 'archive' : 'restore',
      entity: 'project',
      entityId: id,
      before: { archived: before.archived },
      after: { archived: input.archived },
    });
  });
  return getProject(db, actor, id, now);
}

/** 409 naming who changed the row last and when. */
async function throwConflict(db: Db, id: number): Promise<never> {
  const current = await repo.findProjectById(db, id);
  if (!current) throw new AppError('not_found', { entity: 'project' });
  throw versionConflict(current);
}

/** What the audit log keeps of a project: the fields a person edits, without derived names. */
function auditView(p: Loaded | null) {
  if (!p) return null;
  const { regionPath: _rp, updatedAt: _ua, updatedByName: _ub, version: _v, taskForce, ...rest } = p;
  return { ...rest, taskForce: taskForce.map((m) => m.name) };
}
