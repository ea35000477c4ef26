/**
 * Hot queries compiled once per database handle (issue 11): Kysely builds and compiles a query's
 * tree on every call, which costs more than SQLite's answer for the one-row reads made on every
 * request (the session). `compiledOnce` compiles the query the first time with sentinel values in
 * place of its parameters, then binds the real values by position: the SQL text is the same, so
 * SQLite's statement cache and PostgreSQL's plans are reused too. Results still pass through the
 * handle's plugins (CamelCasePlugin maps the columns). Only for the base handle, not a transaction.
 */
import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './connect.ts';

/** A compiled query and, per parameter, the index of the value bound there (-1: a constant of the query). */
type Entry = { compiled: CompiledQuery; slots: number[] };

const cache = new WeakMap<Db, Map<string, Entry>>();

/** A value no caller passes, standing for parameter `i` while the query is compiled. */
export const param = (i: number): string => `\u0000guatu-param-${i}\u0000`;

/**
 * Runs the query `build` returns (built with `param(0)`, `param(1)`… where the values go) with
 * `values` bound in their place. `key` names the query: one per distinct query shape.
 */
export async function runCompiled<R>(
  db: Db,
  key: string,
  build: (db: Db) => Compilable<R>,
  values: readonly unknown[],
): Promise<R[]> {
  let byKey = cache.get(db);
  if (!byKey) cache.set(db, (byKey = new Map()));
  let e = byKey.get(key);
  if (!e) {
    const compiled = build(db).compile();
    const slots = compiled.parameters.map((p) =>
      typeof p === 'string' && p.startsWith('\u0000guatu-param-') ? Number(p.slice(13, -1)) : -1,
    );
    e = { compiled, slots };
    byKey.set(key, e);
  }
  const { compiled, slots } = e;
  const parameters = compiled.parameters.map((p, k) => (slots[k]! >= 0 ? values[slots[k]!] : p));
  const result = await db.executeQuery<R>({ ...(compiled as CompiledQuery<R>), parameters });
  return result.rows;
}
