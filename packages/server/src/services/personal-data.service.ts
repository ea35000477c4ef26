/**
 * Personal data (phone numbers): the audited views of a plain number, and the rule for a write
 * that sends back the masked value it was shown.
 */
import { looksMasked, maskPhone, type ExistingProject, type PlannedRow } from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { canViewProjectContactPhone, canViewUserPhone } from '../policies/personal-data.policy.ts';
import { projectReadGrants } from '../policies/project.policy.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { findProjectContactPhone, findUserPhone } from '../repositories/personal-data.repository.ts';
import { findProjectById, isProjectVisible } from '../repositories/project.repository.ts';
import { findUserJoined } from '../repositories/user.repository.ts';

/**
 * What a write does with a phone, given the masked value the writer was shown:
 * undefined (not sent, or the masked value sent back unchanged) keeps the stored number;
 * another value with the masking character is refused (it would store stars); else it is written.
 */
export function phoneToWrite(
  sent: string | null | undefined,
  shownMasked: string | null,
): string | null | undefined {
  if (sent === undefined || sent === null) return sent;
  if (!looksMasked(sent)) return sent;
  if (shownMasked !== null && sent === shownMasked) return undefined;
  throw new AppError('personal_data_masked');
}

/** GET /api/projects/:id/contact-phone: the whole number, to those who work the project; audited. */
export async function viewProjectContactPhone(db: Db, actor: Actor, id: number) {
  const p = await findProjectById(db, id);
  if (!p) throw new AppError('not_found', { entity: 'project' });
  if (!(await isProjectVisible(db, id, projectReadGrants(actor)))) throw new AppError('forbidden');
  const facts = { regionPath: p.regionPath, leaderId: p.leaderId, memberIds: p.taskForce.map((m) => m.id) };
  if (!canViewProjectContactPhone(actor, facts)) throw new AppError('forbidden');
  return db.transaction().execute(async (trx) => {
    const contactPhone = await findProjectContactPhone(trx, id);
    await recordAudit(trx, actor, {
      action: 'view_personal_data',
      entity: 'project',
      entityId: id,
      after: { field: 'contactPhone', masked: maskPhone(contactPhone) },
    });
    return { contactPhone };
  });
}

/** GET /api/users/:id/phone: the whole number, to the security administrator in scope; audited. */
export async function viewUserPhone(db: Db, actor: Actor, id: number) {
  const u = await findUserJoined(db, id);
  if (!u || !u.regionPath.startsWith(actor.regionPath)) throw new AppError('not_found', { entity: 'user' });
  if (!canViewUserPhone(actor, u.regionPath)) throw new AppError('forbidden');
  return db.transaction().execute(async (trx) => {
    const phone = await findUserPhone(trx, id);
    await recordAudit(trx, actor, {
      action: 'view_personal_data',
      entity: 'user',
      entityId: id,
      after: { field: 'phone', masked: maskPhone(phone) },
    });
    return { phone };
  });
}

/**
 * An import reads phones in plain text and stores them encrypted. A masked phone in the file
 * (an exported ledger imported back) never overwrites a number: equal to the stored number's
 * masked form it means that number; otherwise the stored number (none, for a new project) is
 * kept with a warning. Phone changes are shown and audited masked. Changes `plan` in place.
 */
export function settleImportedPhones(
  plan: PlannedRow[],
  candidates: readonly ExistingProject[],
  column: string | null,
): void {
  const stored = new Map(candidates.map((c) => [c.id, c.snapshot.contactPhone]));
  for (const r of plan) {
    if (r.next && looksMasked(r.next.contactPhone)) {
      const current = r.projectId === null ? null : (stored.get(r.projectId) ?? null);
      if (r.next.contactPhone !== maskPhone(current))
        r.issues.push({
          severity: 'warning',
          code: 'masked_phone',
          column,
          field: 'contactPhone',
          value: r.next.contactPhone,
        });
      r.next = { ...r.next, contactPhone: current };
      r.diff = r.diff.filter((d) => d.field !== 'contactPhone');
      if (r.status === 'changed' && r.diff.length === 0) r.status = 'unchanged';
    }
    r.diff = r.diff.map((d) =>
      d.field === 'contactPhone'
        ? { ...d, before: maskPhone(d.before as string | null), after: maskPhone(d.after as string | null) }
        : d,
    );
  }
}
