import path from 'node:path';

export type Config = {
  /** postgres://… selects PostgreSQL; otherwise SQLite at `${dataDir}/guatu.db`. */
  databaseUrl: string | null;
  dataDir: string;
  host: string;
  port: number;
  adminPassword: string | null;
  loadDemo: boolean;
  idleTimeoutMinutes: number;
  loginRateLimitPerMinute: number;
  maxFailedLogins: number;
  lockoutMinutes: number;
  /** Secure cookies only when served over HTTPS behind a proxy. */
  secureCookies: boolean;
  webDist: string | null;
  logLevel: string;
};

const int = (v: string | undefined, fallback: number): number => {
  const n = v === undefined || v === '' ? NaN : Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** Reads the environment once, at start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, '../../..');
  const url = env.DATABASE_URL?.trim();
  return {
    databaseUrl: url && /^postgres(ql)?:\/\//.test(url) ? url : null,
    dataDir: path.resolve(env.GUATU_DATA_DIR ?? path.join(root, 'data')),
    host: env.HOST ?? '127.0.0.1',
    port: int(env.PORT, 8080),
    adminPassword: env.GUATU_ADMIN_PASSWORD || null,
    loadDemo: env.GUATU_DEMO !== '0',
    idleTimeoutMinutes: int(env.GUATU_IDLE_MINUTES, 30),
    loginRateLimitPerMinute: int(env.GUATU_LOGIN_RATE_LIMIT, 30),
    maxFailedLogins: 5,
    lockoutMinutes: 15,
    secureCookies: env.GUATU_SECURE_COOKIES === '1',
    webDist: path.join(root, 'packages/web/dist'),
    logLevel: env.GUATU_LOG_LEVEL ?? 'warn',
  };
}
