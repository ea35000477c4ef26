/**
 * The date a ledger's reported figures (1-3月完成投资, 形象进度) are as of, read from its title
 * lines or a note under the table:
 *
 * - 截至时间：2023年3月31日 / 截止2023.3.31 / 数据截至2023-03-31 → that day;
 * - 截止2023年3月底 / 截至2023年3月 / 截至3月末 → the last day of that month (the year, when the
 *   line omits it, is the ledger's year);
 * - 填报日期：2023年4月10日 → that day; 填报日期：2023年4月 → the last day of April: the filing month
 *   is the latest date the figures can be as of, and we do not guess an earlier one (a 截至 line,
 *   in the title or in a note under the table, wins over a 填报 line).
 *
 * Pure; null when no line states a date.
 */
import { daysInMonth } from '../dates.ts';
import { cellText, halfWidth, type Grid } from './values.ts';

const pad = (n: number) => String(n).padStart(2, '0');

function iso(y: number, m: number, d: number | null): string | null {
  if (y < 1950 || y > 2100 || m < 1 || m > 12) return null;
  const last = daysInMonth(y, m);
  if (d !== null && (d < 1 || d > last)) return null;
  return `${y}-${pad(m)}-${pad(d ?? last)}`;
}

/** A date written after a 截至/填报 word: with a day, a month (底/末/份), with or without its year. */
function dateAfter(text: string, fallbackYear: number | null): string | null {
  let m = /^(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*[日号]?/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})\s*[年./-]\s*(\d{1,2})\s*月?(底|末|份|止)?/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), null);
  if (fallbackYear === null) return null;
  m = /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/.exec(text);
  if (m) return iso(fallbackYear, Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})\s*月(底|末|份)?/.exec(text);
  if (m) return iso(fallbackYear, Number(m[1]), null);
  return null;
}

const asOfWords = /(?:数据)?(?:截至|截止|截止到|截至到)(?:日期|时间|目前)?[:：]?\s*/;
const filedWords = /(?:填报|报送|统计|制表)(?:日期|时间)[:：]?\s*/;

/** The as-of date stated by one line of text, and whether it came from a 截至 (true) or 填报 (false) word. */
export function asOfFromText(
  line: string,
  fallbackYear: number | null = null,
): { date: string; explicit: boolean } | null {
  const s = halfWidth(line);
  for (const [re, explicit] of [
    [asOfWords, true],
    [filedWords, false],
  ] as const) {
    const g = new RegExp(re.source, 'g');
    for (let m = g.exec(s); m !== null; m = g.exec(s)) {
      const date = dateAfter(s.slice(m.index + m[0].length), fallbackYear);
      if (date) return { date, explicit };
    }
  }
  return null;
}

/** The as-of date of a set of lines: the first 截至 date, else the first 填报 date, else null. */
export function asOfFromLines(lines: readonly string[], fallbackYear: number | null = null): string | null {
  let filed: string | null = null;
  for (const line of lines) {
    const hit = asOfFromText(line, fallbackYear);
    if (hit?.explicit) return hit.date;
    if (hit) filed ??= hit.date;
  }
  return filed;
}

/**
 * The as-of date of a sheet: its title lines (the rows above the header), then short lines
 * under the table (注：本表数据截至3月底。). `year` completes a date written without one.
 */
export function asOfFromGrid(grid: Grid, headerStart: number, year: number | null): string | null {
  const texts = (r: number) => (grid[r] ?? []).map((c) => cellText(c)).filter((t): t is string => t !== null);
  const above: string[] = [];
  for (let r = 0; r < headerStart && r < grid.length; r++) above.push(...texts(r));
  const notes: string[] = [];
  for (let r = headerStart; r < grid.length; r++) {
    const t = texts(r);
    if (t.length > 0 && t.length <= 2 && /截至|截止/.test(t.join(''))) notes.push(t.join(' '));
  }
  return asOfFromLines([...above, ...notes], year ?? yearIn(above));
}

function yearIn(lines: readonly string[]): number | null {
  for (const l of lines) {
    const m = /(20\d{2})年/.exec(halfWidth(l));
    if (m) return Number(m[1]);
  }
  return null;
}
