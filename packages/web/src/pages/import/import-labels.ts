import { importFieldLabels, importFields, type ImportField } from '@guatu/domain/ledger-import/fields';
import type { ImportIssue } from '@guatu/contracts';
import { fieldOfImport, projectFieldCatalogue, projectFieldLabel } from '@guatu/domain/project-fields';
import type { Language, Translate } from '../../i18n/index.tsx';
import { dash, formatWan } from '../../format.ts';

/** The label of a ledger field: the standard Chinese header (as in the export), else the catalogue's. */
export function fieldLabel(field: ImportField, language: Language, _t?: Translate): string {
  return language === 'zh-CN' ? importFieldLabels[field] : (fieldOfImport(field)?.label[language] ?? field);
}

/** The label of a changed field of the preview: the server's (the Chinese header) in zh-CN, else the catalogue's. */
export function diffLabel(d: { field: string; label: string }, language: Language, _t?: Translate): string {
  return language === 'zh-CN' ? d.label : (projectFieldLabel(d.field, language) ?? d.label);
}

export function fieldOptions(language: Language, _t?: Translate) {
  return importFields.map((f) => ({ value: f, label: fieldLabel(f, language) }));
}

/** The cell of an issue as Excel writes it: 工作表!D7 (or 工作表!7 for a whole row). */
export function cellRef(issue: Pick<ImportIssue, 'sheet' | 'row' | 'column'>): string {
  return `${issue.sheet}!${issue.column ?? ''}${issue.row}`;
}

const moneyDiffFields = new Set(
  projectFieldCatalogue.filter((f) => f.type.kind === 'money').map((f) => f.key as string),
);

/** A before/after value of the preview's diff (money comes in yuan). */
export function diffValue(field: string, v: string | number | boolean | null, t: Translate): string {
  if (v === null || v === '') return dash;
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'number' && moneyDiffFields.has(field)) return `${formatWan(v)} ${t('common.wan')}`;
  return String(v);
}

export const statusColor = { new: 'green', changed: 'blue', unchanged: 'default', error: 'red' } as const;
export type RowStatus = keyof typeof statusColor;
