import { z } from 'zod';
import { lazy } from './lazy.ts';
import { regionLevels } from '@guatu/domain/vocabulary';
import { id, int, text } from './common.ts';

/**
 * Setting a deployment up from the official divisions (issue 9, item 1): GET /api/setup/status,
 * GET /api/setup/divisions (the cascader's children, or a search), POST /api/setup (the root
 * becomes the chosen province, city or county and its subtree down to the towns is created) and
 * POST /api/setup/divisions (a province or city deployment adds a division's subtree).
 */

/** A division code as users write it: 37, 3714, 371481 (a town: 371481100). */
const divisionCode = lazy(() =>
  z
    .string()
    .trim()
    .regex(/^\d{2}(\d{2})?(\d{2})?(\d{3})?(\d{3})?$/, 'division code'),
);

export const setupStatus = lazy(() =>
  z.object({
    /** The root is an official division, or the system already holds projects: the setup page is not shown. */
    setUp: z.boolean(),
    /** The caller may set the deployment up: the root region's admin. */
    canSetUp: z.boolean(),
    root: z.object({
      id: id,
      name: z.string(),
      level: z.enum(regionLevels),
      code: z.string().nullable(),
    }),
    /** Projects in the whole system. */
    projects: int(0),
  }),
);
export type SetupStatus = z.infer<typeof setupStatus>;

export const divisionItem = lazy(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    level: z.enum(regionLevels),
    parentCode: z.string().nullable(),
    /** The ancestors' names, province first: tells same-named places apart (市中区). */
    parentNames: z.array(z.string()),
    /** Divisions directly below (0: a town, or a county without towns in the data). */
    children: int(0),
    /** Towns (乡、镇、街道) in its subtree: the preview's 16 个乡镇（街道）. */
    towns: int(0),
  }),
);
export type DivisionItem = z.infer<typeof divisionItem>;

/** `parent`: the children of that code (none: the provinces); `q`: a search by name or code (county and above). */
export const divisionQuery = lazy(() =>
  z.strictObject({
    parent: divisionCode.optional(),
    q: text(50).optional(),
  }),
);
export type DivisionQuery = z.infer<typeof divisionQuery>;

export const divisionList = lazy(() => z.object({ items: z.array(divisionItem) }));
export type DivisionList = z.infer<typeof divisionList>;

/** The division to set up: a code (371481) or an official name (乐陵市; an ambiguous one answers its candidates). */
export const setupInput = lazy(() => z.strictObject({ code: text(50).min(1) }));
export type SetupInput = z.infer<typeof setupInput>;

/** Regions created per level. */
const levelCounts = lazy(() => z.object({ province: int(0), city: int(0), county: int(0), town: int(0) }));

export const setupResult = lazy(() =>
  z.object({
    /** The region the division's tree hangs from (the root for POST /api/setup). */
    region: z.object({ id: id, name: z.string(), level: z.enum(regionLevels), code: z.string().nullable() }),
    division: divisionItem,
    created: levelCounts,
    /** Regions already there by name and given their official code. */
    coded: int(0),
    /** Something changed (false: the tree was already complete, nothing was written). */
    changed: z.boolean(),
  }),
);
export type SetupResult = z.infer<typeof setupResult>;

/** The `details` of a `division_ambiguous` error: the candidates to choose from. */
export const divisionCandidates = lazy(() => z.array(divisionItem));
