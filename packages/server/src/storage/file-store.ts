import type { Readable } from 'node:stream';

/** What a stored file is known by: its content's SHA-256 (lowercase hex) and its size in bytes. */
export type StoredFile = { sha256: string; size: number };

/** The type read from a staged file's bytes (file-type), or undefined when not recognised. */
export type SniffedType = { ext: string; mime: string } | undefined;

/** A file written but not yet kept: `verify` may look at it and refuse it (nothing is then kept). */
export type StagedFile = StoredFile & { sniff: () => Promise<SniffedType> };

export type PutOptions = {
  /** Past this many bytes the write stops, the partial file is removed and FileTooLargeError is thrown. */
  maxBytes: number;
  /** Runs on the complete staged file before it is kept; a throw discards it and is rethrown. */
  verify?: (staged: StagedFile) => Promise<void>;
};

/**
 * Where attachments' contents live, addressed by SHA-256: the same content is stored once, and a
 * file is never changed in place. Every method streams (no whole file in memory).
 *
 * The default is LocalFileStore (`<GUATU_DATA_DIR>/files/`). An S3-compatible store (a province
 * deployment: MinIO, OSS, COS, OBS…) implements the same methods and would need: an endpoint,
 * a bucket, credentials and path-style addressing from the environment; `put` as a streamed
 * multipart upload to a staging key while hashing and counting (aborted past `maxBytes`), `sniff`
 * as a ranged GET of the staged object's first bytes (or sniffing the stream's head on the way),
 * then a server-side copy to `files/ab/cd/<sha256>` unless a HEAD finds it, and deleting the
 * staging key (a copy over an existing object refreshes its date, as a local put does); `get` as a
 * streamed GET; `exists` as HEAD; `delete` as DELETE; `list` as ListObjectsV2 under `files/`; and
 * `purgeStaging` as a lifecycle rule removing staging keys left by a crash.
 */
export interface FileStore {
  put(source: Readable, options: PutOptions): Promise<StoredFile>;
  /** The content; throws FileMissingError when there is none under that hash. */
  get(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
  /** Every stored file with when it was last written or stored again (S3: ListObjectsV2). */
  list(): AsyncIterable<{ sha256: string; modifiedAt: Date }>;
  /** Removes staged files a crash left, older than `before`; answers how many (S3: a lifecycle rule). */
  purgeStaging(before: Date): Promise<number>;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file larger than ${maxBytes} bytes`);
  }
}

export class FileMissingError extends Error {
  constructor(readonly sha256: string) {
    super(`no stored file ${sha256}`);
  }
}

/** Whether a string can name a stored file (64 lowercase hex digits): never a path. */
export const isSha256 = (s: string): boolean => /^[0-9a-f]{64}$/.test(s);
