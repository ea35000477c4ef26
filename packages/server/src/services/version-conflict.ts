import { AppError } from '../errors.ts';
import { formatLocal } from './auth.service.ts';

/**
 * What a versioned row says of its last change; null when it has none stored yet. A row of a table
 * that does not record its editor (regions, departments, users) has no `updatedByName`, and no
 * `updatedAt` when the table does not record the time either (regions, departments).
 */
export type LastChange =
  | { version: number; updatedByName: string | null; updatedAt: string }
  | { version: number; updatedAt?: string | null }
  | null
  | undefined;

/**
 * The 409 for a stale `version`, naming who changed the row last and when. A change no user made
 * (seed, migration, job) is `byKind: 'system'` with an empty name: the client words it. A table
 * that does not record its editor answers `byKind: 'unrecorded'`, worded without a name or time.
 */
export function versionConflict(current: LastChange): AppError {
  if (current && !('updatedByName' in current))
    return new AppError(
      'version_conflict',
      { by: '', byKind: 'unrecorded', at: '' },
      { currentVersion: current.version, updatedBy: null, updatedAt: current.updatedAt ?? null },
    );
  const by = current?.updatedByName ?? null;
  return new AppError(
    'version_conflict',
    {
      by: by ?? '',
      byKind: by === null ? 'system' : 'user',
      at: current ? formatLocal(current.updatedAt) : '',
    },
    { currentVersion: current?.version ?? 1, updatedBy: by, updatedAt: current?.updatedAt ?? null },
  );
}
