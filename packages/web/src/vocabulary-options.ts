import { categories, levels, natures, roles, type RegionLevel } from '@guatu/domain/vocabulary';
import type { Lookups, Region } from '@guatu/contracts';
import type { Translate } from './i18n/index.tsx';

export type Option = { value: string | number; label: string };

export const levelOptions = (t: Translate): Option[] =>
  levels.map((v) => ({ value: v, label: t(`level.${v}`) }));
export const categoryOptions = (t: Translate): Option[] =>
  categories.map((v) => ({ value: v, label: t(`category.${v}`) }));
export const natureOptions = (t: Translate): Option[] =>
  natures.map((v) => ({ value: v, label: t(`nature.${v}`) }));
export const roleOptions = (t: Translate): Option[] =>
  roles.map((v) => ({ value: v, label: t(`role.${v}`) }));
export const regionLevelLabel = (t: Translate, level: RegionLevel) => t(`regionLevel.${level}`);

/** Towns first (where projects sit); the county itself too, for county-wide projects. */
export function regionOptions(regions: Region[] | undefined): Option[] {
  if (!regions) return [];
  const order = { town: 0, county: 1, city: 2, province: 3 } as const;
  return [...regions]
    .sort((a, b) => order[a.level] - order[b.level] || a.name.localeCompare(b.name, 'zh-CN'))
    .map((r) => ({ value: r.id, label: r.name }));
}

export const namedOptions = (list: { id: number; name: string }[] | undefined): Option[] =>
  (list ?? []).map((x) => ({ value: x.id, label: x.name }));

export const industryOptions = (lookups: Lookups | undefined): Option[] =>
  (lookups?.industries ?? []).map((x) => ({ value: x, label: x }));
