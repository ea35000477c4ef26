/** The shapes of a demo dataset: what `guatu demo` loads and what e2e tests seed. */
import type { FieldValues } from '../project-fields.ts';
import type { Category, Level, RegionLevel, Role } from '../vocabulary.ts';

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

// ---- the living demo's monthly dispatch (demo/laoling-dispatch.ts builds it) ----------------

export type DemoReportValues = {
  /** 本月完成投资, integer yuan. */
  completedThisMonth: number;
  progressText: string;
  workersOnSite: number;
  /** 到位资金 this month, integer yuan. */
  fundsInPlace: number;
  /** 纳统: null for a project below 500万元 or not started. */
  statsIncluded: boolean | null;
  statsCode: string | null;
  statsDate: string | null;
  problems: string[];
  nextMonthPlan: string;
};

export type DemoReportVersion = {
  version: number;
  status: 'submitted' | 'returned' | 'accepted';
  /** ISO instant. */
  at: string;
  /** The username who made it: the task force's for a submission, the reviewer's otherwise. */
  by: string | null;
  values: DemoReportValues;
  late: boolean;
  returnReason: string | null;
};

export type DemoReport = {
  month: string;
  projectName: string;
  status: 'draft' | 'submitted' | 'accepted' | 'returned';
  /** The report's current values (a returned one: as last submitted). */
  values: DemoReportValues;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  late: boolean;
  returnReason: string | null;
  /** Every submission and review, oldest first (none for a draft); the report's version is their count (1 for a draft). */
  versions: DemoReportVersion[];
  /** Counted in the year to date: submitted or accepted. */
  counted: boolean;
};

export type DemoRound = {
  month: string;
  year: number;
  deadline: string;
  createdAt: string;
  createdBy: string;
  /** The year's implementation projects, by name, in the dataset's order. */
  projectNames: string[];
};

/** A project-year's ledger figure (project_years.reported_*): what its counted reports add up to. */
export type DemoYearFigure = {
  projectName: string;
  year: number;
  reportedYtd: number;
  /** The end of the last month counted. */
  reportedAsOf: string;
  reportedProgress: string;
};

/**
 * A photo of a report, rendered by the server (an SVG site scene → JPEG, with this EXIF): taken on
 * the site (near the project's coordinates) in the report's month, a few days before submission.
 */
export type DemoPhoto = {
  month: string;
  projectName: string;
  fileName: string;
  /** EXIF DateTimeOriginal, Shanghai local time 'YYYY-MM-DDTHH:mm:ss'. */
  takenAt: string;
  latitude: number;
  longitude: number;
  /** What the picture shows: the project's stage. */
  stage: Stage;
};

export type DemoDispatch = {
  /** The region whose rounds these are: the county (乐陵市). */
  regionKey: string;
  rounds: DemoRound[];
  reports: DemoReport[];
  yearFigures: DemoYearFigure[];
  photos: DemoPhoto[];
};

export type Stage = 'preparing' | 'foundation' | 'structure' | 'finishing' | 'completing' | 'completed';
