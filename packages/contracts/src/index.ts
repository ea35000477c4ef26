export * from './common.ts';
export * from './errors.ts';
export * from './auth.ts';
export * from './mfa.ts';
export * from './projects.ts';
export * from './admin.ts';
export {
  categories,
  ledgerImporters,
  ledgerReaders,
  levels,
  natures,
  regionLevels,
  warningLevels,
  warningRank,
} from '@guatu/domain/vocabulary';
export type { WarningLevel } from '@guatu/domain/vocabulary';
export * from './ledger-import.ts';
export * from './schedule.ts';
export * from './war-chart-cell.ts';
export * from './war-chart-binary.ts';
export * from './warning-rules.ts';
export * from './personal-data.ts';
export * from './settings.ts';
export * from './jobs.ts';
export * from './notifications.ts';
export * from './audit.ts';
export * from './audit-catalogue.ts';
export * from './accounts.ts';
export * from './attachments.ts';
export * from './setup.ts';
export * from './people.ts';
export * from './dispatch.ts';
export * from './dispatch-photos.ts';
export * from './dispatch-import.ts';
export * from './dispatch-table-page.ts';
