import { z } from 'zod';
import { categories, levels, natures } from '@guatu/domain';
import { id, isoDate, isoDateOrMonth, page, pageSize, text, version, year, yuan } from './common.ts';

export const level = z.enum(levels);
export type Level = z.infer<typeof level>;
export const category = z.enum(categories);
export type Category = z.infer<typeof category>;
export const nature = z.enum(natures);
export type Nature = z.infer<typeof nature>;

/** One year's entry of a project on the key-project list (2023年重点项目). */
export const projectYear = z.strictObject({
  year: year,
  level: level,
  category: category,
  annualPlan: yuan,
});
export type ProjectYear = z.infer<typeof projectYear>;

const projectFields = {
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{24}$/, '24 characters')
    .nullable(),
  name: text(200).min(1),
  nature: nature,
  industry: text(50).nullable(),
  ownerUnit: text(200).nullable(),
  regionId: id,
  address: text(200).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  latitude: z.number().min(-90).max(90).nullable(),
  content: text(4000).nullable(),
  totalInvestment: yuan,
  plannedStart: isoDateOrMonth.nullable(),
  plannedFinish: isoDateOrMonth.nullable(),
  actualStart: isoDateOrMonth.nullable(),
  statsIncluded: z.boolean(),
  statsCode: text(50).nullable(),
  statsDate: isoDateOrMonth.nullable(),
  leaderId: id.nullable(),
  taskForceIds: z.array(id).max(50),
  departmentId: id.nullable(),
  contactName: text(50).nullable(),
  contactPhone: text(50).nullable(),
  notes: text(4000).nullable(),
};

export const projectCreate = z.strictObject({
  ...projectFields,
  code: projectFields.code.optional().default(null),
  industry: projectFields.industry.optional().default(null),
  ownerUnit: projectFields.ownerUnit.optional().default(null),
  address: projectFields.address.optional().default(null),
  longitude: projectFields.longitude.optional().default(null),
  latitude: projectFields.latitude.optional().default(null),
  content: projectFields.content.optional().default(null),
  plannedStart: projectFields.plannedStart.optional().default(null),
  plannedFinish: projectFields.plannedFinish.optional().default(null),
  actualStart: projectFields.actualStart.optional().default(null),
  statsIncluded: projectFields.statsIncluded.optional().default(false),
  statsCode: projectFields.statsCode.optional().default(null),
  statsDate: projectFields.statsDate.optional().default(null),
  leaderId: projectFields.leaderId.optional().default(null),
  taskForceIds: projectFields.taskForceIds.optional().default([]),
  departmentId: projectFields.departmentId.optional().default(null),
  contactName: projectFields.contactName.optional().default(null),
  contactPhone: projectFields.contactPhone.optional().default(null),
  notes: projectFields.notes.optional().default(null),
  years: z.array(projectYear).min(1).max(50),
});
export type ProjectCreate = z.infer<typeof projectCreate>;

/** A partial edit; `version` is the one the editor read, a stale one gets 409. `years` upserts the given years. */
export const projectUpdate = z.strictObject({
  ...Object.fromEntries(Object.entries(projectFields).map(([k, v]) => [k, v.optional()])),
  years: z.array(projectYear).max(50).optional(),
  version: version,
}) as unknown as z.ZodType<
  Partial<Omit<ProjectCreate, 'years'>> & { years?: ProjectYear[]; version: number }
>;
export type ProjectUpdate = Partial<Omit<ProjectCreate, 'years'>> & {
  years?: ProjectYear[];
  version: number;
};

export const projectArchive = z.strictObject({ version: version, archived: z.boolean() });
export type ProjectArchive = z.infer<typeof projectArchive>;

export const project = z.object({
  id: id,
  code: z.string().nullable(),
  name: z.string(),
  nature: nature,
  industry: z.string().nullable(),
  ownerUnit: z.string().nullable(),
  regionId: id,
  regionName: z.string(),
  address: z.string().nullable(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  content: z.string().nullable(),
  totalInvestment: yuan,
  plannedStart: z.string().nullable(),
  plannedFinish: z.string().nullable(),
  actualStart: z.string().nullable(),
  started: z.boolean(),
  statsIncluded: z.boolean(),
  statsCode: z.string().nullable(),
  statsDate: z.string().nullable(),
  leaderId: id.nullable(),
  leaderName: z.string().nullable(),
  taskForce: z.array(z.object({ id: id, name: z.string() })),
  departmentId: id.nullable(),
  departmentName: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  notes: z.string().nullable(),
  archived: z.boolean(),
  years: z.array(projectYear),
  version: version,
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
});
export type Project = z.infer<typeof project>;

/** A ledger row: the project as it stands on one year's list. */
export const ledgerRow = z.object({
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
});
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

export const ledgerQuery = z.strictObject({
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
});
export type LedgerQuery = z.infer<typeof ledgerQuery>;

export const ledgerPage = z.object({
  year: z.number().int(),
  items: z.array(ledgerRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type LedgerPage = z.infer<typeof ledgerPage>;

/** The figures the article quotes: 103 projects, 82/21, 64 started, 78%, 18 in procedures, 320亿, 123.9亿. */
export const ledgerSummary = z.object({
  year: z.number().int(),
  projects: z.number().int(),
  implementation: z.number().int(),
  reserve: z.number().int(),
  started: z.number().int(),
  notStarted: z.number().int(),
  startRate: z.number(),
  totalInvestment: yuan,
  annualPlan: yuan,
  byLevel: z.object({ province: z.number().int(), city: z.number().int(), county: z.number().int() }),
});
export type LedgerSummary = z.infer<typeof ledgerSummary>;

export const summaryQuery = ledgerQuery.omit({ sort: true, order: true, page: true, pageSize: true });
export type SummaryQuery = z.infer<typeof summaryQuery>;

export const yearsResponse = z.object({ years: z.array(z.number().int()), current: z.number().int() });
export type YearsResponse = z.infer<typeof yearsResponse>;

export { isoDate };
