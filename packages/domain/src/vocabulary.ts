/**
 * The glossary of PRODUCT.md as code: every list of names lives here once and is
 * imported by the contracts (zod enums), the server and the web.
 */

/** Roles of PRODUCT.md plus the 等保 three officers: admin (系统管理员), security_admin (安全管理员), auditor (审计员). */
export const roles = [
  'admin',
  'security_admin',
  'auditor',
  'city_leader',
  'leader',
  'task_force',
  'department',
  'town',
  'viewer',
] as const;
export type Role = (typeof roles)[number];

/** 省/市/县级重点项目, in the order every list, subtotal and war-chart group shows them. */
export const levels = ['province', 'city', 'county'] as const;
export type Level = (typeof levels)[number];

/** The roles that read the ledger (and the war chart and exports built on it); the three officers do not. */
export const ledgerReaders = [
  'admin',
  'city_leader',
  'viewer',
  'town',
  'department',
  'leader',
  'task_force',
] as const satisfies readonly Role[];

/** The roles that import a ledger (and so need its blank template): the server's import policy and the web's buttons. */
export const ledgerImporters = ['admin'] as const satisfies readonly Role[];

/** 预警 levels, mildest first. */
export const warningLevels = ['green', 'yellow', 'red'] as const;
export type WarningLevel = (typeof warningLevels)[number];
/** Rank of a warning: 0 none < 1 green < 2 yellow < 3 red (also the war-chart cell's warning). */
export const warningRank = { none: 0, green: 1, yellow: 2, red: 3 } as const satisfies Record<
  'none' | WarningLevel,
  number
>;

/** 实施类 / 储备类. */
export const categories = ['implementation', 'reserve'] as const;
export type Category = (typeof categories)[number];

/** 新建 / 续建 / 改扩建. */
export const natures = ['new', 'continuing', 'expansion'] as const;
export type Nature = (typeof natures)[number];

/** The region tree: province → city → county → town. */
export const regionLevels = ['province', 'city', 'county', 'town'] as const;
export type RegionLevel = (typeof regionLevels)[number];
