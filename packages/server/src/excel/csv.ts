import type { Grid } from '@guatu/domain';
import { AppError } from '../errors.ts';
import { DEFAULT_UPLOAD_LIMITS, formatCount, type UploadLimits } from './upload-limits.ts';

/**
 * RFC 4180 CSV (quotes, doubled quotes, line breaks inside quotes, CRLF); tab-separated when the
 * first line has more tabs than commas. Every cell is text or null: the domain reads the values.
 * Refuses (AppError) as soon as the rows, the cells (empty ones included) or one record's length
 * exceed the budgets, so 19 MB of commas stops at the cell budget instead of growing to 3 GB.
 */
export function parseCsv(
  text: string,
  limits: Pick<UploadLimits, 'maxRows' | 'maxCells' | 'maxLineChars'> = DEFAULT_UPLOAD_LIMITS,
): Grid {
  // The separator is judged on the first line's first 64 KB (not on a 19 MB line of commas).
  let tabs = 0;
  let commas = 0;
  for (let k = 0; k < Math.min(text.length, 65_536); k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || c === 0x0d) break;
    if (c === 0x09) tabs++;
    else if (c === 0x2c) commas++;
  }
  const sep = tabs > commas ? '\t' : ',';
  const rows: Grid = [];
  let row: Array<string | null> = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  let cells = 0;
  let recordStart = 0;
  const push = () => {
    if (++cells > limits.maxCells)
      throw new AppError('upload_too_many_cells', { limit: formatCount(limits.maxCells) });
    row.push(cell.trim() === '' ? null : cell.split('\u0000').join(''));
    cell = '';
  };
  const endRecord = () => {
    if (rows.length >= limits.maxRows)
      throw new AppError('upload_too_many_rows', { limit: formatCount(limits.maxRows) });
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    if (i - recordStart > limits.maxLineChars)
      throw new AppError('upload_line_too_long', { limit: formatCount(limits.maxLineChars) });
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === sep) push();
    else if (ch === '\n' || ch === '\r') {
      push();
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      recordStart = i + 1;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    push();
    endRecord();
  }
  for (const r of rows) while (r.length > 0 && r[r.length - 1] === null) r.pop();
  return rows;
}
