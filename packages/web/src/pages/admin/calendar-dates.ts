import dayjs from 'dayjs';

/**
 * Parses the dates an admin types or pastes for a year: one date or one range per token,
 * separated by spaces, new lines, commas or 、; a range is `2027-10-01~2027-10-07` (also `至`, `—`).
 * Answers the sorted distinct dates, or the tokens that are not dates.
 */
export function parseDateList(text: string): { dates: string[]; invalid: string[] } {
  const dates = new Set<string>();
  const invalid: string[] = [];
  const tokens = text
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const token of tokens) {
    const parts = token.split(/~|～|至|—|–|\.\./);
    const from = parseDate(parts[0]);
    const to = parts.length === 2 ? parseDate(parts[1]) : parts.length === 1 ? from : null;
    if (!from || !to || to < from || daysBetween(from, to) > 60) {
      invalid.push(token);
      continue;
    }
    for (let d = dayjs(from); !d.isAfter(dayjs(to)); d = d.add(1, 'day')) dates.add(d.format('YYYY-MM-DD'));
  }
  return { dates: [...dates].sort(), invalid };
}

function parseDate(s: string | undefined): string | null {
  const m = s?.trim().match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/);
  if (!m) return null;
  const [, y = '', mo = '', da = ''] = m;
  const iso = `${y}-${mo.padStart(2, '0')}-${da.padStart(2, '0')}`;
  const d = dayjs(iso);
  return d.isValid() && d.format('YYYY-MM-DD') === iso ? iso : null;
}

function daysBetween(from: string, to: string): number {
  return dayjs(to).diff(dayjs(from), 'day');
}
