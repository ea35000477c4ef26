/**
 * What an import would do to the ledger: each record matched to an existing project (by
 * project code, else by name within the region), its names resolved to ids, and classified
 * as new / changed / unchanged / error with a field-level diff. Pure: the server loads the
 * existing projects and the lookups once and passes them in.
 */
import { projectFieldCatalogue, type FieldValues } from '../project-fields.ts';
import type { ImportField } from './fields.ts';
import type { ImportRecord, RowIssue } from './rows.ts';
import { halfWidth } from './values.ts';

/** The ledger fields of a project for one year, as the import reads and writes them (from the catalogue). */
export type LedgerSnapshot = Omit<FieldValues<'project'>, 'longitude' | 'latitude' | 'taskForceIds'> &
  FieldValues<'year'>;

/** The fields of the year's row (level, category, annual plan, reported figures). */
export type YearSnapshotKey =
  'level' | 'category' | 'annualPlan' | 'reportedYtd' | 'reportedProgress' | 'reportedAsOf';

/** An existing project; `hasYear` says whether it is on the chosen year's list already. */
export type ExistingProject = {
  id: number;
  version: number;
  inScope: boolean;
  hasYear: boolean;
  snapshot: Omit<LedgerSnapshot, YearSnapshotKey> & Partial<Pick<LedgerSnapshot, YearSnapshotKey>>;
};

export type NamedRef = { id: number; name: string };
export type ImportLookups = {
  /** Regions of the actor's subtree (towns and the county itself). */
  regionsInScope: NamedRef[];
  /** Region names elsewhere in the tree, to tell "outside your scope" from "unknown". */
  regionsOutOfScope: string[];
  leaders: NamedRef[];
  departments: NamedRef[];
  /** Where a new project goes when the row names no town: the actor's own region. */
  defaultRegionId: number;
};

export type DiffValue = string | number | boolean | null;
export type FieldChange = { field: keyof LedgerSnapshot; before: DiffValue; after: DiffValue };

export type PlanStatus = 'new' | 'changed' | 'unchanged' | 'error';
export type PlannedRow = {
  row: number;
  status: PlanStatus;
  projectId: number | null;
  version: number | null;
  name: string | null;
  code: string | null;
  /** Changed fields; references by name for display (towns, leaders, departments). */
  diff: FieldChange[];
  issues: RowIssue[];
  /** The project as it will be after the import (null on error). */
  next: LedgerSnapshot | null;
  /** Whether the project gets an entry for the year it did not have (a changed row). */
  addsYear: boolean;
};

/** The catalogue's fields the import compares: those a column maps to, and the undated-start flag. */
const snapshotKeys = projectFieldCatalogue
  .filter((f) => f.owner !== 'import' && ('import' in f || f.key === 'startedUndated'))
  .map((f) => f.key) as ReadonlyArray<keyof LedgerSnapshot>;
const yearKeys: ReadonlySet<string> = new Set(
  projectFieldCatalogue.filter((f) => f.owner === 'year').map((f) => f.key),
);

const placeSuffix = /(街道办事处|街道|办事处|镇|乡|经济开发区|开发区|园区)$/;
const stripPlace = (s: string) => halfWidth(s).replace(/\s+/g, '').replace(placeSuffix, '');
const stripPerson = (s: string) =>
  halfWidth(s)
    .replace(/\s+/g, '')
    .replace(/[(（].*[)）]$/, '');

function indexBy(refs: readonly NamedRef[], key: (s: string) => string): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const r of refs) {
    const k = key(r.name);
    const list = m.get(k);
    if (list) list.push(r.id);
    else m.set(k, [r.id]);
  }
  return m;
}

/** Reusable name → id indexes over the lookups. */
export function buildResolver(lookups: ImportLookups) {
  const exactRegion = indexBy(lookups.regionsInScope, (s) => halfWidth(s).replace(/\s+/g, ''));
  const looseRegion = indexBy(lookups.regionsInScope, stripPlace);
  const outside = new Set(
    lookups.regionsOutOfScope.flatMap((n) => [halfWidth(n).replace(/\s+/g, ''), stripPlace(n)]),
  );
  const leaders = indexBy(lookups.leaders, stripPerson);
  const deptKey = (s: string) => halfWidth(s).replace(/\s+/g, '');
  const departments = indexBy(lookups.departments, deptKey);
  // 市自然资源局 or 乐陵市自然资源局 for 自然资源局: try without a leading place name too.
  const looseDept = indexBy(lookups.departments, (s) => deptKey(s).replace(/^.{0,6}?[市县区]/, ''));
  const names = {
    region: new Map(lookups.regionsInScope.map((r) => [r.id, r.name])),
    leader: new Map(lookups.leaders.map((r) => [r.id, r.name])),
    department: new Map(lookups.departments.map((r) => [r.id, r.name])),
  };
  return {
    names,
    town(s: string): { id: number } | { problem: 'unknown_town' | 'town_out_of_scope' } {
      const exact = exactRegion.get(halfWidth(s).replace(/\s+/g, ''));
      if (exact?.length === 1) return { id: exact[0]! };
      const loose = looseRegion.get(stripPlace(s));
      if (loose?.length === 1) return { id: loose[0]! };
      const norm = halfWidth(s).replace(/\s+/g, '');
      return outside.has(norm) || outside.has(stripPlace(s))
        ? { problem: 'town_out_of_scope' }
        : { problem: 'unknown_town' };
    },
    leader(s: string): { id: number; several: boolean } | { problem: 'unknown_leader' | 'ambiguous_leader' } {
      const parts = s.split(/[、，,;；\s]+/).filter(Boolean);
      const hit = leaders.get(stripPerson(parts[0] ?? s));
      if (!hit) return { problem: 'unknown_leader' };
      if (hit.length > 1) return { problem: 'ambiguous_leader' };
      return { id: hit[0]!, several: parts.length > 1 };
    },
    department(s: string): { id: number } | { problem: 'unknown_department' } {
      const key = deptKey(s);
      // 宁津县发展和改革局 is another county's office, not this one's 发展和改革局: a leading place
      // name outside the importer's scope never matches loosely (issue 7, cross-county reach).
      const place = /^.{0,6}?[市县区]/.exec(key)?.[0];
      const foreign = place !== undefined && outside.has(place);
      const hit =
        departments.get(key) ?? (foreign ? undefined : looseDept.get(key.slice(place?.length ?? 0)));
      return hit?.length === 1 ? { id: hit[0]! } : { problem: 'unknown_department' };
    },
  };
}

const issue = (
  severity: RowIssue['severity'],
  code: RowIssue['code'],
  field: ImportField | null,
  value: string | null = null,
  columns: ReadonlyMap<ImportField, string> = new Map(),
): RowIssue => ({
  severity,
  code,
  column: field ? (columns.get(field) ?? null) : null,
  field,
  value,
});

/**
 * Plans the import of `records` for `year`. `existing` holds every project whose code or
 * name could match (at least those of the actor's region, plus any with a code in the file).
 * `columns` maps a field to its column letter, for the cell of row-level issues.
 */
export function planImport(
  records: readonly ImportRecord[],
  existing: readonly ExistingProject[],
  lookups: ImportLookups,
  columns: ReadonlyMap<ImportField, string>,
): PlannedRow[] {
  const byCode = new Map<string, ExistingProject>();
  const byName = new Map<string, ExistingProject[]>();
  for (const p of existing) {
    if (p.snapshot.code) byCode.set(p.snapshot.code, p);
    if (!p.inScope) continue;
    const list = byName.get(p.snapshot.name);
    if (list) list.push(p);
    else byName.set(p.snapshot.name, [p]);
  }
  const resolve = buildResolver(lookups);
  const seenCodes = new Set<string>();
  const seenNames = new Set<string>();
  const seenIds = new Set<number>();
  const out: PlannedRow[] = [];
  for (const rec of records) {
    const v = rec.values;
    const issues = [...rec.issues];
    const err = (code: RowIssue['code'], field: ImportField | null, value: string | null = null) =>
      issues.push(issue('error', code, field, value, columns));
    const warn = (code: RowIssue['code'], field: ImportField | null, value: string | null = null) =>
      issues.push(issue('warning', code, field, value, columns));
    const name = v.name ?? null;
    const code = v.code ?? null;

    // Match: by code, else by name within the region.
    let match: ExistingProject | null = null;
    if (code) {
      const hit = byCode.get(code) ?? null;
      if (hit && !hit.inScope) err('code_taken', 'code', code);
      else match = hit;
    }
    if (!match && name && !issues.some((i) => i.code === 'code_taken')) {
      const hits = byName.get(name) ?? [];
      // A project found by name keeps its code unless the row gives another one that is free.
      const candidates = code
        ? hits.filter((h) => h.snapshot.code === null || h.snapshot.code === code)
        : hits;
      if (candidates.length > 1) err('ambiguous_name', 'name', name);
      else match = candidates[0] ?? null;
    }
    // The same project twice in one file.
    if ((code && seenCodes.has(code)) || (name && seenNames.has(name)) || (match && seenIds.has(match.id)))
      err(
        'duplicate_in_file',
        code && seenCodes.has(code) ? 'code' : 'name',
        code && seenCodes.has(code) ? code : name,
      );
    if (code) seenCodes.add(code);
    if (name) seenNames.add(name);
    if (match) seenIds.add(match.id);

    // References by name.
    let regionId: number | undefined;
    if (v.town !== undefined && v.town !== null) {
      const t = resolve.town(v.town);
      if ('id' in t) regionId = t.id;
      else err(t.problem, 'town', v.town);
    }
    let leaderId: number | null | undefined = v.leader === undefined ? undefined : null;
    if (v.leader) {
      const l = resolve.leader(v.leader);
      if ('id' in l) {
        leaderId = l.id;
        if (l.several) warn('several_leaders', 'leader', v.leader);
      } else err(l.problem, 'leader', v.leader);
    }
    let departmentId: number | null | undefined = v.department === undefined ? undefined : null;
    if (v.department) {
      const d = resolve.department(v.department);
      if ('id' in d) departmentId = d.id;
      else err(d.problem, 'department', v.department);
    }

    const base = match?.snapshot;
    const level = v.level ?? rec.sectionLevel ?? (match?.hasYear ? match.snapshot.level : undefined);
    if (!level) err('missing_level', 'level');
    let category =
      v.category ?? rec.sectionCategory ?? (match?.hasYear ? match.snapshot.category : undefined);
    if (!category) {
      category = 'implementation';
      if (v.category === null) warn('default_category', 'category');
    }
    let nature = v.nature ?? base?.nature;
    if (!nature) {
      nature = 'new';
      if (v.nature === null) warn('default_nature', 'nature');
    }
    const totalInvestment =
      v.totalInvestment ?? (v.totalInvestment === undefined ? base?.totalInvestment : undefined);
    if (totalInvestment === undefined && !issues.some((i) => i.field === 'totalInvestment'))
      err('missing_total', 'totalInvestment');
    const annualPlan =
      v.annualPlan !== undefined ? (v.annualPlan ?? 0) : match?.hasYear ? (base?.annualPlan ?? 0) : 0;
    if (totalInvestment !== undefined && annualPlan > totalInvestment) warn('plan_over_total', 'annualPlan');

    let actualStart = v.actualStart !== undefined ? v.actualStart : (base?.actualStart ?? null);
    // Started without a date: a flag, kept until a start date is given or the row says not started.
    let startedUndated =
      actualStart === null && (v.started === undefined || v.started === null)
        ? (base?.startedUndated ?? false)
        : false;
    if (v.started === true && !actualStart) {
      if (v.plannedStart ?? base?.plannedStart) {
        actualStart = (v.plannedStart ?? base?.plannedStart)!;
        warn('started_without_date', 'started');
      } else {
        startedUndated = true;
        warn('started_undated', 'started');
      }
    }
    if (v.started === false && actualStart) {
      if (v.actualStart === undefined) actualStart = null;
      else warn('not_started_with_date', 'actualStart', actualStart);
    }
    // The year's reported figures: a mapped column wins, else the year's row keeps what it had.
    const reported = <K extends 'reportedYtd' | 'reportedProgress' | 'reportedAsOf'>(
      k: K,
      incoming: LedgerSnapshot[K] | undefined,
    ): LedgerSnapshot[K] =>
      incoming !== undefined ? incoming : match?.hasYear ? ((base?.[k] ?? null) as LedgerSnapshot[K]) : null;

    const pick = <K extends keyof LedgerSnapshot>(
      k: K,
      incoming: LedgerSnapshot[K] | undefined,
      fallback: LedgerSnapshot[K],
    ): LedgerSnapshot[K] =>
      incoming !== undefined
        ? incoming
        : base && k in base
          ? ((base as LedgerSnapshot)[k] ?? fallback)
          : fallback;
    const hasError = issues.some((i) => i.severity === 'error');
    const next: LedgerSnapshot | null = hasError
      ? null
      : {
          name: name!,
          code: code ?? base?.code ?? null,
          level: level!,
          category,
          nature,
          industry: pick('industry', v.industry, null),
          ownerUnit: pick('ownerUnit', v.ownerUnit, null),
          regionId: regionId ?? base?.regionId ?? lookups.defaultRegionId,
          address: pick('address', v.address, null),
          content: pick('content', v.content, null),
          totalInvestment: totalInvestment!,
          annualPlan,
          plannedStart: pick('plannedStart', v.plannedStart, null),
          plannedFinish: pick('plannedFinish', v.plannedFinish, null),
          actualStart,
          startedUndated,
          statsIncluded: pick(
            'statsIncluded',
            v.statsIncluded ?? (v.statsIncluded === null ? false : undefined),
            false,
          ),
          statsCode: pick('statsCode', v.statsCode, null),
          statsDate: pick('statsDate', v.statsDate, null),
          leaderId: pick('leaderId', leaderId, null),
          departmentId: pick('departmentId', departmentId, null),
          contactName: pick('contactName', v.contactName, null),
          contactPhone: pick('contactPhone', v.contactPhone, null),
          notes: pick('notes', v.notes, null),
          reportedYtd: reported('reportedYtd', v.reportedYtd),
          reportedProgress: reported('reportedProgress', v.reportedProgress),
          reportedAsOf: reported('reportedAsOf', v.reportedAsOf),
        };
    const diff: FieldChange[] = [];
    if (next && match) {
      for (const k of snapshotKeys) {
        const before = (match.snapshot as Partial<LedgerSnapshot>)[k] ?? null;
        const after = next[k];
        const yearKey = yearKeys.has(k);
        if (before !== after || (yearKey && !match.hasYear && after !== null))
          diff.push({
            field: k,
            before: display(k, before, resolve.names, yearKey && !match.hasYear),
            after: display(k, after, resolve.names, false),
          });
      }
    }
    const status: PlanStatus = hasError
      ? 'error'
      : !match
        ? 'new'
        : diff.length > 0
          ? 'changed'
          : 'unchanged';
    out.push({
      row: rec.row,
      status,
      projectId: match?.id ?? null,
      version: match?.version ?? null,
      name,
      code,
      diff,
      issues,
      next,
      addsYear: match !== null && !match.hasYear,
    });
  }
  return out;
}

function display(
  k: keyof LedgerSnapshot,
  v: DiffValue,
  names: ReturnType<typeof buildResolver>['names'],
  absent: boolean,
): DiffValue {
  if (absent || v === null) return null;
  if (k === 'regionId') return names.region.get(v as number) ?? v;
  if (k === 'leaderId') return names.leader.get(v as number) ?? v;
  if (k === 'departmentId') return names.department.get(v as number) ?? v;
  return v;
}
