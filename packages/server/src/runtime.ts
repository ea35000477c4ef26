import path from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type DbHandle } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { countUsers } from './repositories/user.repository.ts';
import { ensureFirstAdmin } from './seed/bootstrap.ts';
import { seedDataset } from './seed/demo.ts';

export function openFromConfig(config: Config): DbHandle {
  return openDatabase({ url: config.databaseUrl, file: path.join(config.dataDir, 'guatu.db') });
}

/**
 * What every start does: migrate; on a database with no user yet, create the first admin and
 * (unless GUATU_DEMO=0) load the 乐陵 2023 demo. Prints the admin password once when generated.
 */
export async function prepareDatabase(
  config: Config,
  log: (s: string) => void = console.log,
): Promise<DbHandle> {
  const handle = openFromConfig(config);
  const applied = await migrateToLatest(handle);
  if (applied.length) log(`[guatu] migrations applied: ${applied.join(', ')}`);
  const fresh = (await countUsers(handle.db)) === 0;
  if (fresh) {
    const { generatedPassword } = await ensureFirstAdmin(handle.db, config.adminPassword);
    if (generatedPassword) {
      log('[guatu] ================================================================');
      log(`[guatu] 首个管理员 first admin: admin / ${generatedPassword}`);
      log('[guatu] 此密码只显示这一次，请登录后立即修改。Shown once: change it after logging in.');
      log('[guatu] ================================================================');
    } else log('[guatu] first admin created: admin (password from GUATU_ADMIN_PASSWORD)');
    if (config.loadDemo) {
      const t = Date.now();
      await seedDataset(handle.db);
      log(`[guatu] demo data 乐陵市 2023 loaded in ${Date.now() - t} ms (GUATU_DEMO=0 to skip)`);
    }
  }
  return handle;
}
