import { deliverNotificationsJob } from '../notifications/deliver.job.ts';
import { purgeExpiredUploadsJob } from '../services/ledger-import-purge.job.ts';
import { archiveAuditJob } from '../services/audit-archive.job.ts';
import { purgeExpiredSessionsJob } from '../services/purge-expired-sessions.job.ts';
import { dailyBackupJob } from '../backup/daily-backup.job.ts';
import { purgeOrphanFilesJob } from '../storage/purge-orphan-files.job.ts';
import { dispatchRemindersJob } from '../services/dispatch-reminders.job.ts';
import { prunePortfolioChangesJob, pruneWarChartChangesJob } from '../portfolio/portfolio-prune.job.ts';
import type { JobDefinition } from './types.ts';

/**
 * Every job the runner knows, in one list: each feature exports its job definition from its own
 * file and adds one line here.
 */
export const jobCatalogue: JobDefinition[] = [
  purgeExpiredUploadsJob,
  deliverNotificationsJob,
  archiveAuditJob,
  purgeExpiredSessionsJob,
  dailyBackupJob,
  purgeOrphanFilesJob,
  dispatchRemindersJob,
  prunePortfolioChangesJob,
  pruneWarChartChangesJob,
];
