import { AppError } from '../errors.ts';
import { formatLocal } from './auth.service.ts';

/** What a versioned row says of its last change; null when it has none stored yet. */
export type LastChange =
  { version: number; updatedByName: string | null; updatedAt: string } | null | undefined;

/** The 409 for a stale `version`, naming who changed the row last and when. */
export function versionConflict(current: LastChange): AppError {
  const by = current?.updatedByName ?? '系统';
  return new AppError(
    'version_conflict',
    { by, at: current ? formatLocal(current.updatedAt) : '' },
    { currentVersion: current?.version ?? 1, updatedBy: by, updatedAt: current?.updatedAt ?? null },
  );
}
