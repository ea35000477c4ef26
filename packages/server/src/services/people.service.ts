/**
 * People (issue 9, item 3): the leaders and task-force members of projects, who need not log in.
 * The data admin manages those of his subtree; every change is audited in its transaction; a person
 * still leading or serving on a project is not deleted. Linking an account is the security
 * administrator's (admin.service.ts, PUT /api/users/:id with personId).
 */
import type {
  Person,
  PersonCreate,
  PersonExportQuery,
  PersonPage,
  PersonQuery,
  PersonUpdate,
} from '@guatu/contracts';
import { loadExcelJS } from '../excel/exceljs.ts';
import { translate } from '../messages.ts';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { canManagePerson, canReadPeople, canSeePerson } from '../policies/people.policy.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as people from '../repositories/people.repository.ts';
import { findRegionById } from '../repositories/region.repository.ts';
import { phoneToWrite } from './personal-data.service.ts';
import { versionConflict } from './version-conflict.ts';

/** What the audit row keeps of a person: the masked phone, never the number. */
const auditOf = (p: Person) => ({
  regionId: p.regionId,
  name: p.name,
  title: p.title,
  unit: p.unit,
  phone: p.phone,
  userId: p.userId,
});

async function regionFor(db: Db, actor: Actor, regionId: number) {
  const region = await findRegionById(db, regionId);
  if (!region) throw new AppError('invalid_reference', { field: 'regionId', value: regionId });
  if (!canManagePerson(actor, region.path)) throw new AppError('out_of_scope_region');
  return region;
}

/** (region, name, unit) is unique: a second 张伟 of one region needs another 单位. */
async function assertUnique(
  db: Db,
  regionId: number,
  name: string,
  unit: string | null,
  selfId: number | null,
) {
  const same = await people.findPeopleByNames(db, [regionId], [name]);
  if (same.some((p) => p.id !== selfId && (p.unit ?? '') === (unit ?? '')))
    throw new AppError('duplicate', { field: 'person', value: unit ? `${name}（${unit}）` : name });
}

async function visiblePerson(db: Db, actor: Actor, id: number) {
  const row = await people.findPersonJoined(db, id);
  if (!row || !canSeePerson(actor, row.regionPath)) throw new AppError('not_found', { entity: 'person' });
  return row;
}

export async function listPeople(db: Db, actor: Actor, q: PersonQuery): Promise<PersonPage> {
  if (!canReadPeople(actor)) throw new AppError('forbidden');
  let regionPath: string | undefined;
  if (q.regionId !== undefined) {
    const region = await findRegionById(db, q.regionId);
    if (!region || !region.path.startsWith(actor.regionPath))
      throw new AppError('not_found', { entity: 'region' });
    regionPath = region.path;
  }
  const { regionId: _r, ...rest } = q;
  return people.findPeople(db, actor.regionPath, { ...rest, regionPath });
}

export async function getPerson(db: Db, actor: Actor, id: number): Promise<Person> {
  return people.toPerson(await visiblePerson(db, actor, id));
}

export async function createPerson(db: Db, actor: Actor, input: PersonCreate, now: Date): Promise<Person> {
  await regionFor(db, actor, input.regionId);
  await assertUnique(db, input.regionId, input.name, input.unit, null);
  const id = await db.transaction().execute(async (trx) => {
    const [newId] = await people.insertPeople(trx, [input], { by: actor.id, now: now.toISOString() });
    const created = people.toPerson((await people.findPersonJoined(trx, newId!))!);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'person',
      entityId: newId!,
      after: auditOf(created),
    });
    return newId!;
  });
  return getPerson(db, actor, id);
}

export async function updatePerson(
  db: Db,
  actor: Actor,
  id: number,
  input: PersonUpdate,
  now: Date,
): Promise<Person> {
  const row = await visiblePerson(db, actor, id);
  if (!canManagePerson(actor, row.regionPath)) throw new AppError('forbidden');
  const before = people.toPerson(row);
  const { version, ...sent } = input;
  if (sent.regionId !== undefined && sent.regionId !== row.regionId)
    await regionFor(db, actor, sent.regionId);
  // The masked phone the form was shown, sent back unchanged, keeps the stored number.
  const patch = { ...sent, phone: phoneToWrite(sent.phone, before.phone) };
  await assertUnique(
    db,
    patch.regionId ?? before.regionId,
    patch.name ?? before.name,
    patch.unit === undefined ? before.unit : patch.unit,
    id,
  );
  await db.transaction().execute(async (trx) => {
    if (!(await people.updatePersonIfVersion(trx, id, version, patch, actor.id, now.toISOString())))
      throw versionConflict(await people.findPersonLastChange(trx, id));
    const after = people.toPerson((await people.findPersonJoined(trx, id))!);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'person',
      entityId: id,
      before: auditOf(before),
      after: auditOf(after),
    });
  });
  return getPerson(db, actor, id);
}

/** Refused (409 person_in_use) while the person leads or serves on any project. */
export async function deletePerson(db: Db, actor: Actor, id: number): Promise<void> {
  const row = await visiblePerson(db, actor, id);
  if (!canManagePerson(actor, row.regionPath)) throw new AppError('forbidden');
  const before = people.toPerson(row);
  await db.transaction().execute(async (trx) => {
    const now = people.toPerson((await people.findPersonJoined(trx, id))!);
    if (now.leads > 0 || now.serves > 0)
      throw new AppError('person_in_use', { name: now.name, leads: now.leads, serves: now.serves });
    await people.deletePerson(trx, id);
    await recordAudit(trx, actor, {
      action: 'delete',
      entity: 'person',
      entityId: id,
      before: auditOf(before),
    });
  });
}

/** The filtered list as .xlsx (phones masked, as on the page); audited. */
export async function exportPeople(db: Db, actor: Actor, q: PersonExportQuery, now: Date) {
  const { items } = await listPeople(db, actor, { ...q, page: 1, pageSize: 100_000 });
  const w = (key: Parameters<typeof translate>[0]) => translate(key, actor.lang);
  const wb = new (await loadExcelJS()).Workbook();
  wb.created = now;
  const ws = wb.addWorksheet(w('people_export_sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: w('people_export_seq'), key: 'seq', width: 8 },
    { header: w('people_export_name'), key: 'name', width: 14 },
    { header: w('people_export_title'), key: 'title', width: 28 },
    { header: w('people_export_unit'), key: 'unit', width: 28 },
    { header: w('people_export_region'), key: 'regionName', width: 14 },
    { header: w('people_export_phone'), key: 'phone', width: 16 },
    { header: w('people_export_account'), key: 'username', width: 14 },
    { header: w('people_export_leads'), key: 'leads', width: 12 },
    { header: w('people_export_serves'), key: 'serves', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  items.forEach((p, i) => ws.addRow({ ...p, seq: i + 1 }));
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  await recordAudit(db, actor, {
    action: 'export',
    entity: 'person',
    entityId: null,
    after: { filters: q, rows: items.length },
  });
  return { fileName: `${w('people_export_file')}-${now.toISOString().slice(0, 10)}.xlsx`, data };
}
