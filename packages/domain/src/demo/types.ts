/** The shapes of a demo dataset: what `guatu demo` loads and what e2e tests seed. */
import type { Category, Level, Nature, RegionLevel, Role } from '../vocabulary.ts';

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
export type DemoProjectYear = { year: number; level: Level; category: Category; annualPlan: number };
export type DemoProject = {
  /** 24 characters [0-9A-Za-z-] from the national online approval platform, e.g. '2301-371481-04-01-123456', or null. */
  code: string | null;
  name: string;
  nature: Nature;
  industry: string | null;
  ownerUnit: string | null;
  /** A town key, or the county key for county-wide projects. */
  regionKey: string;
  address: string | null;
  longitude: number | null;
  latitude: number | null;
  content: string | null;
  totalInvestment: number;
  plannedStart: string | null;
  plannedFinish: string | null;
  actualStart: string | null;
  statsIncluded: boolean;
  statsCode: string | null;
  statsDate: string | null;
  leaderUsername: string | null;
  taskForceUsernames: string[];
  departmentKey: string | null;
  contactName: string | null;
  contactPhone: string | null;
  notes: string | null;
  years: DemoProjectYear[];
};
export type DemoDataset = {
  regions: DemoRegion[];
  departments: DemoDepartment[];
  users: DemoUser[];
  projects: DemoProject[];
  demoPassword: string;
};
