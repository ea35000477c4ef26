import type { StageDefDto, StageTemplateDto } from '@guatu/contracts';
import type { Translate } from '../../i18n/index.tsx';

// The stage template being edited, as plain functions of the draft: what the page's buttons do.

export type TemplateKey = StageTemplateDto['key'];
export type Draft = {
  key: TemplateKey;
  version: number;
  name: string;
  stages: StageDefDto[];
  /** Stage key → the department in charge of it (by name). */
  departments: StageTemplateDto['departments'];
};
export type NewStage = { key: string; name: string; group: StageDefDto['group']; duration: number };
export type Dep = StageDefDto['deps'][number];

/** Stages every template keeps: the schedule is anchored on them. */
export const FIXED = new Set(['start', 'operation']);

export const patchStage = (d: Draft, key: string, patch: Partial<StageDefDto>): Draft => ({
  ...d,
  stages: d.stages.map((s) => (s.key === key ? { ...s, ...patch } : s)),
});

export function moveStage(d: Draft, index: number, by: -1 | 1): Draft {
  const next = [...d.stages];
  const [item] = next.splice(index, 1);
  if (item) next.splice(index + by, 0, item);
  return { ...d, stages: next };
}

/** Names the department in charge of a stage, or none (null). */
export function setDepartment(d: Draft, key: string, name: string | null): Draft {
  const departments = { ...d.departments };
  if (name) departments[key] = name;
  else delete departments[key];
  return { ...d, departments };
}

/** Drops a stage and every dependency on it. */
export const removeStage = (d: Draft, key: string): Draft => ({
  ...d,
  stages: d.stages
    .filter((x) => x.key !== key)
    .map((x) => ({ ...x, deps: x.deps.filter((dep) => dep.stage !== key) })),
});

/** Inserts a new stage before 投产运营, after the stage before it. */
export function addStage(d: Draft, v: NewStage): Draft {
  const at = d.stages.findIndex((s) => s.key === 'operation');
  const index = at >= 0 ? at : d.stages.length;
  const before = d.stages[index - 1];
  const stage: StageDefDto = {
    key: v.key.trim(),
    name: v.name.trim(),
    group: v.group,
    duration: v.duration ?? 0,
    deps: before ? [{ stage: before.key, type: 'FS', lag: 0 }] : [],
    milestone: false,
  };
  const next = [...d.stages];
  next.splice(index, 0, stage);
  return { ...d, stages: next };
}

/** A dependency in plain words: “项目签约（完成后开始）”, with the lag when there is one. */
export function dependencyText(t: Translate, names: Map<string, string>, d: Dep): string {
  const stage = names.get(d.stage) ?? d.stage;
  const type = t(`newcomer.dep.${d.type}`);
  if (!d.lag) return t('newcomer.dep.text', { stage, type });
  return t('newcomer.dep.textLag', { stage, type, lag: d.lag > 0 ? `+${d.lag}` : String(d.lag) });
}
