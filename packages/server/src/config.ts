import path from 'node:path';
import { parseTrustProxy } from './proxy.ts';

export type Config = {
  /** postgres://… selects PostgreSQL; otherwise SQLite at `${dataDir}/guatu.db`. */
  databaseUrl: string | null;
  dataDir: string;
  /** GUATU_AUDIT_RETENTION_DAYS: audit rows stay live this long (≥ 183, 6 months), then are archived to files. */
  auditRetentionDays: number;
  /** GUATU_DATA_KEY: 64 hex digits encrypting phone numbers at rest; unset on SQLite → `<dataDir>/guatu.key`. */
  dataKey: string | null;
  /** GUATU_DATA_CIPHER: what new values are written with, `sm4` (SM4-CBC + HMAC-SM3, default) or `aes-gcm`. */
  dataCipher: 'sm4' | 'aes-gcm';
  host: string;
  port: number;
  adminPassword: string | null;
  /** GUATU_SECADMIN_PASSWORD / GUATU_AUDITOR_PASSWORD: the setup accounts' first passwords (else generated, printed once). */
  secadminPassword: string | null;
  auditorPassword: string | null;
  /** GUATU_DEMO_ACCOUNTS=1: demo accounts may log in from other hosts than loopback. */
  demoAccountsRemote: boolean;
  loadDemo: boolean;
  /** GUATU_DEMO=1 (set, not just unset): a start that cannot load the demo fails instead of skipping it. */
  demoRequested?: boolean;
  idleTimeoutMinutes: number;
  loginRateLimitPerMinute: number;
  maxFailedLogins: number;
  lockoutMinutes: number;
  /** Secure cookies only when served over HTTPS behind a proxy. */
  secureCookies: boolean;
  /** GUATU_TRUST_PROXY: reverse proxies whose X-Forwarded-* headers are believed (IPs/CIDRs); [] = none. */
  trustProxy: string[];
  /** GUATU_BACKUP_KEEP: how many daily backups `<dataDir>/backups/` keeps (default 14). */
  backupKeep: number;
  /** GUATU_SESSION_HOURS: absolute session lifetime, however active (default 12). */
  sessionHours: number;
  /** GUATU_MFA_REQUIRED=0 turns off the second factor requirement for the three officers. */
  mfaRequired: boolean;
  /** GUATU_PASSWORD_MAX_DAYS: maximum password age (default 90); warned 7 days before. */
  passwordMaxDays: number;
  passwordWarnDays: number;
  webDist: string | null;
  logLevel: string;
  /**
   * GUATU_HEAP_GROWTH_PERCENT: how far the JavaScript heap may grow past its live size before V8
   * collects (default 50, i.e. 1.5×; see memory.ts). 0 leaves it to V8 (up to 4×).
   */
  heapGrowthPercent: number;
  /** How often `serve`'s job runner looks for due jobs (GUATU_JOB_POLL_SECONDS, default 15). */
  jobPollSeconds: number;
  /** GUATU_MAX_ATTACHMENT_MB: the largest attachment accepted, in MB (default 20); past it → 413. */
  maxAttachmentMb: number;
  /**
   * Group robots that also receive every notification (GUATU_WECOM_WEBHOOK: the WeCom robot's
   * send URL with its key; GUATU_DINGTALK_WEBHOOK + GUATU_DINGTALK_SECRET: DingTalk's, signed).
   */
  webhooks: { wecom: string | null; dingtalk: string | null; dingtalkSecret: string | null };
};

const int = (v: string | undefined, fallback: number): number => {
  const n = v === undefined || v === '' ? NaN : Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

function dataCipherOf(v: string | undefined): Config['dataCipher'] {
  if (v === undefined || v === '' || v === 'sm4') return 'sm4';
  if (v === 'aes-gcm') return 'aes-gcm';
  throw new Error(`GUATU_DATA_CIPHER must be sm4 or aes-gcm, not "${v}"`);
}

/** Audit retention: default 183 days; below 183 (等保: at least 6 months) refuses to start. */
function auditRetentionOf(v: string | undefined): number {
  if (v === undefined || v.trim() === '') return 183;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 183)
    throw new Error(`GUATU_AUDIT_RETENTION_DAYS must be a whole number of days, at least 183, not "${v}"`);
  return n;
}

/** Reads the environment once, at start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, '../../..');
  const url = env.DATABASE_URL?.trim();
  return {
    databaseUrl: url && /^postgres(ql)?:\/\//.test(url) ? url : null,
    dataDir: path.resolve(env.GUATU_DATA_DIR ?? path.join(root, 'data')),
    auditRetentionDays: auditRetentionOf(env.GUATU_AUDIT_RETENTION_DAYS),
    dataKey: env.GUATU_DATA_KEY?.trim() || null,
    dataCipher: dataCipherOf(env.GUATU_DATA_CIPHER),
    host: env.HOST ?? '127.0.0.1',
    port: int(env.PORT, 8080),
    adminPassword: env.GUATU_ADMIN_PASSWORD || null,
    secadminPassword: env.GUATU_SECADMIN_PASSWORD || null,
    auditorPassword: env.GUATU_AUDITOR_PASSWORD || null,
    demoAccountsRemote: env.GUATU_DEMO_ACCOUNTS === '1',
    loadDemo: env.GUATU_DEMO !== '0',
    demoRequested: env.GUATU_DEMO === '1',
    idleTimeoutMinutes: int(env.GUATU_IDLE_MINUTES, 30),
    loginRateLimitPerMinute: int(env.GUATU_LOGIN_RATE_LIMIT, 30),
    maxFailedLogins: 5,
    lockoutMinutes: 15,
    secureCookies: env.GUATU_SECURE_COOKIES === '1',
    trustProxy: parseTrustProxy(env.GUATU_TRUST_PROXY),
    backupKeep: int(env.GUATU_BACKUP_KEEP, 14),
    sessionHours: int(env.GUATU_SESSION_HOURS, 12),
    mfaRequired: env.GUATU_MFA_REQUIRED !== '0',
    passwordMaxDays: int(env.GUATU_PASSWORD_MAX_DAYS, 90),
    passwordWarnDays: 7,
    webDist: path.join(root, 'packages/web/dist'),
    logLevel: env.GUATU_LOG_LEVEL ?? 'warn',
    jobPollSeconds: int(env.GUATU_JOB_POLL_SECONDS, 15),
    heapGrowthPercent: env.GUATU_HEAP_GROWTH_PERCENT === '0' ? 0 : int(env.GUATU_HEAP_GROWTH_PERCENT, 50),
    maxAttachmentMb: int(env.GUATU_MAX_ATTACHMENT_MB, 20),
    webhooks: {
      wecom: env.GUATU_WECOM_WEBHOOK || null,
      dingtalk: env.GUATU_DINGTALK_WEBHOOK || null,
      dingtalkSecret: env.GUATU_DINGTALK_SECRET || null,
    },
  };
}
