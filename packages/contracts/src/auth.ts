import { z } from 'zod';
import { lazy } from './lazy.ts';
import { roles } from '@guatu/domain/vocabulary';
import { id } from './common.ts';

export { roles };

export const role = lazy(() => z.enum(roles));
export type { Role } from '@guatu/domain/vocabulary';

export const loginRequest = lazy(() =>
  z.strictObject({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  }),
);
export type LoginRequest = z.infer<typeof loginRequest>;

/** An account's fields as both the session's user and the administrators' list answer them. */
export const accountFields = () => ({
  id: id,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(role),
  regionId: id,
  regionName: z.string(),
  departmentId: id.nullable(),
});

export const sessionUser = lazy(() =>
  z.object({
    ...accountFields(),
    /** A printed or reset password: until changed, only /auth/me, /auth/password and logout answer. */
    mustChangePassword: z.boolean(),
    /** The user's region is the deployment's root (the province of a province deployment): deployment-wide pages such as 后台任务 are for its admin. */
    rootRegion: z.boolean(),
    /** The person the account is linked to (leaders and task-force members are people); null: none. */
    personId: id.nullable().optional(),
  }),
);
export type SessionUser = z.infer<typeof sessionUser>;

/** Login and /me answer with the user and the CSRF token to send as `X-CSRF-Token` on every write. */
export const sessionResponse = lazy(() =>
  z.object({
    user: sessionUser,
    csrfToken: z.string(),
    idleTimeoutMinutes: z.int(),
    /** An officer without a second factor: only enrolment (/api/auth/mfa/setup, activate) answers. */
    mfaSetupRequired: z.boolean().optional(),
    /** The user has a second factor. */
    mfaEnabled: z.boolean().optional(),
    /** When the password reaches its maximum age (GUATU_PASSWORD_MAX_DAYS); null: no maximum. */
    passwordExpiresAt: z.string().nullable().optional(),
    /** The password expires within 7 days: the web shows a notice. */
    passwordExpiresSoon: z.boolean().optional(),
    /** Absolute end of this session (GUATU_SESSION_HOURS after login), whatever the activity. */
    sessionExpiresAt: z.string().optional(),
  }),
);
export type SessionResponse = z.infer<typeof sessionResponse>;

export const changePasswordRequest = lazy(() =>
  z.strictObject({
    currentPassword: z.string().min(1).max(256),
    newPassword: z.string().min(1).max(256),
  }),
);
export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>;
