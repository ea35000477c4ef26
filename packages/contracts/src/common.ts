import { z } from 'zod';

/** Every error the API returns has this shape; `message` is in the caller's language. */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const id = z.coerce.number().int().positive().max(2_147_483_647);
/** Money is integer yuan (元) everywhere in the API; the UI shows 万元/亿元. */
export const yuan = z.number().int().min(0).max(9_000_000_000_000_000);
/** A date, or a month when only the month is known (offices write 2023年3月). */
export const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');
export const isoDateOrMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'YYYY-MM or YYYY-MM-DD');
export const year = z.coerce.number().int().min(2000).max(2100);
export const version = z.number().int().min(1);

/** Short text: trimmed, at most `max` characters. */
export const text = (max: number) => z.string().trim().max(max);

export const page = z.coerce.number().int().min(1).max(100_000).default(1);
export const pageSize = z.coerce.number().int().min(1).max(500).default(20);

export const okBody = z.object({ ok: z.literal(true) });
