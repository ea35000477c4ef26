/**
 * Daily: removes stored contents no attachment row (nor a report photo's copies) names (an upload whose row was never written:
 * a crash, a failed transaction) and staged files a crash left in `tmp/`, each only when older
 * than an hour, so an upload in progress — whose file is stored a moment before its row — is
 * never touched. Contents of deleted attachments stay: their rows still name them (the audit log
 * and a restore may need them).
 */
import type { JobDefinition } from '../jobs/types.ts';
import { findReferencedHashes } from '../repositories/attachment.repository.ts';
import { findReferencedPhotoHashes } from '../repositories/dispatch-photo.repository.ts';
import { fileStoreOf } from './index.ts';

const GRACE_MS = 60 * 60 * 1000;
const BATCH = 500;

export const purgeOrphanFilesJob: JobDefinition = {
  name: 'purge-orphan-files',
  schedule: '17 3 * * *',
  leaseMinutes: 60,
  run: async ({ db, config, now }) => {
    const store = fileStoreOf(config);
    const before = new Date(now.getTime() - GRACE_MS);
    let deleted = 0;
    let batch: string[] = [];
    const sweep = async () => {
      const referenced = await findReferencedHashes(db, batch);
      // A report photo's display copy and thumbnail are named by its dispatch_photos row.
      const photoCopies = await findReferencedPhotoHashes(db, batch);
      for (const sha256 of batch)
        if (!referenced.has(sha256) && !photoCopies.has(sha256)) {
          await store.delete(sha256);
          deleted++;
        }
      batch = [];
    };
    for await (const f of store.list()) {
      if (f.modifiedAt >= before) continue;
      batch.push(f.sha256);
      if (batch.length >= BATCH) await sweep();
    }
    await sweep();
    return { deleted, staging: await store.purgeStaging(before) };
  },
};
