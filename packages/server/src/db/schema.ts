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
  phone: string | null;
  active: number;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type SessionTable = {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
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
  statsIncluded: number;
  statsCode: string | null;
  statsDate: string | null;
  leaderId: number | null;
  departmentId: number | null;
  contactName: string | null;
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
};

export type ProjectMemberTable = {
  projectId: number;
  userId: number;
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
};

export type Database = {
  regions: RegionTable;
  departments: DepartmentTable;
  users: UserTable;
  sessions: SessionTable;
  projects: ProjectTable;
  projectYears: ProjectYearTable;
  projectMembers: ProjectMemberTable;
  auditLog: AuditLogTable;
};

export type ProjectRow = Selectable<ProjectTable>;
export type NewProject = Insertable<ProjectTable>;
export type ProjectPatch = Updateable<ProjectTable>;
export type UserRow = Selectable<UserTable>;
export type RegionRow = Selectable<RegionTable>;
