import { z } from 'zod';
import { lazy } from './lazy.ts';
import { id, page, pageSize, text } from './common.ts';

/** How an audited request ended. */
export const auditOutcome = lazy(() => z.enum(['success', 'failure', 'denied']));
export type AuditOutcome = z.infer<typeof auditOutcome>;

export const auditEntry = lazy(() =>
  z.object({
    id: id,
    /** Position in the tamper-evident chain. */
    seq: z.int(),
    at: z.string(),
    actorId: id.nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    outcome: auditOutcome,
    hash: z.string(),
  }),
);
export type AuditEntry = z.infer<typeof auditEntry>;

const dateOrInstant = lazy(() =>
  z
    .string()
    .datetime({ offset: true })
    .or(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
);

/** The list's and the export's filters (a function: built inside their schemas, on first use). */
const auditFilters = () => ({
  entity: text(50).optional(),
  entityId: text(50).optional(),
  actorId: id.optional(),
  actorName: text(100).optional(),
  action: text(50).optional(),
  outcome: auditOutcome.optional(),
  ip: text(64).optional(),
  requestId: text(64).optional(),
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
});
export const auditQuery = lazy(() => z.strictObject({ ...auditFilters(), page: page, pageSize: pageSize }));
export type AuditQuery = z.infer<typeof auditQuery>;
export const auditPage = lazy(() => z.object({ items: z.array(auditEntry), total: z.int() }));
export type AuditPage = z.infer<typeof auditPage>;

/** The export takes the list's filters, without paging. */
export const auditExportQuery = lazy(() => z.strictObject(auditFilters()));
export type AuditExportQuery = z.infer<typeof auditExportQuery>;

export const auditStatsQuery = lazy(() =>
  z.strictObject({
    from: dateOrInstant.optional(),
    to: dateOrInstant.optional(),
  }),
);
export type AuditStatsQuery = z.infer<typeof auditStatsQuery>;
export const auditStats = lazy(() =>
  z.object({
    total: z.int(),
    byAction: z.array(z.object({ action: z.string(), count: z.int() })),
    byActor: z.array(z.object({ actorId: id.nullable(), actorName: z.string().nullable(), count: z.int() })),
    byOutcome: z.array(z.object({ outcome: auditOutcome, count: z.int() })),
    /** UTC days, YYYY-MM-DD. */
    byDay: z.array(z.object({ day: z.string(), count: z.int() })),
  }),
);
export type AuditStats = z.infer<typeof auditStats>;

/** The people who appear in the log, for the auditor's user picker. */
export const auditActors = lazy(() =>
  z.object({
    items: z.array(z.object({ id: id.nullable(), name: z.string() })),
  }),
);
export type AuditActors = z.infer<typeof auditActors>;

export const auditBreakReason = lazy(() =>
  z.enum(['content_changed', 'link_broken', 'row_missing', 'archive_changed']),
);
export type AuditBreakReason = z.infer<typeof auditBreakReason>;
export const auditVerifyResult = lazy(() =>
  z.object({
    ok: z.boolean(),
    /** Live rows checked. */
    count: z.int(),
    /** Rows held in archive files. */
    archived: z.int(),
    /** The first broken row: its id and seq, why, and the seq expected when a row is missing. */
    broken: z
      .object({
        id: z.int().nullable(),
        seq: z.int().nullable(),
        reason: auditBreakReason,
        expectedSeq: z.int().nullable(),
        archive: z.string().nullable(),
      })
      .nullable(),
  }),
);
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;

export const securityEventKind = lazy(() =>
  z.enum([
    'account_locked',
    'role_changed',
    'password_reset',
    'password_changed',
    'denied_burst',
    'audit_chain_broken',
  ]),
);
export type SecurityEventKind = z.infer<typeof securityEventKind>;
export const securityEventQuery = lazy(() =>
  z.strictObject({
    kind: securityEventKind.optional(),
    page: page,
    pageSize: pageSize,
  }),
);
export type SecurityEventQuery = z.infer<typeof securityEventQuery>;
export const securityEvent = lazy(() =>
  z.object({
    id: id,
    at: z.string(),
    kind: securityEventKind,
    auditId: z.int().nullable(),
    userId: z.int().nullable(),
    userName: z.string().nullable(),
    ip: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  }),
);
export type SecurityEvent = z.infer<typeof securityEvent>;
export const securityEventPage = lazy(() => z.object({ items: z.array(securityEvent), total: z.int() }));
export type SecurityEventPage = z.infer<typeof securityEventPage>;
