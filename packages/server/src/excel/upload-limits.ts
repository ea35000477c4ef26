/**
 * The budgets an uploaded spreadsheet must fit before and while it is read. A real county ledger
 * is a few hundred to ~10,000 rows of ≤ 60 columns: an .xlsx of 1–5 MB unpacking to 5–40 MB of
 * XML, 10–20 times its compressed size. Every limit below leaves 10–20 times that room and still
 * stops a hostile file long before it costs more than a bounded worker can give (issue 7, hole 2).
 */
export type UploadLimits = {
  /** Parts inside the .xlsx: a ledger has ~10–30 (workbook, styles, sheets, a few images). */
  maxEntries: number;
  /** Sum of the declared — and, while reading, of the actually inflated — sizes of all parts. */
  maxUnpackedBytes: number;
  /**
   * Compression ratio allowed for a part of at least `ratioFloorBytes` once inflated. Sheet XML
   * compresses 10–20:1, a sparse sheet of styled empty cells up to ~40:1; `<c/>` repeated
   * compresses ~1000:1. Small parts are exempt: their ratio says nothing and costs nothing.
   */
  maxRatio: number;
  ratioFloorBytes: number;
  /** Rows (`<row>` elements, CSV records) over all sheets. */
  maxRows: number;
  /** Cells (`<c>` elements, empty `<c/>` included; CSV fields, empty ones included) over all sheets. */
  maxCells: number;
  /** A CSV file's bytes, and one CSV record's characters (a real row is a few KB at most). */
  maxCsvBytes: number;
  maxLineChars: number;
  /** The parse worker's V8 old-generation heap, and how long it may run. */
  workerHeapMb: number;
  timeoutMs: number;
};

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxEntries: 2_000,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
  maxRows: 200_000,
  // exceljs keeps ~150–250 bytes of heap per cell: 2,000,000 cells fit the 512 MB worker heap.
  maxCells: 2_000_000,
  maxCsvBytes: 20 * 1024 * 1024,
  maxLineChars: 1_000_000,
  workerHeapMb: 512,
  // 2,000,000 cells take exceljs ~20 s on one core; a 10,000-row ledger well under 2 s.
  timeoutMs: 60_000,
};

/** Counts as the messages name them: "2,000,000". */
export const formatCount = (n: number) => n.toLocaleString('en-US');

/** Sizes as the messages name them: "200 MB", "512 KB". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round(n / 1024 / 1024)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}
