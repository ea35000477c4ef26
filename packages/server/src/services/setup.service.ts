/**
 * Setting a deployment up from the official divisions (issue 9, item 1).
 *
 * - POST /api/setup (and `guatu setup --division`): the root region — the placeholder 本级行政区
 *   of an empty deployment, where the setup accounts sit — becomes the chosen province, city or
 *   county (official name, level, code), and its subtree is created down to the towns. Refused
 *   when the root is already another division, or an unofficial root already holds projects.
 * - POST /api/setup/divisions: a province or city deployment adds one division's subtree under
 *   the region of its parent division.
 *
 * Both are idempotent: a division already in the tree (by code, or by name under the same parent,
 * which is then given its code) is kept, so a second run writes nothing. One audit row (entity
 * region, action setup) summarises what a run created, in the same transaction.
 */
import type { DivisionItem, DivisionQuery, SetupResult, SetupStatus } from '@guatu/contracts';
import type { DivisionEntry, RegionLevel } from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import {
  childrenOf,
  divisionByCode,
  resolveDeploymentDivision,
  searchDivisions,
  townCount,
} from '../divisions/index.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { canSetUpDivisions } from '../policies/setup.policy.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { findRootRegion } from '../repositories/region.repository.ts';
import {
  countAllProjects,
  findAllRegionRows,
  insertDivisionChildren,
  insertDivisionRegion,
  setRegionDivision,
  type SetupRegionRow,
} from '../repositories/setup.repository.ts';

type AuditingActor = Pick<Actor, 'id' | 'displayName' | 'ip' | 'roles' | 'regionPath' | 'requestId'>;

const requireSetUp = (actor: AuditingActor) => {
  if (!canSetUpDivisions(actor)) throw new AppError('forbidden');
};

/** A division as the API answers it, with its counts for the cascader and the preview. */
export const divisionItemOf = (d: DivisionEntry): DivisionItem => ({
  code: d.code,
  name: d.name,
  level: d.level,
  parentCode: d.parentCode,
  parentNames: [...d.parentNames],
  children: childrenOf(d.code).length,
  towns: d.level === 'town' ? 0 : townCount(d.code),
});

/** Whether the deployment is set up (its root is an official division, or it holds projects), and who may. */
export async function setupStatus(db: Db, actor: AuditingActor): Promise<SetupStatus> {
  const root = (await findRootRegion(db))!;
  const projects = await countAllProjects(db);
  return {
    setUp: root.code !== null || projects > 0,
    canSetUp: canSetUpDivisions(actor),
    root: { id: root.id, name: root.name, level: root.level as RegionLevel, code: root.code },
    projects,
  };
}

/** The cascader's children of a code (none: the provinces; towns are not offered), or a search. */
export function listDivisions(actor: AuditingActor, q: DivisionQuery): { items: DivisionItem[] } {
  requireSetUp(actor);
  if (q.q) return { items: searchDivisions(q.q).map(divisionItemOf) };
  const items = childrenOf(q.parent ?? null).filter((d) => d.level !== 'town');
  return { items: items.map(divisionItemOf) };
}

/** A province, city or county named by a code or a name; ambiguous names answer their candidates. */
export function resolveDivisionInput(input: string): DivisionEntry {
  const r = resolveDeploymentDivision(input);
  if (r.kind === 'none') throw new AppError('division_unknown', { query: input });
  if (r.kind === 'ambiguous')
    throw new AppError(
      'division_ambiguous',
      { query: input, count: r.candidates.length },
      r.candidates.map(divisionItemOf),
    );
  return r.division;
}

type Counts = SetupResult['created'];

/**
 * Creates what is missing of a division's subtree under `anchor` (the region of the division
 * itself). A division is found by its code, else by its name among its parent region's uncoded
 * children (a town an admin added by hand, or the demo's), which is then given its code.
 */
async function fillSubtree(
  trx: Db,
  all: SetupRegionRow[],
  anchor: { id: number; path: string },
  division: DivisionEntry,
  created: Counts,
): Promise<number> {
  const byCode = new Map(all.filter((r) => r.code !== null).map((r) => [r.code!, r]));
  const uncodedChildren = new Map<number, SetupRegionRow[]>();
  for (const r of all)
    if (r.code === null && r.parentId !== null && r.kind !== 'zone')
      uncodedChildren.set(r.parentId, [...(uncodedChildren.get(r.parentId) ?? []), r]);
  let coded = 0;
  // Parent by parent: the missing children of one region are inserted together.
  const queue: Array<[DivisionEntry, { id: number; path: string }]> = [[division, anchor]];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [d, region] = next;
    const missing: DivisionEntry[] = [];
    for (const child of childrenOf(d.code)) {
      const existing = byCode.get(child.code);
      if (existing) {
        queue.push([child, existing]);
        continue;
      }
      const siblings = uncodedChildren.get(region.id) ?? [];
      const same = siblings.find((r) => r.name === child.name);
      if (same) {
        await setRegionDivision(trx, same.id, { name: child.name, level: child.level, code: child.code });
        uncodedChildren.set(
          region.id,
          siblings.filter((r) => r !== same),
        );
        queue.push([child, same]);
        coded++;
        continue;
      }
      missing.push(child);
    }
    if (missing.length === 0) continue;
    const rows = await insertDivisionChildren(trx, region, missing);
    for (const child of missing) {
      created[child.level]++;
      queue.push([child, rows.get(child.code)!]);
    }
  }
  return coded;
}

const zero = (): Counts => ({ province: 0, city: 0, county: 0, town: 0 });

/**
 * Sets the deployment up as a province, city or county (a code or an official name): the root
 * region becomes it and its subtree is created. Runs in the caller's transaction when given one
 * (`trx`: the first import proposes the jurisdiction and commits in one transaction).
 */
export async function applySetup(
  trx: Db,
  actor: AuditingActor,
  division: DivisionEntry,
): Promise<SetupResult> {
  const root = (await findRootRegion(trx))!;
  if (root.code !== null && root.code !== division.code)
    throw new AppError('setup_other_tree', { name: root.name, code: root.code });
  let rootChanged = false;
  if (root.code === null) {
    const projects = await countAllProjects(trx);
    if (projects > 0) throw new AppError('setup_has_projects', { count: projects });
    await setRegionDivision(trx, root.id, {
      name: division.name,
      level: division.level,
      code: division.code,
    });
    rootChanged = true;
  }
  const created = zero();
  const coded = await fillSubtree(trx, await findAllRegionRows(trx), root, division, created);
  const total = created.province + created.city + created.county + created.town;
  const changed = rootChanged || total > 0 || coded > 0;
  if (changed)
    await recordAudit(trx, actor, {
      action: 'setup',
      entity: 'region',
      entityId: root.id,
      before: rootChanged ? { name: root.name, level: root.level, code: root.code } : undefined,
      after: { division: division.code, name: division.name, level: division.level, created, coded },
    });
  return {
    region: { id: root.id, name: division.name, level: division.level, code: division.code },
    division: divisionItemOf(division),
    created,
    coded,
    changed,
  };
}

/** POST /api/setup: the root region's admin sets the deployment up (one transaction, audited). */
export async function setUpDeployment(
  db: Db,
  actor: AuditingActor,
  input: { code: string },
): Promise<SetupResult> {
  requireSetUp(actor);
  const division = resolveDivisionInput(input.code);
  return db.transaction().execute((trx) => applySetup(trx, actor, division));
}

/**
 * POST /api/setup/divisions: adds a division's subtree under the region of its parent division
 * (a province deployment adding a city or county; a division already there is completed).
 */
export async function addDivision(
  db: Db,
  actor: AuditingActor,
  input: { code: string },
): Promise<SetupResult> {
  requireSetUp(actor);
  const division = resolveDivisionInput(input.code);
  return db.transaction().execute(async (trx) => {
    const all = await findAllRegionRows(trx);
    const root = all.find((r) => r.parentId === null)!;
    const byCode = new Map(all.filter((r) => r.code !== null).map((r) => [r.code!, r]));
    const created = zero();
    let anchor = byCode.get(division.code) ?? null;
    let coded = 0;
    if (!anchor) {
      const parent = division.parentCode === null ? undefined : byCode.get(division.parentCode);
      if (!parent) {
        const inside = root.code !== null && division.parentNames.length > 0 && isBelow(division, root.code);
        if (!inside)
          throw new AppError('division_outside', {
            name: division.name,
            code: division.code,
            root: root.name,
          });
        throw new AppError('division_parent_missing', {
          name: division.name,
          parent: divisionByCode(division.parentCode!)?.name ?? division.parentCode!,
        });
      }
      const same = all.find(
        (r) => r.parentId === parent.id && r.code === null && r.kind !== 'zone' && r.name === division.name,
      );
      if (same) {
        await setRegionDivision(trx, same.id, {
          name: division.name,
          level: division.level,
          code: division.code,
        });
        anchor = same;
        coded++;
      } else {
        const row = await insertDivisionRegion(trx, {
          parentId: parent.id,
          parentPath: parent.path,
          name: division.name,
          level: division.level,
          code: division.code,
        });
        anchor = { ...parent, ...row, parentId: parent.id, name: division.name, code: division.code };
        created[division.level]++;
      }
    }
    coded += await fillSubtree(trx, await findAllRegionRows(trx), anchor, division, created);
    const total = created.province + created.city + created.county + created.town;
    const changed = total > 0 || coded > 0;
    if (changed)
      await recordAudit(trx, actor, {
        action: 'setup',
        entity: 'region',
        entityId: anchor.id,
        after: { division: division.code, name: division.name, level: division.level, created, coded },
      });
    return {
      region: { id: anchor.id, name: anchor.name, level: division.level, code: division.code },
      division: divisionItemOf(division),
      created,
      coded,
      changed,
    };
  });
}

/** Whether a division lies below the division of `code` (its chain of parents reaches it). */
function isBelow(d: DivisionEntry, code: string): boolean {
  let parent = d.parentCode === null ? null : divisionByCode(d.parentCode);
  while (parent) {
    if (parent.code === code) return true;
    parent = parent.parentCode === null ? null : divisionByCode(parent.parentCode);
  }
  return false;
}
