import { z } from 'zod';
import { roles } from '@guatu/domain';
import { id } from './common.ts';

export { roles };

export const role = z.enum(roles);
export type { Role } from '@guatu/domain';

export const loginRequest = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export const sessionUser = z.object({
  id: id,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(role),
  regionId: id,
  regionName: z.string(),
  departmentId: id.nullable(),
});
export type SessionUser = z.infer<typeof sessionUser>;

/** Login and /me answer with the user and the CSRF token to send as `X-CSRF-Token` on every write. */
export const sessionResponse = z.object({
  user: sessionUser,
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number().int(),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const changePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>;
