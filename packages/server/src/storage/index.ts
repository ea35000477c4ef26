import path from 'node:path';
import type { Config } from '../config.ts';
import type { FileStore } from './file-store.ts';
import { LocalFileStore } from './local-file-store.ts';

export * from './file-store.ts';
export { LocalFileStore } from './local-file-store.ts';

/** The store of this deployment: the local disk under `<GUATU_DATA_DIR>/files/` (S3: see FileStore). */
export function fileStoreOf(config: Pick<Config, 'dataDir'>): FileStore {
  return new LocalFileStore(path.join(config.dataDir, 'files'));
}
