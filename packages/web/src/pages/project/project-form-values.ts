import dayjs, { type Dayjs } from 'dayjs';
import type {
  Category,
  Level,
  Nature,
  Project,
  ProjectCreate,
  ProjectUpdate,
  ProjectYear,
} from '@guatu/contracts';
import { toWan, yuanFromWan } from '../../format.ts';

/** What the antd form holds: money in 万元, dates as dayjs, the one year being edited flattened. */
export type ProjectFormValues = {
  name: string;
  code?: string | null;
  nature: Nature;
  industry?: string | null;
  ownerUnit?: string | null;
  regionId: number;
  address?: string | null;
  longitude?: number | null;
  latitude?: number | null;
  content?: string | null;
  totalInvestmentWan: number;
  plannedStart?: Dayjs | null;
  plannedFinish?: Dayjs | null;
  actualStart?: Dayjs | null;
  statsIncluded?: boolean;
  statsCode?: string | null;
  statsDate?: Dayjs | null;
  leaderId?: number | null;
  taskForceIds?: number[];
  departmentId?: number | null;
  contactName?: string | null;
  contactPhone?: string | null;
  notes?: string | null;
  year: number;
  level: Level;
  category: Category;
  annualPlanWan: number;
};

const day = (s: string | null) => (s ? dayjs(s.length === 7 ? `${s}-01` : s) : null);

/** Keeps a month-precision value ('2023-03') when the picker still shows its first day. */
function dateOut(d: Dayjs | null | undefined, original: string | null): string | null {
  if (!d) return null;
  const full = d.format('YYYY-MM-DD');
  if (original && original.length === 7 && full === `${original}-01`) return original;
  return full;
}

const str = (s: string | null | undefined) => {
  const v = (s ?? '').trim();
  return v === '' ? null : v;
};
const num = (n: number | null | undefined) => (n === undefined || n === null ? null : n);

export function valuesFromProject(p: Project, year: number): ProjectFormValues {
  const y = p.years.find((x) => x.year === year) ?? [...p.years].sort((a, b) => b.year - a.year)[0];
  return {
    name: p.name,
    code: p.code,
    nature: p.nature,
    industry: p.industry,
    ownerUnit: p.ownerUnit,
    regionId: p.regionId,
    address: p.address,
    longitude: p.longitude,
    latitude: p.latitude,
    content: p.content,
    totalInvestmentWan: toWan(p.totalInvestment),
    plannedStart: day(p.plannedStart),
    plannedFinish: day(p.plannedFinish),
    actualStart: day(p.actualStart),
    statsIncluded: p.statsIncluded,
    statsCode: p.statsCode,
    statsDate: day(p.statsDate),
    leaderId: p.leaderId,
    taskForceIds: p.taskForce.map((m) => m.id),
    departmentId: p.departmentId,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    notes: p.notes,
    year: y?.year ?? year,
    level: y?.level ?? 'county',
    category: y?.category ?? 'implementation',
    annualPlanWan: y ? toWan(y.annualPlan) : 0,
  };
}

export function createBody(v: ProjectFormValues): ProjectCreate {
  return { ...fieldsFrom(v, null), years: [yearFrom(v)] };
}

function yearFrom(v: ProjectFormValues): ProjectYear {
  return {
    year: v.year,
    level: v.level,
    category: v.category,
    annualPlan: yuanFromWan(v.annualPlanWan ?? 0),
  };
}

function fieldsFrom(v: ProjectFormValues, p: Project | null): Omit<ProjectCreate, 'years'> {
  return {
    name: v.name.trim(),
    code: str(v.code),
    nature: v.nature,
    industry: str(v.industry),
    ownerUnit: str(v.ownerUnit),
    regionId: v.regionId,
    address: str(v.address),
    longitude: num(v.longitude),
    latitude: num(v.latitude),
    content: str(v.content),
    totalInvestment: yuanFromWan(v.totalInvestmentWan ?? 0),
    plannedStart: dateOut(v.plannedStart, p?.plannedStart ?? null),
    plannedFinish: dateOut(v.plannedFinish, p?.plannedFinish ?? null),
    actualStart: dateOut(v.actualStart, p?.actualStart ?? null),
    statsIncluded: v.statsIncluded ?? false,
    statsCode: str(v.statsCode),
    statsDate: dateOut(v.statsDate, p?.statsDate ?? null),
    leaderId: v.leaderId ?? null,
    taskForceIds: v.taskForceIds ?? [],
    departmentId: v.departmentId ?? null,
    contactName: str(v.contactName),
    contactPhone: str(v.contactPhone),
    notes: str(v.notes),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed, so the audit log and the server's field rights see exactly the user's edit. */
export function updateBody(v: ProjectFormValues, p: Project): ProjectUpdate {
  const next = fieldsFrom(v, p);
  const current: Omit<ProjectCreate, 'years'> = {
    ...p,
    taskForceIds: p.taskForce.map((m) => m.id),
  };
  const body: ProjectUpdate = { version: p.version };
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    const a = key === 'taskForceIds' ? [...next.taskForceIds].sort() : next[key];
    const b = key === 'taskForceIds' ? [...current.taskForceIds].sort() : current[key];
    if (!same(a, b)) (body as Record<string, unknown>)[key] = next[key];
  }
  const y = yearFrom(v);
  const old = p.years.find((x) => x.year === y.year);
  if (!old || old.level !== y.level || old.category !== y.category || old.annualPlan !== y.annualPlan)
    body.years = [y];
  return body;
}
