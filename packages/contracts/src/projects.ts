import { z } from 'zod';
import { lazy } from './lazy.ts';
import {
  categories,
  levels,
  natures,
  projectOwnFields,
  projectYearFields,
  type StoredValue,
  type ProjectFieldDef,
  type projectFieldCatalogue,
} from '@guatu/domain';
import { id, isoDate, isoDateOrMonth, page, pageSize, text, version, year, yuan } from './common.ts';

export const level = lazy(() => z.enum(levels));
export type Level = z.infer<typeof level>;
export const category = lazy(() => z.enum(categories));
export type Category = z.infer<typeof category>;
export const nature = lazy(() => z.enum(natures));
export type Nature = z.infer<typeof nature>;

// The request shapes are read from the project field catalogue (packages/domain/src/project-fields.ts):
// a field there is a field here, with its type, bound and whether it may be left out.
type Entry = (typeof projectFieldCatalogue)[number];
type Shape<O extends Entry['owner']> = {
  [E in Extract<Entry, { owner: O }> as E['key']]: z.ZodType<StoredValue<E>>;
};
type Optional<O extends Entry['owner']> = {
  [E in Extract<Entry, { owner: O }> as E['key']]: E['required'] extends true
    ? z.ZodType<StoredValue<E>>
    : z.ZodType<StoredValue<E>, StoredValue<E> | undefined>;
};

const enums = { level, category, nature } as const;

/** Each catalogue field's schema, built once: the create, edit and list shapes all read it (issue 11: start-up). */
const fieldSchemas = new WeakMap<ProjectFieldDef, z.ZodType>();

/** The zod schema of one catalogue field (as a request carries it). */
export function fieldSchema(f: ProjectFieldDef): z.ZodType {
  let s = fieldSchemas.get(f);
  if (s === undefined) fieldSchemas.set(f, (s = buildFieldSchema(f)));
  return s;
}

function buildFieldSchema(f: ProjectFieldDef): z.ZodType {
  const t = f.type;
  let s: z.ZodType;
  switch (t.kind) {
    case 'text':
      s = t.pattern
        ? z.string().trim().regex(t.pattern, `${t.max} characters`)
        : f.required
          ? text(t.max).min(1)
          : text(t.max);
      break;
    case 'money':
      s = yuan;
      break;
    case 'date':
      s = isoDateOrMonth;
      break;
    case 'boolean':
      return z.boolean();
    case 'number':
      s = z.number().min(t.min).max(t.max);
      break;
    case 'enum':
      s = enums[t.of];
      break;
    case 'ref':
      if (t.many) return z.array(id).max(50);
      s = id;
  }
  return f.required ? s : s.nullable();
}

/** The same field left out: null, false or [] (the catalogue's empty value). */
function optionalSchema(f: ProjectFieldDef): z.ZodType {
  if (f.required) return fieldSchema(f);
  const empty = f.type.kind === 'boolean' ? false : f.type.kind === 'ref' && f.type.many ? [] : null;
  return fieldSchema(f)
    .optional()
    .default(empty as never);
}

const shapeOf = (fields: readonly ProjectFieldDef[], of: (f: ProjectFieldDef) => z.ZodType) =>
  Object.fromEntries(fields.map((f) => [f.key, of(f)]));

/** One year's entry of a project on the key-project list (2023年重点项目), with the ledger's reported figures. */
export const projectYear = lazy(() =>
  z.strictObject({
    year: year,
    ...(shapeOf(projectYearFields, (f) => (f.required ? fieldSchema(f) : fieldSchema(f).optional())) as {
      [K in keyof Shape<'year'>]: Extract<Entry, { key: K }>['required'] extends true
        ? Shape<'year'>[K]
        : z.ZodOptional<Shape<'year'>[K]>;
    }),
  }),
);
export type ProjectYear = z.infer<typeof projectYear>;

/** The project's own fields as a request carries them (every one present). */
export const projectFields = lazy(() => shapeOf(projectOwnFields, fieldSchema) as Shape<'project'>);

export const projectCreate = lazy(() =>
  z.strictObject({
    ...(shapeOf(projectOwnFields, optionalSchema) as Optional<'project'>),
    years: z.array(projectYear).min(1).max(50),
  }),
);
export type ProjectCreate = z.infer<typeof projectCreate>;

/** A partial edit; `version` is the one the editor read, a stale one gets 409. `years` upserts the given years. */
export const projectUpdate = lazy(
  () =>
    z.strictObject({
      ...Object.fromEntries(Object.entries(projectFields).map(([k, v]) => [k, v.optional()])),
      years: z.array(projectYear).max(50).optional(),
      version: version,
    }) as unknown as z.ZodType<
      Partial<Omit<ProjectCreate, 'years'>> & { years?: ProjectYear[]; version: number }
    >,
);
export type ProjectUpdate = Partial<Omit<ProjectCreate, 'years'>> & {
  years?: ProjectYear[];
  version: number;
};

export const projectArchive = lazy(() => z.strictObject({ version: version, archived: z.boolean() }));
export type ProjectArchive = z.infer<typeof projectArchive>;

/** The zod schema of one catalogue field as an answer carries it (stored values, no input rules). */
function answerSchema(f: ProjectFieldDef): z.ZodType {
  const t = f.type;
  const s =
    t.kind === 'money'
      ? yuan
      : t.kind === 'boolean'
        ? z.boolean()
        : t.kind === 'number'
          ? z.number()
          : t.kind === 'enum'
            ? enums[t.of]
            : t.kind === 'ref'
              ? id
              : z.string();
  return f.required || t.kind === 'boolean' ? s : s.nullable();
}

/** A project as answered: its catalogue fields, the names of its references, its years and version. */
export const project = lazy(() =>
  z.object({
    id: id,
    ...(shapeOf(
      projectOwnFields.filter((f) => f.key !== 'taskForceIds'),
      answerSchema,
    ) as Omit<Shape<'project'>, 'taskForceIds'>),
    regionName: z.string(),
    /** Started by today: an actual start on or before today, or marked started without a date (`startedUndated`). */
    started: z.boolean(),
    leaderName: z.string().nullable(),
    taskForce: z.array(z.object({ id: id, name: z.string() })),
    departmentName: z.string().nullable(),
    archived: z.boolean(),
    years: z.array(projectYear),
    version: version,
    updatedAt: z.string(),
    updatedByName: z.string().nullable(),
  }),
);
export type Project = z.infer<typeof project>;

/** A ledger row: the project as it stands on one year's list. */
export const ledgerRow = lazy(() =>
  z.object({
    id: id,
    code: z.string().nullable(),
    name: z.string(),
    level: level,
    category: category,
    nature: nature,
    industry: z.string().nullable(),
    regionId: id,
    regionName: z.string(),
    totalInvestment: yuan,
    annualPlan: yuan,
    plannedStart: z.string().nullable(),
    plannedFinish: z.string().nullable(),
    actualStart: z.string().nullable(),
    started: z.boolean(),
    statsIncluded: z.boolean(),
    leaderId: id.nullable(),
    leaderName: z.string().nullable(),
    departmentId: id.nullable(),
    departmentName: z.string().nullable(),
    archived: z.boolean(),
    version: version,
  }),
);
export type LedgerRow = z.infer<typeof ledgerRow>;

export const ledgerSorts = [
  'name',
  'totalInvestment',
  'annualPlan',
  'plannedStart',
  'actualStart',
  'level',
  'updatedAt',
] as const;

export const ledgerQuery = lazy(() =>
  z.strictObject({
    year: year.optional(),
    level: level.optional(),
    category: category.optional(),
    started: z.enum(['yes', 'no']).optional(),
    regionId: id.optional(),
    leaderId: id.optional(),
    departmentId: id.optional(),
    industry: text(50).optional(),
    q: text(100).optional(),
    archived: z.enum(['no', 'yes', 'all']).default('no'),
    sort: z.enum(ledgerSorts).default('level'),
    order: z.enum(['asc', 'desc']).default('asc'),
    page: page,
    pageSize: pageSize,
  }),
);
export type LedgerQuery = z.infer<typeof ledgerQuery>;

export const ledgerPage = lazy(() =>
  z.object({
    year: z.int(),
    items: z.array(ledgerRow),
    total: z.int(),
    page: z.int(),
    pageSize: z.int(),
  }),
);
export type LedgerPage = z.infer<typeof ledgerPage>;

/** The figures the article quotes: 103 projects, 82/21, 64 started, 78%, 18 in procedures, 320亿, 123.9亿. */
export const ledgerSummary = lazy(() =>
  z.object({
    year: z.int(),
    projects: z.int(),
    implementation: z.int(),
    reserve: z.int(),
    started: z.int(),
    notStarted: z.int(),
    startRate: z.number(),
    totalInvestment: yuan,
    annualPlan: yuan,
    byLevel: z.object({ province: z.int(), city: z.int(), county: z.int() }),
  }),
);
export type LedgerSummary = z.infer<typeof ledgerSummary>;

/**
 * The summary's query: the ledger's filters and 截止日期 `asOf` (YYYY-MM-DD, default today in
 * Asia/Shanghai) — the figures as they stood on that day. As of a date: a project counts as
 * started (开工, and so in the start rate; not started = 开工前手续) when its actual start is on or
 * before asOf (a month-precision start: its first day; a start marked without a date counts at any
 * asOf, its date being unknown); the list itself (which projects, their
 * level and category), total investment and annual plans are the year's list as kept, for a yearly
 * list has one version; statistics inclusion (入库纳统) would count statsDate ≤ asOf. So
 * `?year=2023&asOf=2023-04-13` gives the article's 103 / 82 / 21 / 64 / 78% / 18 / 320亿 / 123.9亿.
 */
export const summaryQuery = lazy(() =>
  ledgerQuery
    .omit({ sort: true, order: true, page: true, pageSize: true })
    .extend({ asOf: isoDate.optional() }),
);
export type SummaryQuery = z.infer<typeof summaryQuery>;

export const yearsResponse = lazy(() => z.object({ years: z.array(z.int()), current: z.int() }));
export type YearsResponse = z.infer<typeof yearsResponse>;

export { isoDate };
