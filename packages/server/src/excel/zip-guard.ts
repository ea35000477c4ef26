/**
 * Checks an .xlsx archive before exceljs sees it. First the central directory (yauzl): entry
 * count, the sum of declared sizes and each big entry's compression ratio. Then every entry is
 * inflated once as a stream, never held: yauzl stops an entry whose stream yields more (or fewer)
 * bytes than it declared, the bytes actually inflated are capped in total, and the sheet XML is
 * scanned for `<row>` and `<c>` tags (and the shared strings for `<si>`) against the row and cell
 * budgets — so a sheet of 400 MB of `<c/>` is refused after a few MB, not after 4.9 GB of heap.
 * Runs inside the parse worker (read-spreadsheet.ts).
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AppError } from '../errors.ts';
import { formatBytes, formatCount, type UploadLimits } from './upload-limits.ts';

const SHEET = /^xl\/worksheets\/[^/]+\.xml$/i;
const SHARED_STRINGS = /^xl\/sharedStrings\.xml$/i;

/** Counts opening tags by local name (any namespace prefix) in a stream of XML chunks. */
export function tagCounter(names: readonly string[]) {
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?(${names.join('|')})[\\s/>]`, 'g');
  const counts = new Map<string, number>(names.map((n) => [n, 0]));
  let carry = '';
  const count = (text: string) => {
    for (const m of text.matchAll(re)) counts.set(m[1]!, counts.get(m[1]!)! + 1);
  };
  return {
    counts,
    /** Counts the complete tags of `chunk`; a tag cut at the chunk's end waits for the next one. */
    feed(chunk: Buffer) {
      // latin1 keeps one char per byte and every ASCII byte as itself: tag names are ASCII.
      const text = carry + chunk.toString('latin1');
      let cut = text.lastIndexOf('<');
      if (cut < text.length - 128) cut = text.length;
      count(text.slice(0, cut));
      carry = text.slice(cut);
    },
    end() {
      count(carry + ' ');
      carry = '';
    },
  };
}

function openZip(buf: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(
      buf,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true },
      (err, zip) => (err ? reject(new AppError('corrupt_file')) : resolve(zip)),
    ),
  );
}

function listEntries(zip: yauzl.ZipFile, limits: UploadLimits): Promise<yauzl.Entry[]> {
  if (zip.entryCount > limits.maxEntries)
    return Promise.reject(new AppError('upload_too_many_entries', { limit: formatCount(limits.maxEntries) }));
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    zip.on('entry', (e: yauzl.Entry) => {
      declared += e.uncompressedSize;
      if (declared > limits.maxUnpackedBytes)
        return reject(
          new AppError('upload_unpacked_too_large', { limit: formatBytes(limits.maxUnpackedBytes) }),
        );
      if (
        e.uncompressedSize >= limits.ratioFloorBytes &&
        e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)
      )
        return reject(new AppError('upload_compression_ratio', { limit: limits.maxRatio }));
      if (e.isEncrypted()) return reject(new AppError('encrypted_file'));
      if (e.compressionMethod !== 0 && e.compressionMethod !== 8) return reject(new AppError('corrupt_file'));
      entries.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', () => reject(new AppError('corrupt_file')));
    zip.readEntry();
  });
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) =>
      err ? reject(new AppError('corrupt_file')) : resolve(stream),
    ),
  );
}

/** Refuses (AppError) an archive that breaks a limit; resolves when every entry was read within them. */
export async function checkXlsxArchive(buf: Buffer, limits: UploadLimits): Promise<void> {
  const zip = await openZip(buf);
  try {
    const entries = await listEntries(zip, limits);
    let inflated = 0;
    let rows = 0;
    let cells = 0;
    let strings = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const isSheet = SHEET.test(entry.fileName);
      const isStrings = SHARED_STRINGS.test(entry.fileName);
      const counter = isSheet ? tagCounter(['row', 'c']) : isStrings ? tagCounter(['si']) : null;
      const stream = await openStream(zip, entry);
      const before = { rows, cells, strings };
      const check = () => {
        if (inflated > limits.maxUnpackedBytes)
          throw new AppError('upload_unpacked_too_large', { limit: formatBytes(limits.maxUnpackedBytes) });
        if (!counter) return;
        if (isSheet) {
          rows = before.rows + counter.counts.get('row')!;
          cells = before.cells + counter.counts.get('c')!;
        } else strings = before.strings + counter.counts.get('si')!;
        if (rows > limits.maxRows)
          throw new AppError('upload_too_many_rows', { limit: formatCount(limits.maxRows) });
        if (cells > limits.maxCells)
          throw new AppError('upload_too_many_cells', { limit: formatCount(limits.maxCells) });
        // A shared string only matters through a cell that uses it: no more strings than cells.
        if (strings > limits.maxCells)
          throw new AppError('upload_too_many_cells', { limit: formatCount(limits.maxCells) });
      };
      await new Promise<void>((resolve, reject) => {
        const fail = (err: unknown) => {
          stream.destroy();
          reject(err);
        };
        stream.on('data', (chunk: Buffer) => {
          inflated += chunk.length;
          try {
            counter?.feed(chunk);
            check();
          } catch (err) {
            fail(err);
          }
        });
        stream.on('error', (err: Error) =>
          // yauzl's validateEntrySizes: "too many bytes in the stream" / "not enough bytes in the stream".
          fail(
            new AppError(/bytes in the stream/.test(err.message) ? 'upload_size_mismatch' : 'corrupt_file'),
          ),
        );
        stream.on('end', () => {
          try {
            counter?.end();
            check();
            resolve();
          } catch (err) {
            reject(err);
          }
        });
      });
    }
  } finally {
    zip.close();
  }
}
