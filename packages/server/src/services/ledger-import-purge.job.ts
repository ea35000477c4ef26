/**
 * Uploads awaiting preview and commit are kept for an hour (ledger-import.service.ts); this job
 * deletes the expired ones every 10 minutes. Reading an expired upload before it is purged is
 * still refused (`import_expired`): the read checks `expires_at` itself.
 */
import type { JobDefinition } from '../jobs/types.ts';
import { deleteExpiredUploads } from '../repositories/import-template.repository.ts';

export const purgeExpiredUploadsJob: JobDefinition = {
  name: 'purge-expired-uploads',
  schedule: '*/10 * * * *',
  run: async ({ db, now }) => ({ deleted: await deleteExpiredUploads(db, now.toISOString()) }),
};
