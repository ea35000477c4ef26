/**
 * Streamed .xlsx exports (issue 11: every project of a province in ≤ 5 s, memory flat): exceljs's
 * streaming WorkbookWriter makes the package (styles, workbook, print titles, page setup, merges,
 * the zip) and writes the title and header rows, which are few; the data rows — tens of
 * thousands × 20–30 cells — are written by `SheetRows` as the same SpreadsheetML exceljs writes
 * (`<c r="D5" s="3" t="str"><v>…</v></c>`) straight into the worksheet's part, about ten times
 * faster than exceljs's Row and Cell objects and their per-cell style lookup. The zip is
 * deflated at level 1 (most of the time of a large export otherwise goes into compressing) and
 * sent as it is produced; the producer waits while the client does not keep up, so memory stays
 * at a few megabytes whatever the size of the file.
 */
import { finished } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs.ts';

/** A file to download: named and counted once authorised, its bytes written to `out` on demand. */
export type XlsxDownload = {
  fileName: string;
  /** An ASCII name for clients that ignore filename*. */
  asciiName: string;
  rows: number;
  /**
   * Writes the workbook to `out` and resolves once all of it is written (rejects on an error
   * midway: the caller destroys `out`, so that no half file passes for a whole one).
   */
  write: (out: Writable) => Promise<void>;
};

/** A cell: text, a number, a date (UTC midnight of the day) or empty. */
export type CellValue = string | number | Date | null;

type StyleKind = 'string' | 'number' | 'date';

/** The parts of exceljs's streaming writer that SheetRows uses beyond its typed API. */
type WorkbookInternals = {
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType: number): number };
};
type WorksheetInternals = { startedData: boolean; stream: { write(text: string): void } };

/** exceljs's ValueType codes, for the default number format of a style without one. */
const valueTypeOf: Record<StyleKind, number> = { number: 2, date: 4, string: 3 };

// The characters SpreadsheetML cannot hold as they are (as exceljs's xmlEncode; C0 controls dropped).
// eslint-disable-next-line no-control-regex -- the control characters are what is matched
const needsEscape = /[<>&"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/;
// eslint-disable-next-line no-control-regex -- as above
const escapes = /[<>&"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g;
const entity: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
};
const xmlText = (s: string): string => (needsEscape.test(s) ? s.replace(escapes, (c) => entity[c] ?? '') : s);

/** A date cell's number: days since 1899-12-30 (exceljs's dateToExcel). */
const excelSerial = (d: Date): number => 25569 + d.getTime() / 86_400_000;

/** A, B, …, Z, AA, … */
export function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * Bytes of the file waiting for the client before the producer waits. The reply's stream is
 * made with a larger high-water mark (XLSX_STREAM_BUFFER) so that the zip never holds a backlog
 * of its own: what is not yet sent shows in the stream's buffers.
 */
const HIGH_WATER = 4 * 1024 * 1024;
export const XLSX_STREAM_BUFFER = 8 * 1024 * 1024;
const buffered = (out: Writable): number =>
  out.writableLength + ((out as unknown as Partial<Readable>).readableLength ?? 0);

/**
 * Opens a streaming workbook on `out`: deflate level 1, styles on, inline strings (no shared
 * string table to hold in memory).
 */
export async function openWorkbook(out: Writable): Promise<ExcelJS.stream.xlsx.WorkbookWriter> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  wb.creator = 'Guatu 挂图';
  return wb;
}

/** Commits the last sheet and the package, and waits until `out` has taken every byte. */
export async function closeWorkbook(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  ws: ExcelJS.Worksheet,
  out: Writable,
): Promise<void> {
  ws.commit();
  await wb.commit();
  // Rejects if `out` was destroyed before taking everything (premature close).
  if (!out.writableFinished) await finished(out, { readable: false });
}

/**
 * Data rows written straight into a streamed worksheet, after its header rows were committed
 * through exceljs (which opened <sheetData>). Rows must come in ascending order.
 */
export class SheetRows {
  private readonly letters: string[];
  private readonly styleIds = new Map<Partial<ExcelJS.Style>, number[]>();
  private xml: string[] = [];
  private pending = 0;
  private rowsSinceYield = 0;

  constructor(
    private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly ws: ExcelJS.Worksheet,
    private readonly out: Writable,
    width: number,
  ) {
    this.letters = Array.from({ length: width + 1 }, (_, i) => columnLetter(i));
    if (!(ws as unknown as WorksheetInternals).startedData)
      throw new Error('SheetRows: commit the header rows through exceljs first');
  }

  /** The style index of a style object (kept per object: pass shared objects, not copies). */
  styleId(style: Partial<ExcelJS.Style>, kind: StyleKind = 'string'): number {
    let ids = this.styleIds.get(style);
    if (!ids) this.styleIds.set(style, (ids = []));
    const k = kind === 'string' ? 0 : kind === 'number' ? 1 : 2;
    let id = ids[k];
    if (id === undefined) {
      id = (this.wb as unknown as WorkbookInternals).styles.addStyleModel(style, valueTypeOf[kind]);
      ids[k] = id;
    }
    return id;
  }

  /** One row: `values[i]` in column i + 1 with style index `styles[i]` (0: none). */
  row(r: number, values: readonly CellValue[], styles: readonly number[], height?: number): void {
    let s = `<row r="${r}" spans="1:${values.length}"${height ? ` ht="${height}" customHeight="1"` : ''} x14ac:dyDescent="0.25">`;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const st = styles[i] ?? 0;
      if ((v === null || v === undefined || v === '') && !st) continue;
      const ref = `${this.letters[i + 1]}${r}`;
      const sAttr = st ? ` s="${st}"` : '';
      if (v === null || v === undefined || v === '') s += `<c r="${ref}"${sAttr}/>`;
      else if (typeof v === 'number') s += `<c r="${ref}"${sAttr}><v>${v}</v></c>`;
      else if (v instanceof Date) s += `<c r="${ref}"${sAttr}><v>${excelSerial(v)}</v></c>`;
      else s += `<c r="${ref}"${sAttr} t="str"><v>${xmlText(v)}</v></c>`;
    }
    this.xml.push(`${s}</row>`);
    this.pending += s.length;
    this.rowsSinceYield++;
    if (this.pending > 64 * 1024) this.flush();
  }

  /** Hands the rows written so far to the zip. */
  flush(): void {
    if (this.xml.length === 0) return;
    (this.ws as unknown as WorksheetInternals).stream.write(this.xml.join(''));
    this.xml = [];
    this.pending = 0;
  }

  /**
   * Every few hundred rows: lets the zip compress and send what was written, and other requests
   * run; waits while the client is slower than the producer; stops if the download was closed.
   */
  async breathe(): Promise<void> {
    if (this.rowsSinceYield < 500) return;
    this.rowsSinceYield = 0;
    this.flush();
    await new Promise((resolve) => setImmediate(resolve));
    while (!this.out.destroyed && buffered(this.out) > HIGH_WATER)
      await new Promise((resolve) => setTimeout(resolve, 10));
    if (this.out.destroyed) throw new Error('the download was closed before its end');
  }
}
