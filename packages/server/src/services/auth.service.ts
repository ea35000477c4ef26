import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { LoginResponse, SessionResponse } from '@guatu/contracts';
import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { atRootRegion, type Actor } from '../policies/actor.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as sessions from '../repositories/session.repository.ts';
import * as users from '../repositories/user.repository.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import type { Lang } from '../messages.ts';
import { presentSession, secondFactorChallenge } from './mfa.service.ts';
import { assertPasswordAllowed, expirePasswordIfDue, recordPasswordSet } from './password-rules.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// A fixed hash to verify against when the username is unknown, so timing does not reveal it.
let dummyHash: Promise<string> | null = null;

/** Checks the password, applies the lockout, opens a session; returns the cookie token. */
export async function login(
  db: Db,
  config: Config,
  input: {
    username: string;
    password: string;
    ip: string | null;
    now: Date;
    /** The request came from this machine (loopback, not through a proxy): demo accounts may log in. */
    loopback?: boolean;
  },
): Promise<{ token: string | null; response: LoginResponse }> {
  const nowIso = input.now.toISOString();
  const user = await users.findUserByUsername(db, input.username);
  if (!user) {
    dummyHash ??= hashPassword('dummy-password-Aa1');
    await verifyPassword(input.password, await dummyHash);
    await recordAudit(db, null, {
      action: 'login_failed',
      entity: 'session',
      entityId: null,
      after: { username: input.username, ip: input.ip },
    });
    throw new AppError('invalid_credentials');
  }
  if (user.lockedUntil && user.lockedUntil > nowIso) {
    throw new AppError('locked', { until: formatLocal(user.lockedUntil) }, { until: user.lockedUntil });
  }
  const ok = await verifyPassword(input.password, user.passwordHash);
  if (!ok) {
    const failed = user.failedLogins + 1;
    const lock = failed >= config.maxFailedLogins;
    const lockedUntil = lock
      ? new Date(input.now.getTime() + config.lockoutMinutes * 60_000).toISOString()
      : null;
    await db.transaction().execute(async (trx) => {
      await users.setLoginState(trx, user.id, { failedLogins: lock ? 0 : failed, lockedUntil });
      await recordAudit(
        trx,
        { id: user.id, displayName: user.displayName, ip: input.ip },
        {
          action: lock ? 'account_locked' : 'login_failed',
          entity: 'user',
          entityId: user.id,
          after: { failedLogins: failed, lockedUntil },
        },
      );
    });
    if (lock)
      throw new AppError('locked', { until: formatLocal(lockedUntil as string) }, { until: lockedUntil });
    throw new AppError('invalid_credentials');
  }
  if (user.active !== 1) throw new AppError('inactive');
  // Demo accounts share one published password: only from this machine unless GUATU_DEMO_ACCOUNTS=1.
  if (user.demo === 1 && !input.loopback && !config.demoAccountsRemote) {
    await recordAudit(
      db,
      { id: user.id, displayName: user.displayName, ip: input.ip },
      { action: 'login_refused_demo_remote', entity: 'session', entityId: user.id },
    );
    throw new AppError('demo_remote');
  }
  // A password past its maximum age must be changed in the session this login opens.
  await expirePasswordIfDue(db, config, user, input.ip, input.now);
  // A second factor enrolled: no session yet, the code is asked for (POST /auth/mfa/verify).
  const challenge = await secondFactorChallenge(db, user.id, input.now);
  if (challenge) return { token: null, response: challenge };
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await users.setLoginState(trx, user.id, { failedLogins: 0, lockedUntil: null });
    await sessions.insertSession(trx, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      now: nowIso,
      ip: input.ip,
    });
    await recordAudit(
      trx,
      { id: user.id, displayName: user.displayName, ip: input.ip },
      {
        action: 'login',
        entity: 'session',
        entityId: user.id,
      },
    );
  });
  const actor = await loadActor(db, user.id, input.ip, 'zh-CN');
  return {
    token,
    response: await presentSession(db, config, actor as Actor, csrfToken, { createdAt: nowIso }, input.now),
  };
}

export function sessionResponse(actor: Actor, csrfToken: string, config: Config): SessionResponse {
  return {
    user: {
      id: actor.id,
      username: actor.username,
      displayName: actor.displayName,
      roles: actor.roles,
      regionId: actor.regionId,
      regionName: actor.regionName,
      departmentId: actor.departmentId,
      mustChangePassword: actor.mustChangePassword === true,
      rootRegion: atRootRegion(actor),
      personId: actor.personId ?? null,
    },
    csrfToken,
    idleTimeoutMinutes: config.idleTimeoutMinutes,
  };
}

export async function loadActor(
  db: Db,
  userId: number,
  ip: string | null,
  lang: Lang,
): Promise<Actor | null> {
  const u = await users.findUserJoined(db, userId);
  return u && actorOf(u, ip, lang);
}

/** The actor of an active account's row (findUserJoined / findSessionUser), else null. */
function actorOf(u: users.JoinedUser, ip: string | null, lang: Lang): Actor | null {
  if (u.active !== 1) return null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: users.parseRoles(u.roles),
    regionId: u.regionId,
    regionName: u.regionName,
    regionPath: u.regionPath,
    departmentId: u.departmentId,
    personId: u.personId,
    ip,
    lang,
    mustChangePassword: u.mustChangePassword === 1,
    demo: u.demo === 1,
  };
}

export type ResolvedSession = {
  actor: Actor;
  csrfToken: string;
  tokenHash: string;
  createdAt: string;
  /** Whether the account has an active second factor (read with the session). */
  mfaEnabled: boolean;
};

/**
 * Finds the session of a cookie token, enforcing the idle limit (sliding: every request extends
 * it) and the absolute lifetime (GUATU_SESSION_HOURS after login, however active). last_seen_at
 * is written when more than 1% of the idle window (at most 10 s) has passed since the last write,
 * so a session in use never expires: the idle time is counted from a request at most that old.
 */
export async function resolveSession(
  db: Db,
  config: Config,
  token: string,
  ctx: { ip: string | null; lang: Lang; now: Date },
): Promise<ResolvedSession> {
  const tokenHash = hashToken(token);
  // The session and its account in one read (compiled once: this runs on every request).
  const s = await users.findSessionUser(db, tokenHash);
  if (!s) throw new AppError('unauthenticated');
  const idleMs = ctx.now.getTime() - Date.parse(s.lastSeenAt);
  const ageMs = ctx.now.getTime() - Date.parse(s.sessionCreatedAt);
  if (idleMs > config.idleTimeoutMinutes * 60_000 || ageMs > config.sessionHours * 3_600_000) {
    await sessions.deleteSession(db, tokenHash);
    throw new AppError('session_expired');
  }
  const actor = actorOf(s, ctx.ip, ctx.lang);
  if (!actor) {
    await sessions.deleteSession(db, tokenHash);
    throw new AppError('unauthenticated');
  }
  if (idleMs > Math.min(10_000, config.idleTimeoutMinutes * 600))
    await sessions.touchSession(db, tokenHash, ctx.now.toISOString());
  return {
    actor,
    csrfToken: s.csrfToken,
    tokenHash,
    createdAt: s.sessionCreatedAt,
    mfaEnabled: Number(s.mfaOn) === 1,
  };
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function logout(db: Db, session: ResolvedSession): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sessions.deleteSession(trx, session.tokenHash);
    await recordAudit(trx, session.actor, {
      action: 'logout',
      entity: 'session',
      entityId: session.actor.id,
    });
  });
}

export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  keepTokenHash: string,
  now: Date = new Date(),
): Promise<void> {
  const row = await users.findUserRow(db, actor.id);
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash)))
    throw new AppError('wrong_password');
  await assertPasswordAllowed(db, row, input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await users.setOwnPassword(trx, actor.id, passwordHash, new Date().toISOString());
    // Other sessions of this user end with the old password.
    await sessions.deleteOtherSessionsOfUser(trx, actor.id, keepTokenHash);
    await recordPasswordSet(trx, actor.id, passwordHash, now);
    await recordAudit(trx, actor, { action: 'password_changed', entity: 'user', entityId: actor.id });
  });
}

/** Beijing time for messages, e.g. 2023-04-13 15:30. */
export function formatLocal(iso: string): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
}
