import { z } from 'zod';
import { lazy } from './lazy.ts';
import { id } from './common.ts';

// Per-region settings (issue 7): the calendar's entries, the stage templates and the warning
// rules belong to a region and are inherited down its subtree.

/** `?regionId=` of the settings endpoints: the region read or written (default: the caller's). */
export const settingsRegionQuery = lazy(() => z.strictObject({ regionId: id.optional() }));
export type SettingsRegionQuery = z.infer<typeof settingsRegionQuery>;

export const regionRef = lazy(() => z.object({ id: id, name: z.string() }));

/**
 * Where an effective setting comes from: the asked region's own (`own`), an ancestor's
 * (`inheritedFrom`), or neither — the built-in default.
 */
export const settingSource = lazy(() =>
  z.object({
    /** The region the setting was asked for. */
    regionId: id,
    regionName: z.string(),
    own: z.boolean(),
    inheritedFrom: regionRef.nullable(),
    /** Whether the caller may save or delete this region's own copy. */
    canEdit: z.boolean(),
  }),
);
export type SettingSourceDto = z.infer<typeof settingSource>;
