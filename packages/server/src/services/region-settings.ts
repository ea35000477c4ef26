/**
 * Per-region settings (issue 7, hole 3): the working-day calendar's entries, the stage templates
 * and the warning rules belong to a region and hold for its subtree. A region's effective
 * setting is its own, else its nearest ancestor's, up to the root, else the built-in default.
 *
 * Who: every logged-in user reads the settings of his region, of the regions below it and of
 * those above it (what his projects inherit); an admin writes those of his own region and of the
 * regions below it (a city admin may set a county's) — never of a region above or beside his,
 * so a county admin cannot change the province's (403 out_of_scope_region).
 */
import type { Db } from '../db/connect.ts';
import type { RegionRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { hasRole, type Actor } from '../policies/actor.ts';
import { findRegionById } from '../repositories/region.repository.ts';

/** Region ids of a materialised path, the root first and the region itself last. */
export const pathIds = (path: string): number[] => path.split('/').filter(Boolean).map(Number);

/** The region itself or its nearest ancestor for which `has` holds; null when none does. */
export function nearestOnPath(path: string, has: (regionId: number) => boolean): number | null {
  const ids = pathIds(path);
  for (let i = ids.length - 1; i >= 0; i--) if (has(ids[i]!)) return ids[i]!;
  return null;
}

/** Where an effective setting comes from, as the API answers it. */
export type SettingSource = {
  /** The asked region's own setting. */
  own: boolean;
  /** The ancestor it is inherited from; null when own or when it is the built-in default. */
  inheritedFrom: { id: number; name: string } | null;
};

export function sourceOf(askedId: number, from: { id: number; name: string } | null): SettingSource {
  if (from === null) return { own: false, inheritedFrom: null };
  return from.id === askedId ? { own: true, inheritedFrom: null } : { own: false, inheritedFrom: from };
}

export const canWriteSettings = (actor: Actor, region: Pick<RegionRow, 'path'>): boolean =>
  hasRole(actor, 'admin') && region.path.startsWith(actor.regionPath);

/**
 * The region a settings request is about: `regionId`, else the caller's own. Reading: a region of
 * the caller's subtree or above it; writing: an admin, a region of his subtree.
 */
export async function settingsRegion(
  db: Db,
  actor: Actor,
  regionId: number | undefined,
  mode: 'read' | 'write',
): Promise<RegionRow> {
  if (mode === 'write' && !hasRole(actor, 'admin')) throw new AppError('forbidden');
  const id = regionId ?? actor.regionId;
  const region = await findRegionById(db, id);
  if (!region) throw new AppError('invalid_reference', { field: 'regionId', value: id });
  const below = region.path.startsWith(actor.regionPath);
  const above = actor.regionPath.startsWith(region.path);
  if (mode === 'write' ? !below : !below && !above) throw new AppError('out_of_scope_region');
  return region;
}
