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

const cache = new WeakMap<Db, Map<string, CompiledQuery>>();

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
  let compiled = byKey.get(key) as CompiledQuery<R> | undefined;
  if (!compiled) {
    compiled = build(db).compile();
    byKey.set(key, compiled);
  }
  const slots = compiled.parameters.map((p) => {
    const i = typeof p === 'string' && p.startsWith('\u0000guatu-param-') ? Number(p.slice(13, -1)) : -1;
    return i;
  });
  const parameters = compiled.parameters.map((p, k) => (slots[k]! >= 0 ? values[slots[k]!] : p));
  const result = await db.executeQuery<R>({ ...compiled, parameters });
  return result.rows;
}
