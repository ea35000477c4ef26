import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Column names are snake_case in the database; Kysely's CamelCasePlugin maps them.
// Booleans are 0/1 integers and instants ISO-8601 UTC text on both engines.

export type RegionTable = {
  id: Generated<number>;
  parentId: number | null;
  name: string;
  level: string;
  code: string | null;
  /** Materialised path of ids, '/1/2/5/': a subtree is `path LIKE '/1/2/%'`. */
  path: string;
  version: number;
  /** 'division' (official or uncoded) or 'zone' (a development zone at town level, no official code): 0016. */
  kind: Generated<string>;
};

export type DepartmentTable = {
  id: Generated<number>;
  regionId: number;
  name: string;
  version: number;
};

export type UserTable = {
  id: Generated<number>;
  username: string;
  displayName: string;
  passwordHash: string;
  /** JSON array of roles. */
  roles: string;
  regionId: number;
  departmentId: number | null;
  /** Encrypted at rest (crypto/personal-data.ts), never plain text. */
  phone: string | null;
  active: number;
  failedLogins: number;
  lockedUntil: string | null;
  /** When the current password was set (null: counted from createdAt). */
  passwordChangedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** 1: a printed or reset password; the session may only change it (and read /me, log out). */
  mustChangePassword: Generated<number>;
  /** 1: an account of the demo dataset (loopback-only unless GUATU_DEMO_ACCOUNTS=1). */
  demo: Generated<number>;
};

/** A region, department or project the demo created ('region' | 'department' | 'project'). */
export type DemoRowTable = {
  entity: string;
  entityId: number;
};

export type SessionTable = {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
};

/** The second factor of one user (TOTP, RFC 6238). */
export type UserMfaTable = {
  userId: number;
  /** Base32 secret once activated. */
  secret: string | null;
  /** Secret shown by setup, not yet confirmed by a code. */
  pendingSecret: string | null;
  enabledAt: string | null;
  updatedAt: string;
  /** The last accepted TOTP time step (30 s counter); a code of it or an earlier one is refused. */
  totpLastStep: number | null;
};

export type MfaRecoveryCodeTable = {
  id: Generated<number>;
  userId: number;
  /** sha256 of the normalised code; the code itself is shown once. */
  codeHash: string;
  createdAt: string;
  usedAt: string | null;
};

/** A login whose password was right and whose second factor is awaited. */
export type MfaChallengeTable = {
  tokenHash: string;
  userId: number;
  createdAt: string;
  expiresAt: string;
  attempts: number;
};

export type PasswordHistoryTable = {
  id: Generated<number>;
  userId: number;
  passwordHash: string;
  createdAt: string;
};

export type ProjectTable = {
  id: Generated<number>;
  code: string | null;
  name: string;
  nature: string;
  industry: string | null;
  ownerUnit: string | null;
  regionId: number;
  address: string | null;
  longitude: number | null;
  latitude: number | null;
  content: string | null;
  totalInvestment: number;
  plannedStart: string | null;
  plannedFinish: string | null;
  actualStart: string | null;
  /** 1: marked started (√, 已开工) with no start date known; an actual start date clears it. */
  startedUndated: Generated<number>;
  statsIncluded: number;
  statsCode: string | null;
  statsDate: string | null;
  /** A person (people.id), not an account, since migration 0015. */
  leaderId: number | null;
  departmentId: number | null;
  contactName: string | null;
  /** Encrypted at rest (crypto/personal-data.ts), never plain text. */
  contactPhone: string | null;
  notes: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: number | null;
  version: number;
};

export type ProjectYearTable = {
  projectId: number;
  year: number;
  level: string;
  category: string;
  annualPlan: number;
  /** The ledger's reported figures (superseded by the monthly dispatch): year-to-date completed investment in 元, */
  reportedYtd: number | null;
  /** the progress narrative (形象进度), */
  reportedProgress: string | null;
  /** and the date they are as of ('YYYY-MM-DD'). */
  reportedAsOf: string | null;
};

/** A project's task force (专班): people, not accounts (migration 0015). */
export type ProjectMemberTable = {
  projectId: number;
  personId: number;
};

/**
 * A person who may lead a project or serve on its task force (issue 9, item 3): 姓名, 职务, 单位, 电话.
 * Most never log in; `userId` links the one account that acts as this person (scope follows it).
 */
export type PersonTable = {
  id: Generated<number>;
  regionId: number;
  name: string;
  title: string | null;
  /** '' when unknown: (regionId, name, unit) is unique. */
  unit: Generated<string>;
  /** Encrypted at rest (crypto/personal-data.ts, field people.phone), never plain text. */
  phone: string | null;
  userId: number | null;
  /** 1: a person of the demo dataset (removed with it). */
  demo: Generated<number>;
  createdAt: string;
  updatedAt: string;
  updatedBy: number | null;
  version: Generated<number>;
};

export type AuditLogTable = {
  id: Generated<number>;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
  /** Position in the tamper-evident chain (migration 0008): 1, 2, 3… without gaps, archived rows included. */
  seq: number;
  /** SHA-256 (hex) of the row's canonical content and prevHash; see auditRowHash. */
  hash: string;
  prevHash: string;
  requestId: string | null;
  /** 'success' | 'failure' | 'denied'. */
  outcome: string;
};

// Audit archives and security events (migration 0008).
export type AuditArchiveTable = {
  id: Generated<number>;
  createdAt: string;
  firstSeq: number;
  lastSeq: number;
  firstId: number;
  lastId: number;
  rowCount: number;
  /** The hash the first archived row links to (its prevHash). */
  prevHash: string;
  firstHash: string;
  lastHash: string;
  /** File name under `<dataDir>/audit-archive/` (gzip JSONL, one audit row per line). */
  fileName: string;
  fileSha256: string;
};

export type SecurityEventTable = {
  id: Generated<number>;
  at: string;
  /** 'account_locked' | 'role_changed' | 'password_reset' | 'password_changed' | 'denied_burst' | 'audit_chain_broken'. */
  kind: string;
  /** The audit row that raised it. */
  auditId: number | null;
  userId: number | null;
  userName: string | null;
  ip: string | null;
  /** Region path of the user concerned (the security admins in scope see it); null: everyone's. */
  regionPath: string | null;
  /** JSON object. */
  details: string | null;
};

// Jobs and notifications (migration 0007).
export type JobTable = {
  id: Generated<number>;
  name: string;
  /** Cron expression (croner, Asia/Shanghai) or null: runs only when requested. */
  schedule: string | null;
  nextRunAt: string | null;
  /** Set by "run now": due at once, cleared when a run starts. */
  requestedAt: string | null;
  requestedBy: number | null;
  lastRunAt: string | null;
  lastFinishedAt: string | null;
  /** 'running' | 'ok' | 'failed'. */
  lastStatus: string | null;
  lastError: string | null;
  /** Consecutive failures (reset by a success): the retry backoff grows with it. */
  failures: Generated<number>;
  totalFailures: Generated<number>;
  attempts: Generated<number>;
  /** The runner holding the job, until `lockedUntil` (a lease: a crashed runner's job is retaken). */
  lockedBy: string | null;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
};

export type JobRunTable = {
  id: Generated<number>;
  job: string;
  runner: string;
  attempt: number;
  startedAt: string;
  finishedAt: string | null;
  /** 'running' | 'ok' | 'failed'. */
  status: string;
  /** JSON object returned by the job. */
  summary: string | null;
  error: string | null;
};

export type NotificationOutboxTable = {
  id: Generated<number>;
  userId: number;
  kind: string;
  /** JSON object of string | number. */
  params: string;
  link: string | null;
  createdAt: string;
  /** 'pending' | 'delivered' | 'failed' (gave up). */
  status: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  attempts: Generated<number>;
  lastError: string | null;
  /** Group robots: 'pending' | 'sent' | 'failed' (given up) | 'skipped' (none configured). */
  webhookStatus: string | null;
  webhookAttempts: Generated<number>;
  webhookNextAt: string | null;
};

export type NotificationDeliveryTable = {
  id: Generated<number>;
  outboxId: number;
  /** 'in_app', 'wecom' or 'dingtalk'. */
  channel: string;
  attemptedAt: string;
  ok: number;
  error: string | null;
};

export type NotificationTable = {
  id: Generated<number>;
  userId: number;
  outboxId: number | null;
  kind: string;
  params: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
};

/** A file attached to an owner (migration 0012); the content is in the file store under `sha256`. */
export type AttachmentTable = {
  id: Generated<number>;
  /** 'project' (later 'report'): whose scope decides who reads it. */
  ownerEntity: string;
  ownerId: number;
  uploaderId: number;
  sha256: string;
  /** Detected from the content, one of the allow-list. */
  mime: string;
  size: number;
  fileName: string;
  createdAt: string;
  deletedAt: string | null;
  deletedBy: number | null;
};

/** A working-day calendar entry (holiday, make-up day, stop period) of a region and its subtree. */
export type CalendarEntryTable = {
  id: Generated<number>;
  kind: string;
  fromDate: string;
  toDate: string;
  name: string;
  version: number;
  createdAt: string;
  createdBy: number | null;
  /** The region whose subtree it applies to; null (rows older than 0009) is the root. */
  regionId: number | null;
};

/** A year added beyond the built-in statutory calendar (global: the root admin's). */
export type CalendarYearTable = { year: number; createdAt: string; createdBy: number | null };

/** A region's own copy of a stage template; no row anywhere up the tree: the built-in one. */
export type StageTemplateTable = {
  regionId: number;
  key: string;
  name: string;
  /** JSON: StageDef[]. */
  stages: string;
  /** JSON: stage key → the name of the department in charge of it, matched on each project's region chain (0017). */
  stageDepartments: string;
  version: number;
  updatedAt: string;
  updatedBy: number | null;
};

/** A region's own warning rules (key 'stage'); none up the tree: the domain's defaults. */
export type WarningRulesTable = {
  regionId: number;
  key: string;
  /** JSON: WarningRules. */
  rules: string;
  version: number;
  updatedAt: string;
  updatedBy: number | null;
};

/**
 * The stamp of each cached setting ('calendar', 'stage_templates', 'warning_rules'): replaced by a
 * fresh random value with every write of the setting; app servers rebuild a cache when it changes.
 */
export type SettingsVersionTable = {
  key: string;
  stamp: string;
};

// Ledger import (migration 0002).
/** A user's saved column mapping of an import. */
export type ImportTemplateTable = {
  id: Generated<number>;
  userId: number;
  regionId: number;
  name: string;
  /** JSON: Array<{ label: string; field: string | null }>. */
  columns: string;
  createdAt: string;
  updatedAt: string;
};

/** An uploaded workbook awaiting its commit (purged when expired). */
export type ImportUploadTable = {
  id: string;
  userId: number;
  regionId: number;
  fileName: string;
  /** JSON: Array<{ name: string; grid: Cell[][] }>. */
  sheets: string;
  createdAt: string;
  expiresAt: string;
  /** 'ledger' | 'dispatch' (migration 0023): each import reads only its own uploads. */
  kind: Generated<string>;
  /** The dispatch round a dispatch table is imported into; null for a ledger. */
  roundId: number | null;
};

// Project schedules, 倒排工期 (migration 0004).
export type ProjectScheduleTable = {
  projectId: number;
  templateKey: string;
  /** JSON: ProjectEdit[]. */
  edits: string;
  /** JSON: StageTarget[], or NULL to follow the ledger's 计划开工/计划竣工. */
  targets: string | null;
  version: number;
  updatedAt: string;
  updatedBy: number | null;
};

export type ProjectStageTable = {
  projectId: number;
  stageKey: string;
  actualStart: string | null;
  actualFinish: string | null;
  note: string | null;
  updatedAt: string;
  updatedBy: number | null;
};

export type ProjectBaselineTable = {
  id: Generated<number>;
  projectId: number;
  name: string;
  savedAt: string;
  /** JSON: the domain's Baseline['stages']. */
  data: string;
  createdBy: number | null;
};

/** The key-check value of the key personal data is encrypted with (crypto/personal-data.ts). */
export type DataKeyTable = {
  /** 'personal': the one key so far. */
  purpose: string;
  fingerprint: string;
  createdAt: string;
};

// The monthly dispatch, 一月一调度 (migration 0019).
export type DispatchRoundTable = {
  id: Generated<number>;
  regionId: number;
  year: number;
  /** 'YYYY-MM' */
  month: string;
  /** 'YYYY-MM-DD' */
  deadline: string;
  /** Set by hand: 'open' | 'closed' (the effective status also follows the deadline). */
  status: string;
  closedAt: string | null;
  reopenedAt: string | null;
  includeReserve: number;
  createdAt: string;
  createdBy: number | null;
  updatedAt: string;
  updatedBy: number | null;
  version: number;
};

export type DispatchRoundProjectTable = {
  roundId: number;
  projectId: number;
  /** The last reminder sent ('before' | 'due' | 'late'), migration 0020; null: none yet. */
  lastReminder: Generated<string | null>;
};

export type DispatchReportTable = {
  id: Generated<number>;
  roundId: number;
  projectId: number;
  /** 'draft' | 'submitted' | 'accepted' | 'returned' */
  status: string;
  /** 元; bigint (a string from PostgreSQL). */
  completedThisMonth: number | string | null;
  progressText: string | null;
  workersOnSite: number | null;
  fundsInPlace: number | string | null;
  statsIncluded: number | null;
  statsCode: string | null;
  statsDate: string | null;
  /** JSON: string[] */
  problems: string;
  nextMonthPlan: string | null;
  /** JSON: Array<{ key, actualStart, actualFinish }> */
  stages: string;
  submittedAt: string | null;
  submittedBy: number | null;
  late: number;
  returnReason: string | null;
  idempotencyKey: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: number | null;
  version: number;
};

export type DispatchReportVersionTable = {
  id: Generated<number>;
  reportId: number;
  version: number;
  status: string;
  /** JSON: the report as submitted. */
  data: string;
  at: string;
  by: number | null;
};

/** A photo of a dispatch report (migration 0022): the original is the attachment `attachmentId`. */
export type DispatchPhotoTable = {
  id: Generated<number>;
  reportId: number;
  attachmentId: number;
  /** The phone's key of the photo (a UUID): one row per report and key. */
  clientKey: string | null;
  /** The display copy (≈1600 px JPEG) in the file store. */
  displaySha256: string;
  displaySize: number | string;
  /** The thumbnail (≈320 px JPEG) in the file store. */
  thumbnailSha256: string;
  thumbnailSize: number | string;
  /** Pixels as seen (EXIF orientation applied). */
  width: number;
  height: number;
  /** EXIF DateTimeOriginal as an ISO UTC instant. */
  takenAt: string | null;
  latitude: number | null;
  longitude: number | null;
  createdAt: string;
  createdBy: number | null;
};

export type Database = {
  dataKeys: DataKeyTable;
  calendarEntries: CalendarEntryTable;
  calendarYears: CalendarYearTable;
  stageTemplates: StageTemplateTable;
  warningRules: WarningRulesTable;
  settingsVersions: SettingsVersionTable;
  regions: RegionTable;
  departments: DepartmentTable;
  users: UserTable;
  sessions: SessionTable;
  projects: ProjectTable;
  projectYears: ProjectYearTable;
  projectMembers: ProjectMemberTable;
  people: PersonTable;
  auditLog: AuditLogTable;
  demoRows: DemoRowTable;
  userMfa: UserMfaTable;
  mfaRecoveryCodes: MfaRecoveryCodeTable;
  mfaChallenges: MfaChallengeTable;
  passwordHistory: PasswordHistoryTable;
  auditArchives: AuditArchiveTable;
  securityEvents: SecurityEventTable;
  jobs: JobTable;
  jobRuns: JobRunTable;
  notificationOutbox: NotificationOutboxTable;
  notificationDeliveries: NotificationDeliveryTable;
  notifications: NotificationTable;
  attachments: AttachmentTable;
  importTemplates: ImportTemplateTable;
  importUploads: ImportUploadTable;
  projectSchedules: ProjectScheduleTable;
  projectStages: ProjectStageTable;
  projectBaselines: ProjectBaselineTable;
  dispatchRounds: DispatchRoundTable;
  dispatchRoundProjects: DispatchRoundProjectTable;
  dispatchReports: DispatchReportTable;
  dispatchReportVersions: DispatchReportVersionTable;
  dispatchPhotos: DispatchPhotoTable;
  portfolioState: PortfolioStateTable;
  portfolioChanges: PortfolioChangeTable;
  warChartState: WarChartStateTable;
  warChartChanges: WarChartChangeTable;
  dispatchState: DispatchStateTable;
};

/** Migration 0025: the portfolio's change counter (one row, id 1), written by triggers only. */
export type PortfolioStateTable = { id: number; version: number; prunedThrough: number };
/** Migration 0025: the projects each counter version touched (0: a region, everything). */
export type PortfolioChangeTable = { version: number; projectId: number };
/** Migration 0026: the war chart's change counter (plans, actual dates, leaders' and departments' names). */
export type WarChartStateTable = { id: number; version: number; prunedThrough: number };
/** Migration 0026: the projects each war-chart counter version touched. */
export type WarChartChangeTable = { version: number; projectId: number };
/** Migration 0027: the dispatch tables' change counter (one row, id 1), written by triggers only. */
export type DispatchStateTable = { id: number; version: number };

export type ProjectRow = Selectable<ProjectTable>;
export type NewProject = Insertable<ProjectTable>;
export type ProjectPatch = Updateable<ProjectTable>;
export type UserRow = Selectable<UserTable>;
export type RegionRow = Selectable<RegionTable>;
