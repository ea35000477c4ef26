import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import {
  FileMissingError,
  FileTooLargeError,
  isSha256,
  type FileStore,
  type PutOptions,
  type StoredFile,
} from './file-store.ts';

/**
 * Files on the local disk under `root` (`<GUATU_DATA_DIR>/files/`): `ab/cd/<sha256>`, the first two
 * byte pairs of the hash as folders. A put streams to `tmp/<uuid>.part` (owner-only) while hashing
 * and counting, then renames it into place — a rename within one file system is atomic, so a
 * reader never sees half a file and two uploads of one content at once both end with one file.
 */
export class LocalFileStore implements FileStore {
  readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
  }

  pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new FileMissingError(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: Readable, { maxBytes, verify }: PutOptions): Promise<StoredFile> {
    await fsp.mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
    const tmp = path.join(this.tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new FileTooLargeError(maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      const sha256 = hash.digest('hex');
      if (verify) await verify({ sha256, size, sniff: () => fileTypeFromFile(tmp) });
      const final = this.pathOf(sha256);
      await fsp.mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
      if (await this.exists(sha256)) {
        await fsp.rm(tmp, { force: true });
        // Stored again now: the orphan purge leaves recent files alone, so the row about to be
        // written for it does not find it gone.
        const at = new Date();
        await fsp.utimes(final, at, at);
      } else await fsp.rename(tmp, final);
      return { sha256, size };
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
  }

  async get(sha256: string): Promise<Readable> {
    const file = this.pathOf(sha256);
    // Opened before answering, so a missing file is an error here and not half a response.
    const handle = await fsp.open(file, 'r').catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' ? new FileMissingError(sha256) : err;
    });
    return handle.createReadStream();
  }

  async exists(sha256: string): Promise<boolean> {
    if (!isSha256(sha256)) return false;
    return fsp.access(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  async delete(sha256: string): Promise<void> {
    if (!isSha256(sha256)) return;
    await fsp.rm(this.pathOf(sha256), { force: true });
  }

  async *list(): AsyncIterable<{ sha256: string; modifiedAt: Date }> {
    const dirs = async (dir: string) =>
      (await fsp.readdir(dir, { withFileTypes: true }).catch(() => [])).filter(
        (d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name),
      );
    for (const a of await dirs(this.root))
      for (const b of await dirs(path.join(this.root, a.name))) {
        const dir = path.join(this.root, a.name, b.name);
        for (const name of await fsp.readdir(dir)) {
          if (!isSha256(name)) continue;
          const stat = await fsp.stat(path.join(dir, name)).catch(() => null);
          if (stat?.isFile()) yield { sha256: name, modifiedAt: stat.mtime };
        }
      }
  }

  async purgeStaging(before: Date): Promise<number> {
    let removed = 0;
    for (const name of await fsp.readdir(this.tmpDir).catch(() => [] as string[])) {
      const file = path.join(this.tmpDir, name);
      const stat = await fsp.stat(file).catch(() => null);
      if (stat?.isFile() && stat.mtime < before) {
        await fsp.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
