/** The shapes of a demo dataset: what `guatu demo` loads and what e2e tests seed. */
import type { FieldValues } from '../project-fields.ts';
import type { Category, Level, RegionLevel, Role } from '../vocabulary.ts';
import type { DemoDispatch } from './laoling-dispatch.ts';

export type DemoRegion = {
  key: string;
  parentKey: string | null;
  name: string;
  level: RegionLevel;
  code: string | null;
};
export type DemoDepartment = { key: string; regionKey: string; name: string };
export type DemoUser = {
  username: string;
  displayName: string;
  roles: Role[];
  regionKey: string;
  departmentKey: string | null;
  phone: string | null;
};
export type DemoProjectYear = {
  year: number;
  level: Level;
  category: Category;
  annualPlan: number;
  /** The ledger's reported figure (累计完成投资, 元), its date and 形象进度: the dispatch's (laoling-dispatch.ts). */
  reportedYtd?: number;
  reportedAsOf?: string;
  reportedProgress?: string;
};
/**
 * A demo project: the catalogue's project fields (project-fields.ts), with its town, leader, task
 * force and department named by key instead of id. `code` is 24 characters [0-9A-Za-z-] from the
 * national online approval platform, e.g. '2301-371481-04-01-123456', or null.
 */
export type DemoProject = Omit<
  FieldValues<'project'>,
  'regionId' | 'leaderId' | 'taskForceIds' | 'departmentId' | 'startedUndated'
> & {
  /** A town key, or the county key for county-wide projects. */
  regionKey: string;
  leaderUsername: string | null;
  taskForceUsernames: string[];
  departmentKey: string | null;
  years: DemoProjectYear[];
  /**
   * What holds a stage up (the living demo, laoling-living.ts): the stage finishes `days` calendar
   * days after its latest finish — still open when that is after the date the demo is lived to —
   * for a reason a clerk recognises (also written into `notes`). Absent: every stage on time.
   */
  hitches?: DemoHitch[];
};
/** A stage held up, e.g. { stage: 'title', days: 75, reason: '不动产权证：土地出让金分期缴纳，自然资源局待缴清后发证' }. */
export type DemoHitch = { stage: string; days: number; reason: string };
export type DemoDataset = {
  regions: DemoRegion[];
  departments: DemoDepartment[];
  users: DemoUser[];
  projects: DemoProject[];
  demoPassword: string;
  /** The date (YYYY-MM-DD) the county is lived to: the article's 2023-04-13, or today. */
  today: string;
  /** The monthly dispatch rounds and reports (withLaolingDispatch); absent: none seeded. */
  dispatch?: DemoDispatch;
};
