import path from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type DbHandle } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { setupPersonalData } from './crypto/data-key.ts';
import { withStartupLock } from './repositories/startup-lock.repository.ts';
import { countUsers } from './repositories/user.repository.ts';
import { checkSetupPasswords, ensureSetupAccounts } from './seed/bootstrap.ts';
import { demoRefusal, seedDataset } from './seed/demo.ts';
import { fileStoreOf } from './storage/index.ts';
import { translate } from './messages.ts';

export function openFromConfig(config: Config): DbHandle {
  return openDatabase({ url: config.databaseUrl, file: path.join(config.dataDir, 'guatu.db') });
}

/**
 * What every start does: migrate; create the missing setup accounts (admin, secadmin, auditor:
 * passwords from the environment, checked against the policy, else generated and printed once);
 * on a database that had no user yet, load the 乐陵 2023 demo unless GUATU_DEMO=0 (skipped, one
 * line, when the system is set up from the official divisions; GUATU_DEMO=1 then fails typed).
 */
export async function prepareDatabase(
  config: Config,
  log: (s: string) => void = console.log,
): Promise<DbHandle> {
  const setupPasswords = {
    admin: config.adminPassword,
    secadmin: config.secadminPassword,
    auditor: config.auditorPassword,
  };
  checkSetupPasswords(setupPasswords); // a weak bootstrap password stops the start before anything
  const handle = openFromConfig(config);
  // Several app servers started together on one PostgreSQL: one sets the database up, the others
  // wait for it and find it done.
  await withStartupLock(handle, () => setUp(config, handle, setupPasswords, log));
  return handle;
}

async function setUp(
  config: Config,
  handle: DbHandle,
  setupPasswords: Parameters<typeof ensureSetupAccounts>[1],
  log: (s: string) => void,
): Promise<void> {
  const applied = await migrateToLatest(handle);
  if (applied.length) log(`[guatu] migrations applied: ${applied.join(', ')}`);
  // The personal-data key before any phone is read or written (and old plain phones encrypted).
  await setupPersonalData(config, handle, new Date(), log);
  const fresh = (await countUsers(handle.db)) === 0;
  // 三员分立: the system administrator, the security administrator and the auditor (each missing one).
  const created = await ensureSetupAccounts(handle.db, setupPasswords);
  const printed = created.filter((c) => c.generatedPassword !== null);
  if (printed.length) {
    log('[guatu] ================================================================');
    for (const c of printed) log(`[guatu] ${c.displayName} ${c.username} / ${c.generatedPassword}`);
    log('[guatu] 以上密码只显示这一次，首次登录时必须修改。Shown once: to be changed at first login.');
    log('[guatu] ================================================================');
  }
  for (const c of created.filter((x) => x.generatedPassword === null))
    log(`[guatu] ${c.username} created (password from the environment)`);
  if (fresh) {
    const refused = config.loadDemo ? await demoRefusal(handle.db) : null;
    if (refused && config.demoRequested) throw refused; // GUATU_DEMO=1 asked for it: a typed error
    if (refused) {
      log(`[guatu] demo data skipped: ${translate(refused.code, 'zh-CN', refused.params)}`);
    } else if (config.loadDemo) {
      const t = Date.now();
      await seedDataset(handle.db, undefined, fileStoreOf(config));
      log(`[guatu] demo data 乐陵市 2023 loaded in ${Date.now() - t} ms (GUATU_DEMO=0 to skip)`);
    }
  }
}
