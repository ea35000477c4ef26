import { z } from 'zod';
import { lazy } from './lazy.ts';
import { id, page, pageSize, text, version } from './common.ts';

/**
 * A person who may lead a project (包保领导) or serve on its task force (专班): people, not accounts
 * (issue 9, item 3). `userId` is the account linked to this person, if any: that account sees the
 * projects the person leads or serves. The phone is always masked here.
 */
export const person = lazy(() =>
  z.object({
    id: id,
    regionId: id,
    regionName: z.string(),
    name: z.string(),
    /** 职务 */
    title: z.string().nullable(),
    /** 单位 */
    unit: z.string().nullable(),
    /** Masked (138****1234); the whole number is never in a list. */
    phone: z.string().nullable(),
    userId: id.nullable(),
    username: z.string().nullable(),
    /** Projects the person leads and serves on (in any year). */
    leads: z.int(),
    serves: z.int(),
    demo: z.boolean(),
    version: version,
  }),
);
export type Person = z.infer<typeof person>;

export const personCreate = lazy(() =>
  z.strictObject({
    regionId: id,
    name: text(50).min(1),
    title: text(100).nullable().optional().default(null),
    unit: text(100).nullable().optional().default(null),
    phone: text(30).nullable().optional().default(null),
  }),
);
export type PersonCreate = z.infer<typeof personCreate>;

export const personUpdate = lazy(() =>
  z.strictObject({
    regionId: id.optional(),
    name: text(50).min(1).optional(),
    title: text(100).nullable().optional(),
    unit: text(100).nullable().optional(),
    phone: text(30).nullable().optional(),
    version: version,
  }),
);
export type PersonUpdate = z.infer<typeof personUpdate>;

export const personQuery = lazy(() =>
  z.strictObject({
    regionId: id.optional(),
    /** Part of the name, title or unit. */
    q: text(50).optional(),
    /** 'yes': linked to an account; 'no': not. */
    linked: z.enum(['yes', 'no']).optional(),
    page: page,
    pageSize: pageSize,
  }),
);
export type PersonQuery = z.infer<typeof personQuery>;

export const personPage = lazy(() => z.object({ items: z.array(person), total: z.int() }));
export type PersonPage = z.infer<typeof personPage>;

/** GET /api/people/export.xlsx: the filtered list, every page. */
export const personExportQuery = lazy(() => personQuery.omit({ page: true, pageSize: true }));
export type PersonExportQuery = z.infer<typeof personExportQuery>;
