/**
 * A unique or primary-key violation from either engine, recognised in one place. Services check
 * for duplicates before they write, but two requests can pass that check together; the loser's
 * INSERT then fails in the database, and this turns that failure into 409 `duplicate` naming the
 * field (instead of a 500).
 *
 * better-sqlite3: SqliteError, code SQLITE_CONSTRAINT_UNIQUE / SQLITE_CONSTRAINT_PRIMARYKEY,
 *   message "UNIQUE constraint failed: departments.region_id, departments.name" (or "… index 'x'").
 * pg: code 23505, `table`, `constraint`, detail "Key (region_id, name)=(5, 财政局) already exists."
 */

import { AppError } from '../errors.ts';

export type UniqueViolation = {
  /** Table, when the engine names it. */
  table: string | null;
  /** Columns (or index expressions) of the violated key, as the engine names them. */
  columns: string[];
  /** Constraint or index name, when the engine names it. */
  constraint: string | null;
  /** PostgreSQL's rendering of the duplicate key's values, in column order (absent on SQLite). */
  values: string[];
};

/** The unique keys a user can collide on, and the `fieldNames` entry a 409 quotes. */
const KEYS: Array<{ table: string; column: string; field: string }> = [
  { table: 'users', column: 'username', field: 'username' },
  { table: 'projects', column: 'code', field: 'code' },
  { table: 'departments', column: 'name', field: 'department' },
  { table: 'import_templates', column: 'name', field: 'template' },
  { table: 'calendar_years', column: 'year', field: 'calendarYear' },
  { table: 'project_baselines', column: 'name', field: 'baseline' },
  { table: 'dispatch_rounds', column: 'month', field: 'dispatchMonth' },
];

const isObject = (e: unknown): e is Record<string, unknown> => typeof e === 'object' && e !== null;

/** Splits "a, b" of a pg key detail; values with commas inside are rare and only shown. */
const splitList = (s: string) => s.split(/,\s*/).map((x) => x.trim());

/** The violation, or null when `err` is anything else. */
export function uniqueViolation(err: unknown): UniqueViolation | null {
  if (!isObject(err)) return null;
  if (err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const what = String(err.message ?? '').replace(/^.*constraint failed:\s*/i, '');
    const index = /^index '([^']+)'/.exec(what);
    if (index) return { table: null, columns: [], constraint: index[1]!, values: [] };
    const parts = splitList(what).map((p) => p.split('.'));
    return {
      table: parts[0]?.length === 2 ? parts[0][0]! : null,
      columns: parts.map((p) => p[p.length - 1]!),
      constraint: null,
      values: [],
    };
  }
  if (err.code === '23505') {
    const m = /^Key \((.*)\)=\((.*)\) already exists/s.exec(String(err.detail ?? ''));
    return {
      table: typeof err.table === 'string' ? err.table : null,
      columns: m ? splitList(m[1]!) : [],
      constraint: typeof err.constraint === 'string' ? err.constraint : null,
      values: m ? splitList(m[2]!) : [],
    };
  }
  return null;
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The field and value a 409 `duplicate` quotes for a violation: the value the client sent (the
 * request body's key of that column), else PostgreSQL's; null field for a key users cannot choose.
 */
export function duplicateOf(v: UniqueViolation, body: unknown): { field: string | null; value: string } {
  const mentions = (s: string, word: string) => new RegExp(`(^|[^a-z_])${word}([^a-z_]|$)`).test(s);
  const key = KEYS.find(
    (k) =>
      (v.table === k.table && v.columns.some((c) => mentions(c, k.column))) ||
      // An index-only report (SQLite expression index): its name carries table and column.
      (v.table === null &&
        v.constraint !== null &&
        v.constraint.startsWith(`${k.table}_`) &&
        v.constraint.includes(k.column)),
  );
  if (!key) return { field: null, value: v.values.join(', ') };
  const sent = isObject(body) ? body[camel(key.column)] : undefined;
  if (typeof sent === 'string' || typeof sent === 'number') return { field: key.field, value: String(sent) };
  const at = v.columns.findIndex((c) => mentions(c, key.column));
  return { field: key.field, value: at >= 0 ? (v.values[at] ?? '') : '' };
}

/**
 * The AppError a database error caused by the request stands for, or null for a real failure:
 * a unique violation → 409 `duplicate` (or `conflict` for a key users do not choose); a number out
 * of its column's range on PostgreSQL (22003; the contracts bound integers, this is the backstop)
 * → 400 `validation`.
 */
export function appErrorOfDb(err: unknown, body: unknown): AppError | null {
  const v = uniqueViolation(err);
  if (v) {
    const d = duplicateOf(v, body);
    return d.field ? new AppError('duplicate', { field: d.field, value: d.value }) : new AppError('conflict');
  }
  if (isObject(err) && err.code === '22003')
    return new AppError('validation', {}, [{ path: 'body', message: 'A number is out of range' }]);
  return null;
}
