import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';

const CHUNK = 1000;
/** From this many projects on, the year's whole list is read once rather than by ids. */
const WHOLE_YEAR_FROM = 5000;

/**
 * The reported investment (元, null: not reported) of each project of `ids` on the year's list
 * (the export's first, light pass: its totals come before its rows; level and the other money
 * come from the portfolio index). Projects missing from the year are left out.
 */
export async function findExportReportedYtd(
  db: Db,
  ids: readonly number[],
  year: number,
): Promise<Map<number, number | null>> {
  const out = new Map<number, number | null>();
  const raw = db.withoutPlugins();
  type Row = { id: number; ytd: number | string | null };
  const take = (rows: readonly Row[], wanted: Set<number> | null) => {
    for (const r of rows)
      if (!wanted || wanted.has(r.id)) out.set(r.id, r.ytd === null ? null : Number(r.ytd));
  };
  if (ids.length >= WHOLE_YEAR_FROM) {
    const { rows } = await sql<Row>`
      select project_id as "id", reported_ytd as "ytd" from project_years where year = ${year}`.execute(raw);
    take(rows, new Set(ids));
    return out;
  }
  for (let i = 0; i < ids.length; i += CHUNK) {
    const { rows } = await sql<Row>`
      select project_id as "id", reported_ytd as "ytd" from project_years
      where year = ${year} and project_id in (${sql.join(ids.slice(i, i + CHUNK))})`.execute(raw);
    take(rows, null);
  }
  return out;
}
