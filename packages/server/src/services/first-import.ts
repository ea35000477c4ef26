/**
 * The first import fills what the ledger names (issue 9, item 2): the jurisdiction (from the
 * title, else the rows' places; on an empty system the commit sets it up once the user confirms
 * it), towns matched inside addresses, and the departments and responsible leaders the file names
 * but the system lacks — listed under 将新建 and created with the commit, in its transaction. A
 * name that is almost an existing one is offered as a match, never created silently.
 *
 * The plan runs before anything exists: what is to be created gets a placeholder id (negative)
 * in the lookups, and the commit swaps in the real ids once it has created them.
 */
import type { ImportJurisdiction, ImportNearMatch, ImportOptions } from '@guatu/contracts';
import {
  buildResolver,
  departmentKey,
  divisionFullName,
  halfWidth,
  jurisdictionFromPlaces,
  jurisdictionInTitle,
  matchTownInAddress,
  nearDepartments,
  nearPeople,
  personKey,
  titleLines,
  type DivisionEntry,
  type Grid,
  type HeaderDetection,
  type ImportLookups,
  type ImportRecord,
  type PlannedRow,
  type TownOf,
} from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import {
  childrenOf,
  divisionByCode,
  jurisdictionCandidates,
  resolveDeploymentDivision,
} from '../divisions/index.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { insertDepartment } from '../repositories/department.repository.ts';
import { insertPeople } from '../repositories/people.repository.ts';
import { findRegionById, findRootRegion } from '../repositories/region.repository.ts';
import { countAllProjects, findAllRegionRows } from '../repositories/setup.repository.ts';
import { applySetup } from './setup.service.ts';

type Placeholder = { id: number; name: string };

export type FirstImport = {
  jurisdiction: ImportJurisdiction | null;
  /** The division the commit sets up (an empty system), or null. */
  setUp: DivisionEntry | null;
  /** Placeholder town ids → division codes (an empty system's towns). */
  towns: Map<number, string>;
  departments: Placeholder[];
  people: Placeholder[];
  nearMatches: ImportNearMatch[];
};

const norm = (s: string) => halfWidth(s).replace(/\s+/g, '');

let allTowns: TownOf[] | null = null;
/** Every town of the official divisions with its county's code (the rows' places vote with them). */
function townsOfAllCounties(): TownOf[] {
  allTowns ??= jurisdictionCandidates().flatMap((c) =>
    childrenOf(c.code)
      .filter((t) => t.level === 'town')
      .map((t) => ({ name: t.name, parentCode: c.code })),
  );
  return allTowns;
}

/** The codes of a division and its ancestors. */
function lineOf(code: string): Set<string> {
  const out = new Set<string>();
  for (let d = divisionByCode(code); d; d = d.parentCode ? divisionByCode(d.parentCode) : null)
    out.add(d.code);
  return out;
}

/** Whether a ledger of `ledger` may go into a region `mine` (its own, one below it, or one above it). */
function related(ledger: DivisionEntry, mine: { code: string | null; name: string }): boolean {
  if (mine.code !== null) {
    const code = mine.code;
    return lineOf(ledger.code).has(code) || lineOf(code).has(ledger.code);
  }
  if (ledger.name === mine.name) return true;
  // An uncoded region: the official divisions of that name stand for it.
  return jurisdictionCandidates()
    .filter((c) => c.name === mine.name)
    .some((c) => lineOf(ledger.code).has(c.code) || lineOf(c.code).has(ledger.code));
}

function describe(
  d: DivisionEntry,
  source: ImportJurisdiction['source'],
  setUp: boolean,
): ImportJurisdiction {
  return { code: d.code, name: d.name, fullName: divisionFullName(d), source, setUp };
}

function resolveDivisionOption(q: string): DivisionEntry {
  const r = resolveDeploymentDivision(q);
  if (r.kind !== 'one') throw new AppError('import_jurisdiction_unknown', { division: q });
  return r.division;
}

/**
 * Refuses a ledger whose title names another jurisdiction than the importer's region (up front,
 * at the upload): 此台账属于宁津县，您的管辖范围是乐陵市. An empty system (no division yet) refuses none.
 */
export async function refuseOtherJurisdiction(db: Db, actor: Actor, grid: Grid, header: HeaderDetection) {
  const titled = jurisdictionInTitle(titleLines(grid, header.headerStart), jurisdictionCandidates());
  if (!titled) return;
  const [root, own] = await Promise.all([findRootRegion(db), findRegionById(db, actor.regionId)]);
  if (!own || (root?.code === null && (await countAllProjects(db)) === 0)) return;
  if (!related(titled, own))
    throw new AppError('import_other_jurisdiction', { ledger: titled.name, yours: own.name });
}

/**
 * Finds the jurisdiction, refuses another one's ledger, matches towns inside addresses and puts
 * placeholders for what is to be created into `lookups` (records and lookups are changed in place).
 * `commit`: an empty system's jurisdiction must then be confirmed (options.division).
 */
export async function settleFirstImport(
  db: Db,
  actor: Actor,
  grid: Grid,
  header: HeaderDetection,
  records: ImportRecord[],
  lookups: ImportLookups,
  options: Pick<ImportOptions, 'division' | 'nearChoices'>,
  commit: boolean,
): Promise<FirstImport> {
  const [root, own, projects] = await Promise.all([
    findRootRegion(db),
    findRegionById(db, actor.regionId),
    countAllProjects(db),
  ]);
  // Not set up: the setup service's rule (an uncoded root and no project yet).
  const empty = root !== null && root.code === null && projects === 0;
  const candidates = jurisdictionCandidates();
  const titled = jurisdictionInTitle(titleLines(grid, header.headerStart), candidates);
  const first: FirstImport = {
    jurisdiction: null,
    setUp: null,
    towns: new Map(),
    departments: [],
    people: [],
    nearMatches: [],
  };
  let jurisdictionName = own?.name ?? null;

  if (empty) {
    const places = records.flatMap((r) => {
      const p = r.values.town ?? r.values.address;
      return p ? [p] : [];
    });
    const found = titled ?? jurisdictionFromPlaces(places, candidates, townsOfAllCounties());
    const asked = options.division !== undefined ? resolveDivisionOption(options.division) : null;
    const division = asked ?? found;
    if (division) {
      const source = asked && asked.code !== found?.code ? 'division' : titled ? 'title' : 'rows';
      first.jurisdiction = describe(division, source, true);
      if (commit && !asked)
        throw new AppError('import_jurisdiction_unconfirmed', {
          proposed: division.name,
          code: division.code,
        });
      first.setUp = division;
      jurisdictionName = division.name;
      // The root becomes the division; its subtree gets placeholder ids until the commit creates it.
      const below = subtreeOf(division.code);
      lookups.regionsInScope = [
        { id: root.id, name: division.name },
        ...below.map((d, i) => ({ id: -(i + 1), name: d.name })),
      ];
      below.forEach((d, i) => first.towns.set(-(i + 1), d.code));
    } else if (commit)
      throw new AppError('import_jurisdiction_unknown', { division: options.division ?? '' });
  } else if (titled && own) {
    if (!related(titled, own))
      throw new AppError('import_other_jurisdiction', { ledger: titled.name, yours: own.name });
    first.jurisdiction = describe(titled, 'title', false);
  }

  matchTowns(records, lookups, jurisdictionName);
  settleDepartments(records, lookups, options, first);
  settlePeople(records, lookups, options, first);
  return first;
}

/** Every division below a code (towns, and the counties of a city), parents first. */
function subtreeOf(code: string): DivisionEntry[] {
  const out: DivisionEntry[] = [];
  const walk = (c: string) => {
    for (const d of childrenOf(c)) {
      out.push(d);
      walk(d.code);
    }
  };
  walk(code);
  return out;
}

/** A town named inside the 所在乡镇 cell (乐陵市寨头堡乡, 寨头堡) — or, with no such column, the 建设地点. */
function matchTowns(records: ImportRecord[], lookups: ImportLookups, jurisdiction: string | null) {
  const towns = lookups.regionsInScope;
  for (const r of records) {
    const v = r.values;
    const place = v.town !== undefined ? v.town : v.address;
    if (!place) continue;
    if (jurisdiction !== null && norm(place) === norm(jurisdiction)) continue;
    const hit = matchTownInAddress(place, towns, jurisdiction);
    if (hit) v.town = hit.name;
  }
}

const placeOf = (name: string) => /^.{0,6}?[市县区]/.exec(norm(name))?.[0];

function settleDepartments(
  records: ImportRecord[],
  lookups: ImportLookups,
  options: Pick<ImportOptions, 'nearChoices'>,
  first: FirstImport,
) {
  const resolver = buildResolver(lookups);
  const outside = new Set(lookups.regionsOutOfScope.map(norm));
  const existing = [...lookups.departments];
  const alias = new Map<string, string>();
  const byKey = new Map<string, Placeholder>();
  for (const r of records) {
    const name = r.values.department;
    if (!name || alias.has(name) || 'id' in resolver.department(name)) continue;
    const place = placeOf(name);
    if (place !== undefined && outside.has(place)) continue; // another county's office: an error
    const near = nearDepartments(name, existing);
    if (near.length > 0) {
      const choice = options.nearChoices?.find((c) => c.kind === 'department' && c.name === name);
      const chosen = choice ? choice.existingId : near[0]!.item.id;
      first.nearMatches.push({
        kind: 'department',
        name,
        candidates: near.map((n) => ({ id: n.item.id, name: n.item.name })),
        chosen,
      });
      const picked = existing.find((d) => d.id === chosen);
      if (picked) {
        alias.set(name, picked.name);
        continue;
      }
    }
    const key = departmentKey(name);
    let ph = byKey.get(key);
    if (!ph) {
      ph = { id: -(first.departments.length + 1), name: norm(name) };
      first.departments.push(ph);
      byKey.set(key, ph);
    }
    alias.set(name, ph.name);
  }
  lookups.departments = [...lookups.departments, ...first.departments];
  for (const r of records) {
    const name = r.values.department;
    if (name && alias.has(name)) r.values.department = alias.get(name)!;
  }
}

function settlePeople(
  records: ImportRecord[],
  lookups: ImportLookups,
  options: Pick<ImportOptions, 'nearChoices'>,
  first: FirstImport,
) {
  const resolver = buildResolver(lookups);
  const existing = [...lookups.leaders];
  const created = new Map<string, Placeholder>();
  const chosenName = new Map<string, string>();
  for (const r of records) {
    const cell = r.values.leader;
    if (!cell) continue;
    const parts = cell.split(/[、，,;；\s]+/).filter(Boolean);
    const name = personKey(parts[0] ?? cell);
    if (name === '' || created.has(name) || chosenName.has(name)) continue;
    const found = resolver.leader(cell);
    if (!('problem' in found) || found.problem !== 'unknown_leader') continue;
    const near = nearPeople(name, existing);
    if (near.length > 0) {
      const choice = options.nearChoices?.find((c) => c.kind === 'person' && c.name === name);
      const chosen = choice ? choice.existingId : near[0]!.item.id;
      first.nearMatches.push({
        kind: 'person',
        name,
        candidates: near.map((n) => ({ id: n.item.id, name: n.item.name })),
        chosen,
      });
      const picked = existing.find((p) => p.id === chosen);
      if (picked) {
        chosenName.set(name, picked.name);
        continue;
      }
    }
    const ph = { id: -(first.people.length + 1), name };
    first.people.push(ph);
    created.set(name, ph);
  }
  lookups.leaders = [...lookups.leaders, ...first.people];
  for (const r of records) {
    const cell = r.values.leader;
    if (!cell) continue;
    const parts = cell.split(/[、，,;；\s]+/).filter(Boolean);
    const picked = chosenName.get(personKey(parts[0] ?? cell));
    if (picked) r.values.leader = [picked, ...parts.slice(1)].join('、');
  }
}

/**
 * In the commit's transaction: sets the division up (an empty system), creates the departments and
 * people, and swaps the placeholders in the plan for their ids. Any failure after this undoes them
 * with the import.
 */
export async function applyFirstImport(
  trx: Db,
  actor: Actor,
  first: FirstImport,
  plan: PlannedRow[],
  now: Date,
): Promise<{ division: string | null; departments: string[]; people: string[] }> {
  const at = now.toISOString();
  const regionIds = new Map<number, number>();
  if (first.setUp) {
    await applySetup(trx, actor, first.setUp);
    const codes = new Map((await findAllRegionRows(trx)).flatMap((r) => (r.code ? [[r.code, r.id]] : [])));
    for (const [ph, code] of first.towns) {
      const id = codes.get(code);
      if (id !== undefined) regionIds.set(ph, id);
    }
  }
  const departmentIds = new Map<number, number>();
  for (const d of first.departments) {
    const id = await insertDepartment(trx, { regionId: actor.regionId, name: d.name });
    departmentIds.set(d.id, id);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'department',
      entityId: id,
      after: { name: d.name, regionId: actor.regionId, source: 'import' },
    });
  }
  const personIds = await insertPeople(
    trx,
    first.people.map((p) => ({ regionId: actor.regionId, name: p.name })),
    { by: actor.id > 0 ? actor.id : null, now: at },
  );
  const peopleIds = new Map(first.people.map((p, i) => [p.id, personIds[i]!]));
  for (const [i, p] of first.people.entries())
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'person',
      entityId: personIds[i]!,
      after: { name: p.name, regionId: actor.regionId, source: 'import' },
    });
  for (const row of plan) {
    const n = row.next;
    if (!n) continue;
    if (n.regionId < 0) n.regionId = regionIds.get(n.regionId) ?? actor.regionId;
    if (n.departmentId !== null && n.departmentId < 0) n.departmentId = departmentIds.get(n.departmentId)!;
    if (n.leaderId !== null && n.leaderId < 0) n.leaderId = peopleIds.get(n.leaderId)!;
  }
  return {
    division: first.setUp?.code ?? null,
    departments: first.departments.map((d) => d.name),
    people: first.people.map((p) => p.name),
  };
}
