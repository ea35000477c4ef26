import type { Grid } from '@guatu/domain';

/**
 * RFC 4180 CSV (quotes, doubled quotes, line breaks inside quotes, CRLF); tab-separated when the
 * first line has more tabs than commas. Every cell is text or null: the domain reads the values.
 */
export function parseCsv(text: string): Grid {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = (firstLine.match(/\t/g) ?? []).length > (firstLine.match(/,/g) ?? []).length ? '\t' : ',';
  const rows: Grid = [];
  let row: Array<string | null> = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const push = () => {
    row.push(cell.trim() === '' ? null : cell.split('\u0000').join(''));
    cell = '';
  };
  while (i < text.length) {
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
      rows.push(row);
      row = [];
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    push();
    rows.push(row);
  }
  for (const r of rows) while (r.length > 0 && r[r.length - 1] === null) r.pop();
  return rows;
}
