import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded on the first workbook rather than at start-up (it is ~0.4 s of the server's
 * start: issue 11). Types come from `import type ExcelJS from 'exceljs'`.
 */
export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
