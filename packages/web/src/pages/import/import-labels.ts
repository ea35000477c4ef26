import { importFieldLabels, importFields, type ImportField } from '@guatu/domain';
import type { ImportIssue } from '@guatu/contracts';
import type { Language, MessageKey, Translate } from '../../i18n/index.tsx';
import { dash, formatWan } from '../../format.ts';

/** The project field each import field is written to, for its label in other languages. */
const projectKey: Record<ImportField, MessageKey> = {
  name: 'project.name',
  code: 'project.code',
  level: 'project.level',
  category: 'project.category',
  nature: 'project.nature',
  industry: 'project.industry',
  ownerUnit: 'project.ownerUnit',
  town: 'project.region',
  address: 'project.address',
  content: 'project.content',
  totalInvestment: 'project.totalInvestment',
  annualPlan: 'project.annualPlan',
  plannedStart: 'project.plannedStart',
  plannedFinish: 'project.plannedFinish',
  actualStart: 'project.actualStart',
  started: 'project.started',
  statsIncluded: 'project.statsIncluded',
  statsCode: 'project.statsCode',
  statsDate: 'project.statsDate',
  leader: 'project.leader',
  department: 'project.department',
  contactName: 'project.contactName',
  contactPhone: 'project.contactPhone',
  notes: 'project.notes',
};

/** The label of a ledger field: the standard Chinese header (as in the export), else translated. */
export function fieldLabel(field: ImportField, language: Language, t: Translate): string {
  return language === 'zh-CN' ? importFieldLabels[field] : t(projectKey[field]);
}

const snapshotField: Record<string, ImportField> = {
  regionId: 'town',
  leaderId: 'leader',
  departmentId: 'department',
};

/** The label of a changed field of the preview: the server's (the Chinese header) in zh-CN, else translated. */
export function diffLabel(d: { field: string; label: string }, language: Language, t: Translate): string {
  const field = snapshotField[d.field] ?? d.field;
  if (language === 'zh-CN' || !(importFields as readonly string[]).includes(field)) return d.label;
  return t(projectKey[field as ImportField]);
}

export function fieldOptions(language: Language, t: Translate) {
  return importFields.map((f) => ({ value: f, label: fieldLabel(f, language, t) }));
}

/** The cell of an issue as Excel writes it: 工作表!D7 (or 工作表!7 for a whole row). */
export function cellRef(issue: Pick<ImportIssue, 'sheet' | 'row' | 'column'>): string {
  return `${issue.sheet}!${issue.column ?? ''}${issue.row}`;
}

const moneyDiffFields = new Set(['totalInvestment', 'annualPlan']);

/** A before/after value of the preview's diff (money comes in yuan). */
export function diffValue(field: string, v: string | number | boolean | null, t: Translate): string {
  if (v === null || v === '') return dash;
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'number' && moneyDiffFields.has(field)) return `${formatWan(v)} ${t('common.wan')}`;
  return String(v);
}

export const statusColor = { new: 'green', changed: 'blue', unchanged: 'default', error: 'red' } as const;
export type RowStatus = keyof typeof statusColor;
