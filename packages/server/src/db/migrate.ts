import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { DbHandle } from './connect.ts';
import { appliedMigrationNames } from '../repositories/database.repository.ts';
import * as foundation from './migrations/0001-foundation.ts';
import * as importTemplates from './migrations/0002-import-templates.ts';
import * as ledgerIndexes from './migrations/0003-ledger-indexes.ts';
import * as schedules from './migrations/0004-schedules.ts';
import * as warningRules from './migrations/0005-warning-rules.ts';
import * as accounts from './migrations/0006-accounts.ts';
import * as regionSettings from './migrations/0009-region-settings.ts';
import * as personalData from './migrations/0010-personal-data.ts';
import * as authFactors from './migrations/0011-auth-factors.ts';
import * as jobsNotifications from './migrations/0007-jobs-notifications.ts';
import * as auditChain from './migrations/0008-audit-chain.ts';
import * as attachments from './migrations/0012-attachments.ts';
import * as settingsVersions from './migrations/0013-settings-versions.ts';
import * as stageDepartments from './migrations/0017-stage-departments.ts';
import * as fieldCatalogue from './migrations/0014-field-catalogue.ts';
import * as people from './migrations/0015-people.ts';
import * as divisions from './migrations/0016-divisions.ts';
import * as dispatch from './migrations/0019-dispatch.ts';
import * as dispatchReminders from './migrations/0020-dispatch-reminders.ts';
import * as totpReplay from './migrations/0021-totp-replay.ts';
import * as dispatchPhotos from './migrations/0022-dispatch-photos.ts';
import * as dispatchImport from './migrations/0023-dispatch-import.ts';
import * as portfolioChanges from './migrations/0025-portfolio-changes.ts';
import * as warChartChanges from './migrations/0026-war-chart-changes.ts';
import * as dispatchChanges from './migrations/0027-dispatch-changes.ts';
import * as portfolioNames from './migrations/0029-portfolio-names.ts';
import * as unsealedPhones from './migrations/0030-unsealed-phones.ts';

/**
 * Applies every pending migration; they are listed here, in order, so bundling cannot lose one.
 * `until`: only up to that migration (tests of a migration's data move start from the one before).
 */
export async function migrateToLatest(handle: DbHandle, until?: string): Promise<string[]> {
  const list: Record<string, typeof foundation> = {
    '0001-foundation': foundation,
    '0002-import-templates': importTemplates,
    '0003-ledger-indexes': ledgerIndexes,
    '0004-schedules': schedules,
    '0005-warning-rules': warningRules,
    '0006-accounts': accounts,
    '0009-region-settings': regionSettings,
    '0010-personal-data': personalData,
    '0011-auth-factors': authFactors,
    '0007-jobs-notifications': jobsNotifications,
    '0008-audit-chain': auditChain,
    '0012-attachments': attachments,
    '0013-settings-versions': settingsVersions,
    '0017-stage-departments': stageDepartments,
    '0014-field-catalogue': fieldCatalogue,
    '0015-people': people,
    '0016-divisions': divisions,
    '0019-dispatch': dispatch,
    '0020-dispatch-reminders': dispatchReminders,
    '0021-totp-replay': totpReplay,
    '0022-dispatch-photos': dispatchPhotos,
    '0023-dispatch-import': dispatchImport,
    '0025-portfolio-changes': portfolioChanges,
    '0026-war-chart-changes': warChartChanges,
    '0027-dispatch-changes': dispatchChanges,
    '0029-portfolio-names': portfolioNames,
    '0030-unsealed-phones': unsealedPhones,
  };
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(
        Object.entries(list).map(([name, m]): [string, Migration] => [
          name,
          { up: (db) => m.up(db, handle.engine) },
        ]),
      ),
  };
  // Up to date (every start but the first after an upgrade): one read, not the Migrator's look at
  // every table and its lock (issue 11: start-up). Anything else goes through the Migrator.
  const applied = until ? null : await appliedMigrationNames(handle.db);
  if (applied !== null && applied.sort().join('\n') === Object.keys(list).sort().join('\n')) return [];
  // Strict order: a migration numbered below one a database already ran is refused (0018 is unused).
  const migrator = new Migrator({ db: handle.db, provider });
  const { error, results } = until ? await migrator.migrateTo(until) : await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
