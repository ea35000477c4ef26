import fs from 'node:fs';
import path from 'node:path';
import type { JobDefinition } from '../jobs/types.ts';
import { backupDatabase } from './backup.ts';

const BACKUP_NAME = /^guatu-\d{8}-\d{4}\.(db|dump)$/;

/** `guatu-YYYYMMDD-HHmm` in China time (UTC+8 all year), e.g. guatu-20261130-0230. */
export function backupStamp(at: Date): string {
  const t = new Date(at.getTime() + 8 * 3_600_000).toISOString(); // 2026-11-30T02:30:00.000Z
  return `guatu-${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}-${t.slice(11, 13)}${t.slice(14, 16)}`;
}

/**
 * The daily backup: `<dataDir>/backups/guatu-YYYYMMDD-HHmm.db` (SQLite) or `.dump` (pg_dump custom
 * format), keeping the newest GUATU_BACKUP_KEEP (default 14). Older files are deleted only after the
 * new one is complete; a failure throws, so the runner records it and tries again.
 */
export const dailyBackupJob: JobDefinition = {
  name: 'daily-backup',
  schedule: '30 2 * * *',
  leaseMinutes: 120,
  async run({ config, now, log }) {
    const dir = path.join(config.dataDir, 'backups');
    const ext = config.databaseUrl ? 'dump' : 'db';
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const result = await backupDatabase(config, path.join(dir, `${backupStamp(now)}.${ext}`));
    const keep = Math.max(1, config.backupKeep);
    const old = fs
      .readdirSync(dir)
      .filter((f) => BACKUP_NAME.test(f))
      .sort()
      .reverse()
      .slice(keep);
    for (const f of old) fs.rmSync(path.join(dir, f), { force: true });
    log(
      `backup ${path.basename(result.file)} (${result.bytes} bytes, ${result.ms} ms); deleted ${old.length} old`,
    );
    return { file: path.basename(result.file), bytes: result.bytes, deleted: old };
  },
};
