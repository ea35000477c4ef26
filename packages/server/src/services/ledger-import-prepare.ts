/**
 * The read-only half of an import: choose the sheet, detect the header, settle the mapping
 * (confirmed columns > template > synonyms), parse the rows and plan them against the ledger.
 * Used by the preview, inside the commit's transaction, and by the CLI.
 */
import type {
  ImportColumn,
  ImportDetection,
  ImportIssue,
  ImportOptions,
  ImportPreviewRow,
  ImportTemplate,
} from '@guatu/contracts';
import {
  cellText,
  detectHeader,
  importFieldLabels,
  normaliseLabel,
  parseLedgerRows,
  planImport,
  projectField,
  shanghaiToday,
  type ColumnMapping,
  type HeaderDetection,
  type ImportField,
  type ImportLookups,
  type LedgerSnapshot,
  type PlannedRow,
  type SkippedRow,
} from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import type { SheetGrid } from '../excel/read-spreadsheet.ts';
import { AppError } from '../errors.ts';
import { translate, type Lang, type MessageKey } from '../messages.ts';
import type { Actor } from '../policies/actor.ts';
import { findDepartmentsInScope } from '../repositories/department.repository.ts';
import { findImportCandidates } from '../repositories/project-batch.repository.ts';
import { findRegionNames } from '../repositories/region.repository.ts';
import { findPeopleInScope } from '../repositories/people.repository.ts';
import { settleFirstImport, type FirstImport } from './first-import.ts';
import { settleImportedPhones } from './personal-data.service.ts';

export type Prepared = {
  sheet: SheetGrid;
  header: HeaderDetection;
  detection: ImportDetection;
  mapping: ColumnMapping[];
  year: number;
  skipped: SkippedRow[];
  plan: PlannedRow[];
  /** The jurisdiction, towns and what the commit creates first (services/first-import.ts). */
  first: FirstImport;
};

/** The first sheet whose header is found, unless one is named. */
export function chooseSheet(sheets: readonly SheetGrid[], name: string | undefined): SheetGrid {
  if (name !== undefined) {
    const s = sheets.find((x) => x.name === name);
    if (!s) throw new AppError('import_mapping', { reason: 'no_sheet', sheet: name });
    return s;
  }
  return sheets.find((s) => detectHeader(s.grid).found) ?? sheets[0]!;
}

/** A template fits a sheet when it knows most of the sheet's header labels. */
export function templateFits(t: ImportTemplate, header: HeaderDetection): boolean {
  const labels = header.columns.map((c) => normaliseLabel(c.label)).filter((l) => l !== '');
  if (labels.length === 0) return false;
  const known = new Set(t.columns.map((c) => normaliseLabel(c.label)));
  return labels.filter((l) => known.has(l)).length / labels.length >= 0.8;
}

function settleMapping(
  header: HeaderDetection,
  template: ImportTemplate | null,
  confirmed: ImportOptions['mapping'],
): ColumnMapping[] {
  const fromTemplate = new Map(template?.columns.map((c) => [normaliseLabel(c.label), c.field]) ?? []);
  const mapping: ColumnMapping[] = header.columns.map((c) => {
    const t = fromTemplate.get(normaliseLabel(c.label));
    return { index: c.index, field: t !== undefined ? t : c.field, unit: c.unit };
  });
  for (const m of confirmed ?? []) {
    const existing = mapping.find((x) => x.index === m.index);
    if (existing) {
      existing.field = m.field;
      if (m.unit !== undefined) existing.unit = m.unit;
    } else mapping.push({ index: m.index, field: m.field, unit: m.unit ?? null });
  }
  const byField = new Map<ImportField, number[]>();
  for (const m of mapping) if (m.field) byField.set(m.field, [...(byField.get(m.field) ?? []), m.index]);
  for (const [field, cols] of byField)
    if (cols.length > 1)
      throw new AppError('import_mapping', {
        reason: 'field_twice',
        field,
        label: importFieldLabels[field],
        columns: cols.map((c) => header.columns[c]?.letter ?? String(c + 1)).join(', '),
      });
  if (!byField.has('name')) throw new AppError('import_mapping', { reason: 'name_unmapped' });
  return mapping;
}

export function describeDetection(
  sheet: SheetGrid,
  header: HeaderDetection,
  mapping: ColumnMapping[] | null,
  templateId: number | null,
): ImportDetection {
  const columns: ImportColumn[] = header.columns.map((c) => {
    const m = mapping?.find((x) => x.index === c.index);
    const samples: string[] = [];
    for (let r = header.headerEnd + 1; r < sheet.grid.length && samples.length < 3; r++) {
      const t = cellText(sheet.grid[r]?.[c.index] ?? null);
      if (t !== null) samples.push(t.slice(0, 60));
    }
    return {
      index: c.index,
      letter: c.letter,
      label: c.label,
      suggested: c.field,
      field: m ? m.field : c.field,
      unit: m?.unit ?? c.unit,
      samples,
    };
  });
  return {
    sheet: sheet.name,
    headerFound: header.found,
    headerRows: header.found
      ? Array.from(
          { length: header.headerEnd - header.headerStart + 1 },
          (_, i) => header.headerStart + i + 1,
        )
      : [],
    title: header.title,
    unit: header.unit,
    detectedYear: header.year,
    columns,
    templateId,
  };
}

/** Detects, maps, parses and plans one sheet against the ledger as it is now (in `db`, maybe a transaction). */
export async function prepareImport(
  db: Db,
  actor: Actor,
  sheets: readonly SheetGrid[],
  options: ImportOptions,
  templates: readonly ImportTemplate[],
  now: Date,
  commit = false,
): Promise<Prepared> {
  const sheet = chooseSheet(sheets, options.sheet);
  const header = detectHeader(sheet.grid);
  if (!header.found) throw new AppError('import_no_header', { sheet: sheet.name });
  const template =
    options.templateId !== undefined
      ? (templates.find((t) => t.id === options.templateId) ?? null)
      : (templates.find((t) => templateFits(t, header)) ?? null);
  if (options.templateId !== undefined && !template) throw new AppError('not_found', { entity: 'template' });
  const mapping = settleMapping(header, template, options.mapping);
  const year = options.year ?? header.year ?? Number(shanghaiToday(now).slice(0, 4));
  const { records, skipped } = parseLedgerRows(sheet.grid, header, mapping);
  const codes = [...new Set(records.flatMap((r) => (r.values.code ? [r.values.code] : [])))];
  const [candidates, regions, leaders, departments] = await Promise.all([
    findImportCandidates(db, actor.regionPath, year, codes),
    findRegionNames(db, actor.regionPath),
    // Leaders are people (issue 9, item 3), matched by name whether or not they have an account.
    findPeopleInScope(db, actor.regionPath),
    findDepartmentsInScope(db, actor.regionPath),
  ]);
  const letters = new Map<ImportField, string>();
  for (const m of mapping) if (m.field) letters.set(m.field, header.columns[m.index]?.letter ?? '');
  const lookups: ImportLookups = {
    regionsInScope: regions.inScope,
    regionsOutOfScope: regions.outOfScope,
    leaders: leaders.map((l) => ({ id: l.id, name: l.name })),
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    defaultRegionId: actor.regionId,
  };
  const first = await settleFirstImport(db, actor, sheet.grid, header, records, lookups, options, commit);
  const plan = planImport(records, candidates, lookups, letters);
  settleImportedPhones(plan, candidates, letters.get('contactPhone') ?? null);
  return {
    sheet,
    header,
    detection: describeDetection(sheet, header, mapping, template?.id ?? null),
    mapping,
    year,
    skipped,
    plan,
    first,
  };
}

/** The standard header of a changed field (the catalogue's), the year's plan named by its year. */
const snapshotLabel = (k: keyof LedgerSnapshot, year: number): string => {
  if (k === 'annualPlan') return `${year}年计划投资`;
  const f = projectField(k);
  return f.header ?? f.label['zh-CN'];
};

export function presentIssues(p: Prepared, row: PlannedRow, lang: Lang): ImportIssue[] {
  return row.issues.map((i) => ({
    sheet: p.sheet.name,
    row: row.row,
    column: i.column,
    field: i.field,
    severity: i.severity,
    code: i.code,
    params: { value: i.value ?? '' },
    message: translate(`import_issue_${i.code}` as MessageKey, lang, { value: i.value ?? '' }),
  }));
}

export function presentRow(p: Prepared, row: PlannedRow, lang: Lang): ImportPreviewRow {
  return {
    row: row.row,
    status: row.status,
    projectId: row.projectId,
    name: row.name,
    code: row.code,
    diff: row.diff.map((d) => ({
      field: d.field,
      label: snapshotLabel(d.field, p.year),
      before: d.before,
      after: d.after,
    })),
    issues: presentIssues(p, row, lang),
  };
}

export function countPlan(p: Prepared) {
  const counts = {
    rows: p.plan.length,
    new: 0,
    changed: 0,
    unchanged: 0,
    error: 0,
    skipped: p.skipped.length,
    warnings: 0,
  };
  for (const r of p.plan) {
    counts[r.status]++;
    counts.warnings += r.issues.filter((i) => i.severity === 'warning').length;
  }
  return counts;
}
