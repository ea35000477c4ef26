import { z } from 'zod';
import { lazy } from './lazy.ts';
import { regionLevels } from '@guatu/domain/vocabulary';
import { regionKinds } from '@guatu/domain/divisions';
import { id, page, pageSize, text, version } from './common.ts';
import { accountFields, role } from './auth.ts';

export const regionLevel = lazy(() => z.enum(regionLevels));
export type RegionLevel = z.infer<typeof regionLevel>;

export const region = lazy(() =>
  z.object({
    id: id,
    parentId: id.nullable(),
    name: z.string(),
    level: regionLevel,
    code: z.string().nullable(),
    /** 'zone': a development zone (经济开发区, 高新区, 产业园), town-level, no official code. */
    kind: z.enum(regionKinds).optional(),
    version: version,
  }),
);
export type Region = z.infer<typeof region>;
export const regionCreate = lazy(() =>
  z.strictObject({
    parentId: id,
    name: text(100).min(1),
    level: regionLevel,
    code: text(20).nullable().optional().default(null),
    kind: z.enum(regionKinds).optional().default('division'),
  }),
);
export type RegionCreate = z.infer<typeof regionCreate>;
export const regionUpdate = lazy(() =>
  z.strictObject({
    name: text(100).min(1).optional(),
    code: text(20).nullable().optional(),
    version: version,
  }),
);
export type RegionUpdate = z.infer<typeof regionUpdate>;

export const department = lazy(() =>
  z.object({
    id: id,
    regionId: id,
    regionName: z.string(),
    name: z.string(),
    version: version,
  }),
);
export type Department = z.infer<typeof department>;
export const departmentCreate = lazy(() => z.strictObject({ regionId: id, name: text(100).min(1) }));
export type DepartmentCreate = z.infer<typeof departmentCreate>;
export const departmentUpdate = lazy(() =>
  z.strictObject({ name: text(100).min(1).optional(), version: version }),
);
export type DepartmentUpdate = z.infer<typeof departmentUpdate>;

export const user = lazy(() =>
  z.object({
    ...accountFields(),
    departmentName: z.string().nullable(),
    phone: z.string().nullable(),
    active: z.boolean(),
    locked: z.boolean(),
    /** A printed or reset password not yet changed by its owner. */
    mustChangePassword: z.boolean(),
    /** An account of the demo dataset (loopback-only, removed by `demo --remove`). */
    demo: z.boolean(),
    /** The person (people.id) this account acts as: scope follows the link (issue 9, item 3). */
    personId: id.nullable(),
    personName: z.string().nullable(),
    version: version,
  }),
);
export type User = z.infer<typeof user>;
export const username = lazy(() =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,32}$/, '3–32 letters, digits, _ . -'),
);
export const userCreate = lazy(() =>
  z.strictObject({
    username: username,
    displayName: text(50).min(1),
    password: z.string().min(1).max(256),
    roles: z.array(role).min(1).max(9),
    regionId: id,
    departmentId: id.nullable().optional().default(null),
    phone: text(30).nullable().optional().default(null),
  }),
);
export type UserCreate = z.infer<typeof userCreate>;
export const userUpdate = lazy(() =>
  z.strictObject({
    displayName: text(50).min(1).optional(),
    roles: z.array(role).min(1).max(9).optional(),
    regionId: id.optional(),
    departmentId: id.nullable().optional(),
    phone: text(30).nullable().optional(),
    active: z.boolean().optional(),
    password: z.string().min(1).max(256).optional(),
    unlock: z.boolean().optional(),
    /** Link the account to a person (null: unlink); the security administrator's. */
    personId: id.nullable().optional(),
    version: version,
  }),
);
export type UserUpdate = z.infer<typeof userUpdate>;
export const userQuery = lazy(() =>
  z.strictObject({
    role: role.optional(),
    q: text(50).optional(),
    page: page,
    pageSize: pageSize,
  }),
);
export type UserQuery = z.infer<typeof userQuery>;
export const userPage = lazy(() => z.object({ items: z.array(user), total: z.int() }));

/** Names the ledger filters and forms need, limited to what the caller may see. */
export const lookups = lazy(() =>
  z.object({
    regions: z.array(region),
    departments: z.array(z.object({ id: id, name: z.string(), regionId: id })),
    leaders: z.array(z.object({ id: id, name: z.string() })),
    taskForceUsers: z.array(z.object({ id: id, name: z.string() })),
    industries: z.array(z.string()),
  }),
);
export type Lookups = z.infer<typeof lookups>;
