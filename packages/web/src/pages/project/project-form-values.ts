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
import { emptyValue, projectOwnFields, type ProjectFieldDef } from '@guatu/domain/project-fields';
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
  startedUndated?: boolean;
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

// The form's names and values are read from the project field catalogue: money in 万元 under
// `<key>Wan`, dates as dayjs, the task force as ids, everything else as the API has it.
type Bag = Record<string, unknown>;
const formName = (f: ProjectFieldDef) => (f.type.kind === 'money' ? `${f.key}Wan` : f.key);

function toForm(f: ProjectFieldDef, p: Project): unknown {
  const v = (p as unknown as Bag)[f.key];
  if (f.type.kind === 'money') return toWan(v as number);
  if (f.type.kind === 'date') return day(v as string | null);
  if (f.key === 'taskForceIds') return p.taskForce.map((m) => m.id);
  return v;
}

function fromForm(f: ProjectFieldDef, v: Bag, p: Project | null): unknown {
  const x = v[formName(f)];
  switch (f.type.kind) {
    case 'text':
      return f.required ? (x as string).trim() : str(x as string | null | undefined);
    case 'money':
      return yuanFromWan((x as number | null | undefined) ?? 0);
    case 'date':
      return dateOut(
        x as Dayjs | null | undefined,
        ((p as unknown as Bag | null)?.[f.key] as string) ?? null,
      );
    case 'boolean':
      return (x as boolean | undefined) ?? false;
    case 'number':
      return num(x as number | null | undefined);
    case 'ref':
      return (x as unknown) ?? (f.type.many ? [] : null);
    case 'enum':
      return x;
  }
}

export function valuesFromProject(p: Project, year: number): ProjectFormValues {
  const y = p.years.find((x) => x.year === year) ?? [...p.years].sort((a, b) => b.year - a.year)[0];
  const own = Object.fromEntries(projectOwnFields.map((f) => [formName(f), toForm(f, p)]));
  return {
    ...(own as Omit<ProjectFormValues, 'year' | 'level' | 'category' | 'annualPlanWan'>),
    year: y?.year ?? year,
    level: y?.level ?? 'county',
    category: y?.category ?? 'implementation',
    annualPlanWan: y ? toWan(y.annualPlan) : 0,
  };
}

/** A new project's form: the catalogue's empty values (false, [] — null is left blank), a new county project. */
export function emptyFormValues(year: number): Partial<ProjectFormValues> {
  const empty = projectOwnFields.flatMap((f) => {
    const v = emptyValue(f);
    return v === null ? [] : [[formName(f), v] as const];
  });
  return { ...Object.fromEntries(empty), year, nature: 'new', level: 'county', category: 'implementation' };
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
  const out = Object.fromEntries(projectOwnFields.map((f) => [f.key, fromForm(f, v as Bag, p)])) as Omit<
    ProjectCreate,
    'years'
  >;
  // An actual start date replaces 已开工（日期未填）.
  if (out.actualStart !== null) out.startedUndated = false;
  return out;
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
