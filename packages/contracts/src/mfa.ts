import { z } from 'zod';
import { lazy } from './lazy.ts';
import { sessionResponse } from './auth.ts';

/**
 * Two factors (issue 7, item 8): TOTP (RFC 6238, 6 digits, 30 s) with one-time recovery codes.
 * Required for the three officers (admin, security_admin, auditor) unless GUATU_MFA_REQUIRED=0 or
 * the account is a demo account; optional for everyone else.
 */

/** A 6-digit TOTP code, or a recovery code (xxxxx-xxxxx, dashes and case ignored). */
export const mfaCode = lazy(() => z.string().trim().min(6).max(32));

/** Password right, second factor awaited: no session yet, only this short-lived token. */
export const mfaChallengeResponse = lazy(() =>
  z.object({
    mfaRequired: z.literal(true),
    mfaToken: z.string(),
    /** Seconds the token lives. */
    expiresInSeconds: z.int(),
  }),
);
export type MfaChallengeResponse = z.infer<typeof mfaChallengeResponse>;

/** What POST /api/auth/login answers: a session, or the second step. */
export const loginResponse = lazy(() => z.union([sessionResponse, mfaChallengeResponse]));
export type LoginResponse = z.infer<typeof loginResponse>;

export const mfaVerifyRequest = lazy(() =>
  z.strictObject({
    mfaToken: z.string().min(1).max(128),
    code: mfaCode,
  }),
);
export type MfaVerifyRequest = z.infer<typeof mfaVerifyRequest>;

/** The secret to put into an authenticator app (scan the QR code or type the secret). */
export const mfaSetupResponse = lazy(() =>
  z.object({
    secret: z.string(),
    otpauthUri: z.string(),
    /** PNG data URL of the otpauth URI. */
    qrDataUrl: z.string(),
  }),
);
export type MfaSetupResponse = z.infer<typeof mfaSetupResponse>;

export const mfaActivateRequest = lazy(() =>
  z.strictObject({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, '6 digits'),
  }),
);
export type MfaActivateRequest = z.infer<typeof mfaActivateRequest>;

/** Shown once: each code logs in once instead of a TOTP code. */
export const mfaRecoveryCodesResponse = lazy(() => z.object({ recoveryCodes: z.array(z.string()) }));
export type MfaRecoveryCodesResponse = z.infer<typeof mfaRecoveryCodesResponse>;

/** Turning the second factor off, or new recovery codes: the password again. */
export const mfaPasswordRequest = lazy(() => z.strictObject({ password: z.string().min(1).max(256) }));
export type MfaPasswordRequest = z.infer<typeof mfaPasswordRequest>;

export const mfaStatusResponse = lazy(() =>
  z.object({
    enabled: z.boolean(),
    /** Officers cannot turn it off. */
    required: z.boolean(),
    enabledAt: z.string().nullable(),
    recoveryCodesLeft: z.int(),
  }),
);
export type MfaStatusResponse = z.infer<typeof mfaStatusResponse>;
