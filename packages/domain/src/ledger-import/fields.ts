/**
 * The ledger fields an imported column can map to, their Chinese labels (used by the
 * export header and the wizard) and the synonyms offices write in their header rows — all
 * read from the project field catalogue (../project-fields.ts).
 */
import {
  catalogueImportFields,
  fieldOfImport,
  projectFieldCatalogue,
  type ProjectFieldDef,
} from '../project-fields.ts';

export const importFields = catalogueImportFields;
export type ImportField = (typeof importFields)[number];

type Imported = ProjectFieldDef & { import: NonNullable<ProjectFieldDef['import']> };
const imported = (projectFieldCatalogue as readonly ProjectFieldDef[]).filter(
  (f): f is Imported => f.import !== undefined,
);
const fieldsOfKind = (kind: ProjectFieldDef['type']['kind']) =>
  imported.filter((f) => f.type.kind === kind).map((f) => f.import.field as ImportField);

/** Fields whose cells are money (converted to integer yuan). */
export const moneyFields: readonly ImportField[] = fieldsOfKind('money');
/** Fields whose cells are dates or months. */
export const dateFields: readonly ImportField[] = fieldsOfKind('date');

/** The label of each field in the standard layout (export header, wizard drop-down). */
export const importFieldLabels = Object.fromEntries(
  imported.map((f) => [f.import.field, f.header ?? f.label['zh-CN']]),
) as Record<ImportField, string>;

/** The longest text a cell of a text field may hold. */
export function importTextLimit(field: ImportField): number {
  const f = fieldOfImport(field)!;
  return f.import?.max ?? (f.type.kind === 'text' ? f.type.max : 4000);
}

/**
 * Header synonyms after normalisation (no spaces, half-width, unit brackets removed).
 * Exact matches win over the patterns below; the order of fields breaks ties.
 */
const exactSynonyms = new Map<ImportField, readonly string[]>(
  imported.map((f) => [
    f.import.field as ImportField,
    [importFieldLabels[f.import.field as ImportField], ...f.import.synonyms],
  ]),
);

/** Looser patterns for labels such as 2023年计划投资 or 包保市级领导, by precedence. */
const patternSynonyms: ReadonlyArray<[RegExp, ImportField, number]> = imported
  .flatMap((f) =>
    (f.import.patterns ?? []).map((re): [RegExp, ImportField, number] => [
      re,
      f.import.field as ImportField,
      f.import.rank ?? 100,
    ]),
  )
  .sort((a, b) => a[2] - b[2]);

/** Labels that are recognised as header cells but map to no field. */
const ignoredLabels = [
  '序号',
  '编号',
  '序',
  '排序',
  '完成投资',
  '累计完成投资',
  '形象进度',
  '进展情况',
  '存在问题',
];

/** Removes spaces, full-width forms and bracketed units from a header label. */
export function normaliseLabel(label: string): string {
  return label
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[([【]?(单位[:：]?)?(万元|亿元|元|万|亿)[)\]】]?/g, '')
    .replace(/[()（）[\]【】*＊:：]/g, '')
    .trim();
}

/** The field a header label means, or null. */
export function fieldForLabel(label: string): ImportField | null {
  const norm = normaliseLabel(label);
  if (norm === '') return null;
  for (const f of importFields) if (exactSynonyms.get(f)!.includes(norm)) return f;
  // Year-to-date figures (1-3月完成投资) first; a single month's figure (3月完成投资) maps to nothing.
  for (const [re, f, rank] of patternSynonyms) if (rank <= 0 && re.test(norm)) return f;
  if (/^\d+-?\d*月/.test(norm) || /完成投资|已完成/.test(norm)) return null;
  for (const [re, f, rank] of patternSynonyms) if (rank > 0 && re.test(norm)) return f;
  return null;
}

/** Whether a label looks like a header cell at all (a field synonym or a known ignored column). */
export function isHeaderLabel(label: string): boolean {
  const norm = normaliseLabel(label);
  if (fieldForLabel(label) !== null) return true;
  return ignoredLabels.some((l) => norm === l || (l.length > 2 && norm.includes(l)));
}
