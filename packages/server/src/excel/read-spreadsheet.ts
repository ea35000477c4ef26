/**
 * Reads an uploaded ledger into plain grids of cell values (the domain's `Grid`): .xlsx through
 * exceljs, .csv in UTF-8, UTF-16 or GBK. Whatever is not a readable spreadsheet becomes a 400
 * with a message a user can act on: encrypted, legacy .xls, damaged, or not a spreadsheet at all.
 * A hostile file becomes a 400/413/422 (upload-limits.ts): the parse runs in a worker with a
 * capped heap and a time limit, the archive is checked before exceljs sees it (zip-guard.ts) and
 * a CSV is parsed within the same row, cell and line budgets.
 */
import type { Cell, Grid } from '@guatu/domain';
import { AppError } from '../errors.ts';
import { parseCsv } from './csv.ts';
import { parseOffThread } from './parse-off-thread.ts';
import { DEFAULT_UPLOAD_LIMITS, formatBytes, type UploadLimits } from './upload-limits.ts';
import { checkXlsxArchive } from './zip-guard.ts';

export type SheetGrid = { name: string; grid: Grid };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (buf: Buffer, sig: number[]) => sig.every((b, i) => buf[i] === b);

/** Encrypted OOXML is a CFB container holding an `EncryptionInfo` stream (its name in UTF-16LE). */
function isEncryptedOoxml(buf: Buffer): boolean {
  return (
    buf.includes(Buffer.from('EncryptionInfo', 'utf16le')) ||
    buf.includes(Buffer.from('EncryptedPackage', 'utf16le'))
  );
}

/** Reads the file in a parse worker (parse-off-thread.ts); refusals come back as AppErrors. */
export function readSpreadsheet(
  buf: Buffer,
  fileName: string,
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): Promise<SheetGrid[]> {
  return parseOffThread(buf, fileName, limits);
}

/** The parse itself, on the calling thread: only the parse worker calls it. */
export async function parseSpreadsheet(
  buf: Buffer,
  fileName: string,
  limits: UploadLimits,
): Promise<SheetGrid[]> {
  if (buf.length === 0) throw new AppError('not_spreadsheet');
  if (startsWith(buf, CFB)) throw new AppError(isEncryptedOoxml(buf) ? 'encrypted_file' : 'legacy_xls');
  if (startsWith(buf, ZIP)) {
    await checkXlsxArchive(buf, limits);
    return readXlsx(buf);
  }
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) throw new AppError('corrupt_file');
  if (lower.endsWith('.xls')) throw new AppError('legacy_xls');
  if (buf.length > limits.maxCsvBytes)
    throw new AppError('too_large', { limit: formatBytes(limits.maxCsvBytes) });
  const text = decodeText(buf);
  if (text === null) throw new AppError('not_spreadsheet');
  const grid = parseCsv(text, limits);
  return [{ name: fileName.replace(/\.[^.]*$/, '') || 'CSV', grid }];
}

/** Text in UTF-8 (with or without BOM), UTF-16LE with BOM, else GB18030 (Excel's 中文 CSV); null for binary data. */
function decodeText(buf: Buffer): string | null {
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  const probe = body.subarray(0, 64 * 1024);
  if (probe.includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(body);
    } catch {
      return null;
    }
  }
  // Control characters other than tab and line breaks mean binary content.
  const head = text.slice(0, 64 * 1024);
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) return null;
  }
  return text;
}

async function readXlsx(buf: Buffer): Promise<SheetGrid[]> {
  // Loaded here, not at the top: a worker refuses a hostile file without spending ~1 s on exceljs.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('corrupt_file');
  }
  if (wb.worksheets.length === 0) throw new AppError('not_spreadsheet');
  return wb.worksheets.map((ws) => {
    const grid: Grid = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = row.values as unknown[];
      const cells: Cell[] = [];
      for (let c = 1; c < values.length; c++) cells.push(toCell(values[c]));
      while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
      grid[rowNumber - 1] = cells;
    });
    for (let r = 0; r < grid.length; r++) grid[r] ??= [];
    return { name: ws.name, grid };
  });
}

/** exceljs values to plain cells: formulas as their cached result, rich text as text, dates as ISO. */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  // PostgreSQL text cannot hold U+0000: drop it here rather than fail the commit.
  if (typeof v === 'string') return v === '' ? null : v.split('\u0000').join('');
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return toCell(o.result);
    if (Array.isArray(o.richText))
      return (o.richText as Array<{ text?: string }>).map((t) => t.text ?? '').join('') || null;
    if ('text' in o) return toCell(o.text);
    if ('error' in o) return String(o.error);
  }
  return null;
}
