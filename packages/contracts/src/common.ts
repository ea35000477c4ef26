import { z } from 'zod';
import { lazy } from './lazy.ts';

/**
 * One schema per distinct helper call (`text(50)` is written in dozens of places): a zod schema
 * never changes (every method returns a new one), so the same one serves each place; like every
 * contract schema it is built on its first use (lazy.ts; issue 11: start-up).
 */
const keptSchemas = new Map<string, z.ZodType>();
function kept<T extends z.ZodType>(key: string, make: () => T): T {
  let s = keptSchemas.get(key) as T | undefined;
  if (s === undefined) keptSchemas.set(key, (s = lazy(make)));
  return s;
}

/** The largest value of a 4-byte integer column (ids, versions, counts): 2^31 − 1. */
export const INT4_MAX = 2_147_483_647;
/**
 * An integer bounded to its column: int4 unless told (`Number.MAX_SAFE_INTEGER` for bigint money,
 * which JavaScript numbers hold exactly only up to 2^53 − 1). A bigger value is a 400, never a
 * database error.
 */
export const int = (min: number, max: number = INT4_MAX) =>
  kept(`int:${min}:${max}`, () => z.int().min(min).max(max));

export const id = lazy(() => z.coerce.number().int().positive().max(INT4_MAX));
/** Money is integer yuan (元) everywhere in the API; the UI shows 万元/亿元. */
export const yuan = int(0, Number.MAX_SAFE_INTEGER);
/** A date, or a month when only the month is known (offices write 2023年3月). */
export const isoDate = lazy(() =>
  z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD'),
);
export const isoDateOrMonth = lazy(() =>
  z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'YYYY-MM or YYYY-MM-DD'),
);
export const year = lazy(() => z.coerce.number().int().min(2000).max(2100));
/** The version the editor read; below INT4_MAX because the write stores version + 1. */
export const version = int(1, INT4_MAX - 1);

/** Short text: trimmed, at most `max` characters. */
export const text = (max: number) => kept(`text:${max}`, () => z.string().trim().max(max));

// Built at load: a default is one of zod's wrappers, which cannot be a stand-in (lazy.ts, WRAPPERS).
export const page = z.coerce.number().int().min(1).max(100_000).default(1);
export const pageSize = z.coerce.number().int().min(1).max(500).default(20);

export const okBody = lazy(() => z.object({ ok: z.literal(true) }));
