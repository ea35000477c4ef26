/**
 * Exports that print as offices print them (issue 9, item 15): A3 landscape fitted to the page
 * width, the header rows repeated on every printed page, 第 N 页 共 M 页 in the footer, thin
 * borders on every data cell, and dates as real date cells. One call per worksheet, from the
 * ledger (write-ledger.ts) and the war chart (war-chart-export.ts).
 */
import { isValidIsoDate } from '@guatu/domain';
import type ExcelJS from 'exceljs';
import { translate, type Lang } from '../messages.ts';

/** ISO paper size code of A3 in SpreadsheetML (9 is A4). */
export const PAPER_A3 = 8;
export const DATE_FORMAT = 'yyyy-mm-dd';

const thin = { style: 'thin' as const };
export const cellBorder: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export type PrintSetup = {
  /** The header rows repeated on every page, e.g. [3, 4]. */
  headerRows: readonly [number, number];
  /** The footer's language. */
  lang: Lang;
  /**
   * The data cells — rows after the header up to the last used row, columns 1..`columns` — get
   * borders, and a YYYY-MM-DD text becomes a date cell. For an in-memory sheet, called after its
   * rows are written; a streamed sheet (whose rows are gone once committed) styles its own cells
   * and passes nothing, calling this before its first row.
   */
  columns?: number;
};

/** 2023-04-13 → 2023年4月13日 (en-US: 2023-04-13), for a title's 截至 date. */
export function asOfWords(iso: string, lang: Lang): string {
  const [year, month, day] = iso.split('-');
  return translate('exports_as_of_date', lang, {
    year: year ?? '',
    month: Number(month),
    day: Number(day),
    iso,
  });
}

/** A YYYY-MM-DD as the date cell value Excel shows as that day (midnight UTC: no time zone shift). */
export const excelDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/**
 * The page setup: A3 landscape, one page wide and as many long as needed, the header rows on
 * every page. A streamed sheet writes its fit-to-page flag when it is created: pass this to its
 * addWorksheet as well.
 */
export function printPageSetup(headerRows: PrintSetup['headerRows']): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: PAPER_A3 as ExcelJS.PaperSize,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${headerRows[0]}:${headerRows[1]}`,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

export function applyPrintSetup(ws: ExcelJS.Worksheet, setup: PrintSetup): void {
  const to = setup.headerRows[1];
  Object.assign(ws.pageSetup, printPageSetup(setup.headerRows));
  ws.headerFooter.oddFooter = translate('exports_page_footer', setup.lang);
  if (setup.columns === undefined) return;
  for (let r = to + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= setup.columns; c++) {
      const cell = row.getCell(c);
      cell.border = cellBorder;
      const v = cell.value;
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && isValidIsoDate(v)) {
        cell.value = excelDate(v);
        cell.numFmt = DATE_FORMAT;
      }
    }
  }
}
