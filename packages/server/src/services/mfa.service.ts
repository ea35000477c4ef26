/**
 * Two factors (issue 7, item 8). TOTP (RFC 6238) with one-time recovery codes:
 * - required for the three officers (admin, security_admin, auditor), demo accounts excepted,
 *   unless GUATU_MFA_REQUIRED=0; optional for everyone else;
 * - login: password right and a second factor enrolled → no session, a short-lived challenge
 *   token; POST /auth/mfa/verify with a TOTP or recovery code opens the session. Wrong codes count
 *   toward the account lockout like wrong passwords; a TOTP code is accepted once (the user's last
 *   accepted time step is kept: a code of it or an earlier step is refused as a wrong one);
 * - an officer without a second factor gets a session limited to enrolment (setup, activate,
 *   me, logout, password): everything else answers 403 mfa_setup_required;
 * - the security administrator resets another user's second factor (audited).
 */
import { randomBytes } from 'node:crypto';
import type {
  MfaChallengeResponse,
  MfaSetupResponse,
  MfaStatusResponse,
  SessionResponse,
} from '@guatu/contracts';
import type { Role } from '@guatu/domain';
import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { hasRole, type Actor } from '../policies/actor.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as mfa from '../repositories/mfa.repository.ts';
import * as sessions from '../repositories/session.repository.ts';
import * as users from '../repositories/user.repository.ts';
import { verifyPassword } from '../auth/password.ts';
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  qrDataUrl,
  totpUri,
  matchTotpStep,
} from '../auth/totp.ts';
import { formatLocal, hashToken, loadActor, sessionResponse } from './auth.service.ts';
import { passwordExpiry } from './password-rules.ts';

export const OFFICER_ROLES: readonly Role[] = ['admin', 'security_admin', 'auditor'];
/** How long the step between password and code may take. */
export const MFA_CHALLENGE_MINUTES = 5;
/** Wrong codes one challenge takes before the password must be entered again. */
const MAX_CHALLENGE_ATTEMPTS = 5;

/** The routes an officer without a second factor may call (enrolment, and leaving). */
const ENROLMENT_ROUTES = new Set([
  '/api/auth/me',
  '/api/auth/logout',
  '/api/auth/password',
  '/api/auth/mfa',
  '/api/auth/mfa/setup',
  '/api/auth/mfa/activate',
]);

type WhoFor = { roles: Role[]; demo?: boolean | number | null };

/** Whether this account must have a second factor. */
export function mfaRequiredFor(config: Pick<Config, 'mfaRequired'>, who: WhoFor): boolean {
  return config.mfaRequired && !who.demo && OFFICER_ROLES.some((r) => who.roles.includes(r));
}

export async function mfaEnabled(db: Db, userId: number): Promise<boolean> {
  const row = await mfa.findMfa(db, userId);
  return row?.enabledAt != null && row.secret != null;
}

/**
 * For the session hook: 403 mfa_setup_required outside enrolment while an officer has no factor
 * (`enabled`: read with the session, ResolvedSession.mfaEnabled — no second read per request).
 */
export function enforceMfaEnrolment(
  config: Config,
  actor: Actor,
  routeUrl: string | undefined,
  enabled: boolean,
): void {
  if (!mfaRequiredFor(config, actor)) return;
  if (routeUrl && ENROLMENT_ROUTES.has(routeUrl)) return;
  if (!enabled) throw new AppError('mfa_setup_required');
}

/**
 * After a right password: a challenge when the user has a second factor (no session yet), else
 * null and the caller opens the session.
 */
export async function secondFactorChallenge(
  db: Db,
  userId: number,
  now: Date,
): Promise<MfaChallengeResponse | null> {
  if (!(await mfaEnabled(db, userId))) return null;
  const mfaToken = randomBytes(32).toString('base64url');
  await mfa.insertChallenge(db, {
    tokenHash: hashToken(`mfa:${mfaToken}`),
    userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + MFA_CHALLENGE_MINUTES * 60_000).toISOString(),
  });
  return { mfaRequired: true, mfaToken, expiresInSeconds: MFA_CHALLENGE_MINUTES * 60 };
}

/** The session answer with the second-factor, password-age and lifetime fields. */
export async function presentSession(
  db: Db,
  config: Config,
  actor: Actor,
  csrfToken: string,
  session: { createdAt: string } | null,
  now: Date,
): Promise<SessionResponse> {
  const enabled = await mfaEnabled(db, actor.id);
  // Demo accounts share a published password and are loopback-only: no maximum age for them.
  const expiry = actor.demo
    ? { expiresAt: null, soon: false }
    : await passwordExpiry(db, config, actor.id, now);
  return {
    ...sessionResponse(actor, csrfToken, config),
    mfaEnabled: enabled,
    mfaSetupRequired: !enabled && mfaRequiredFor(config, actor),
    passwordExpiresAt: expiry.expiresAt,
    passwordExpiresSoon: expiry.soon,
    sessionExpiresAt: new Date(
      Date.parse(session?.createdAt ?? now.toISOString()) + config.sessionHours * 3_600_000,
    ).toISOString(),
  };
}

/** A wrong second factor: counted with the wrong passwords, locking the account at the limit. */
async function countFailure(
  db: Db,
  config: Config,
  user: { id: number; displayName: string; failedLogins: number },
  ip: string | null,
  now: Date,
  action: string,
): Promise<never> {
  const failed = user.failedLogins + 1;
  const lock = failed >= config.maxFailedLogins;
  const lockedUntil = lock ? new Date(now.getTime() + config.lockoutMinutes * 60_000).toISOString() : null;
  await db.transaction().execute(async (trx) => {
    await users.setLoginState(trx, user.id, { failedLogins: lock ? 0 : failed, lockedUntil });
    await recordAudit(
      trx,
      { id: user.id, displayName: user.displayName, ip },
      {
        action: 'mfa_failed',
        entity: 'user',
        entityId: user.id,
        after: { failedLogins: failed, step: action },
      },
    );
    if (lock)
      await recordAudit(
        trx,
        { id: user.id, displayName: user.displayName, ip },
        {
          action: 'account_locked',
          entity: 'user',
          entityId: user.id,
          after: { failedLogins: failed, lockedUntil },
        },
      );
  });
  if (lock) throw new AppError('locked', { until: formatLocal(lockedUntil!) }, { until: lockedUntil });
  throw new AppError('mfa_invalid_code');
}

type Matched = { factor: 'totp'; step: number } | { factor: 'recovery' };

/**
 * Checks a TOTP code (of a time step later than the last accepted one: not a replay) or an unused
 * recovery code (using it up); which one matched, or null.
 */
async function checkCode(
  db: Db,
  userId: number,
  factor: { secret: string; totpLastStep: number | null },
  code: string,
  now: Date,
): Promise<Matched | null> {
  const digits = code.replace(/\s/g, '');
  if (/^\d{6}$/.test(digits)) {
    const step = await matchTotpStep(factor.secret, digits, now);
    if (step === null || (factor.totpLastStep !== null && step <= factor.totpLastStep)) return null;
    return { factor: 'totp', step };
  }
  if (
    looksLikeRecoveryCode(code) &&
    (await mfa.useRecoveryCode(db, userId, hashRecoveryCode(code), now.toISOString()))
  )
    return { factor: 'recovery' };
  return null;
}

/** POST /auth/mfa/verify: the second step of a login; opens the session. */
export async function verifyLogin(
  db: Db,
  config: Config,
  input: { mfaToken: string; code: string; ip: string | null; now: Date },
): Promise<{ token: string; response: SessionResponse }> {
  const nowIso = input.now.toISOString();
  const tokenHash = hashToken(`mfa:${input.mfaToken}`);
  const challenge = await mfa.findChallenge(db, tokenHash);
  if (!challenge || challenge.expiresAt <= nowIso || challenge.attempts >= MAX_CHALLENGE_ATTEMPTS) {
    if (challenge) await mfa.deleteChallenge(db, tokenHash);
    throw new AppError('mfa_token_invalid');
  }
  const user = await users.findUserRow(db, challenge.userId);
  const factor = await mfa.findMfa(db, challenge.userId);
  if (!user || user.active !== 1 || !factor?.secret) {
    await mfa.deleteChallenge(db, tokenHash);
    throw new AppError('mfa_token_invalid');
  }
  if (user.lockedUntil && user.lockedUntil > nowIso)
    throw new AppError('locked', { until: formatLocal(user.lockedUntil) }, { until: user.lockedUntil });
  const matched = await checkCode(
    db,
    user.id,
    { secret: factor.secret, totpLastStep: factor.totpLastStep },
    input.code,
    input.now,
  );
  const refuse = async () => {
    await mfa.countChallengeAttempt(db, tokenHash);
    return countFailure(db, config, user, input.ip, input.now, 'login');
  };
  if (!matched) return refuse();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const opened = await db.transaction().execute(async (trx) => {
    // The code's step used up, unless a parallel request used it first (then: a replayed code).
    if (matched.factor === 'totp' && !(await mfa.acceptTotpStep(trx, user.id, matched.step)))
      return 'replayed';
    if (!(await mfa.deleteChallenge(trx, tokenHash))) return false; // used by a parallel request
    await users.setLoginState(trx, user.id, { failedLogins: 0, lockedUntil: null });
    await sessions.insertSession(trx, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      now: nowIso,
      ip: input.ip,
    });
    const who = { id: user.id, displayName: user.displayName, ip: input.ip };
    if (matched.factor === 'recovery') {
      const left = await mfa.countUnusedRecoveryCodes(trx, user.id);
      await recordAudit(trx, who, {
        action: 'recovery_code_used',
        entity: 'user',
        entityId: user.id,
        after: { left },
      });
    }
    await recordAudit(trx, who, {
      action: 'login',
      entity: 'session',
      entityId: user.id,
      after: { factor: matched.factor },
    });
    return true;
  });
  if (opened === 'replayed') return refuse();
  if (!opened) throw new AppError('mfa_token_invalid');
  const actor = await loadActor(db, user.id, input.ip, 'zh-CN');
  if (!actor) throw new AppError('inactive');
  return {
    token,
    response: await presentSession(db, config, actor, csrfToken, { createdAt: nowIso }, input.now),
  };
}

/** POST /auth/mfa/setup: a new secret to scan; the factor is on once a code confirms it. */
export async function startSetup(db: Db, actor: Actor, now: Date): Promise<MfaSetupResponse> {
  if (await mfaEnabled(db, actor.id)) throw new AppError('mfa_state');
  const secret = newTotpSecret();
  await mfa.setPendingSecret(db, actor.id, secret, now.toISOString());
  const otpauthUri = totpUri(actor.username, secret);
  return { secret, otpauthUri, qrDataUrl: await qrDataUrl(otpauthUri) };
}

/** POST /auth/mfa/activate: the first code proves the app has the secret; answers the recovery codes once. */
export async function activate(
  db: Db,
  config: Config,
  actor: Actor,
  code: string,
  now: Date,
): Promise<{ recoveryCodes: string[] }> {
  const row = await mfa.findMfa(db, actor.id);
  if (!row?.pendingSecret || row.enabledAt) throw new AppError('mfa_state');
  const step = await matchTotpStep(row.pendingSecret, code, now);
  if (step === null) {
    // Inside a session the password opened: audited, not counted toward the lockout.
    await recordAudit(db, actor, {
      action: 'mfa_failed',
      entity: 'user',
      entityId: actor.id,
      after: { step: 'activate' },
    });
    throw new AppError('mfa_invalid_code');
  }
  const codes = newRecoveryCodes();
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    if (!(await mfa.activate(trx, actor.id, row.pendingSecret!, nowIso, step)))
      throw new AppError('mfa_state');
    await mfa.replaceRecoveryCodes(trx, actor.id, codes.map(hashRecoveryCode), nowIso);
    await recordAudit(trx, actor, { action: 'mfa_enrolled', entity: 'user', entityId: actor.id });
  });
  return { recoveryCodes: codes };
}

async function requirePassword(db: Db, actor: Actor, password: string) {
  const row = await users.findUserRow(db, actor.id);
  if (!row || !(await verifyPassword(password, row.passwordHash))) throw new AppError('wrong_password');
}

/** POST /auth/mfa/disable: only for those who may go without (not the officers). */
export async function disable(db: Db, config: Config, actor: Actor, password: string): Promise<void> {
  if (mfaRequiredFor(config, actor)) throw new AppError('mfa_officer_required');
  await requirePassword(db, actor, password);
  if (!(await mfaEnabled(db, actor.id))) throw new AppError('mfa_state');
  await db.transaction().execute(async (trx) => {
    await mfa.removeMfa(trx, actor.id);
    await recordAudit(trx, actor, { action: 'mfa_disabled', entity: 'user', entityId: actor.id });
  });
}

/** POST /auth/mfa/recovery-codes: ten new codes, the old ones void. */
export async function regenerateRecoveryCodes(
  db: Db,
  actor: Actor,
  password: string,
  now: Date,
): Promise<{ recoveryCodes: string[] }> {
  await requirePassword(db, actor, password);
  if (!(await mfaEnabled(db, actor.id))) throw new AppError('mfa_state');
  const codes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await mfa.replaceRecoveryCodes(trx, actor.id, codes.map(hashRecoveryCode), now.toISOString());
    await recordAudit(trx, actor, {
      action: 'mfa_recovery_codes_regenerated',
      entity: 'user',
      entityId: actor.id,
    });
  });
  return { recoveryCodes: codes };
}

export async function status(db: Db, config: Config, actor: Actor): Promise<MfaStatusResponse> {
  const row = await mfa.findMfa(db, actor.id);
  const enabled = row?.enabledAt != null && row.secret != null;
  return {
    enabled,
    required: mfaRequiredFor(config, actor),
    enabledAt: enabled ? row!.enabledAt : null,
    recoveryCodesLeft: enabled ? await mfa.countUnusedRecoveryCodes(db, actor.id) : 0,
  };
}

/**
 * POST /users/:id/mfa/reset — the security administrator clears another user's second factor
 * (a lost phone): the user's sessions end; an officer enrols again at the next login.
 */
export async function resetUserMfa(db: Db, actor: Actor, userId: number): Promise<void> {
  if (!hasRole(actor, 'security_admin')) throw new AppError('forbidden');
  if (userId === actor.id) throw new AppError('forbidden');
  // Within the security administrator's region, as every account change.
  const target = await users.findUserJoined(db, userId);
  if (!target || !target.regionPath.startsWith(actor.regionPath))
    throw new AppError('not_found', { entity: 'user' });
  const had = await mfa.findMfa(db, userId);
  await db.transaction().execute(async (trx) => {
    await mfa.removeMfa(trx, userId);
    await sessions.deleteSessionsOfUser(trx, userId);
    await recordAudit(trx, actor, {
      action: 'mfa_reset',
      entity: 'user',
      entityId: userId,
      before: { enabled: had?.enabledAt != null },
      after: { enabled: false },
    });
  });
}
