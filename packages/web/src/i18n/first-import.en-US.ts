import type { firstImportZhCN } from './first-import.zh-CN.ts';

export const firstImportEnUS: Record<keyof typeof firstImportZhCN, string> = {
  'firstImport.jurisdiction': 'Jurisdiction: {name} ({code})',
  'firstImport.source.title': 'from the ledger’s title',
  'firstImport.source.rows': 'from the towns in its rows',
  'firstImport.source.division': 'as you chose',
  'firstImport.setUp.title': 'No division is set up yet',
  'firstImport.setUp.body':
    'This ledger belongs to {fullName}. Once you confirm, the import sets the system up as that division (with its towns) together with the projects.',
  'firstImport.setUp.confirm': 'Confirm {name} as the jurisdiction',
  'firstImport.setUp.none':
    'The ledger’s jurisdiction cannot be told from the file: choose your division under Division setup first, then import.',
  'firstImport.toCreate': 'To be created',
  'firstImport.toCreate.departments': 'Departments ({n})',
  'firstImport.toCreate.people': 'Responsible leaders ({n})',
  'firstImport.toCreate.hint':
    'Names in the ledger that the system does not have yet are created with the import; if the import fails, none is.',
  'firstImport.near.title': 'Near names ({n})',
  'firstImport.near.hint':
    'These names are almost an existing one: use the existing one or create a new one.',
  'firstImport.near.department': 'Department',
  'firstImport.near.person': 'Person',
  'firstImport.near.useExisting': 'Use existing: {name}',
  'firstImport.near.createNew': 'Create “{name}”',
  'firstImport.confirmFirst': 'Confirm the jurisdiction first',
};
