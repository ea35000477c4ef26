import { z } from 'zod';
import { lazy } from './lazy.ts';

// Phone numbers are masked (138****1234) in every other answer; these carry the whole number to
// those allowed, and each answer is an audit row (action view_personal_data).

/** GET /api/projects/:id/contact-phone */
export const projectContactPhone = lazy(() => z.object({ contactPhone: z.string().nullable() }));
export type ProjectContactPhone = z.infer<typeof projectContactPhone>;

/** GET /api/users/:id/phone */
export const userPhone = lazy(() => z.object({ phone: z.string().nullable() }));
export type UserPhone = z.infer<typeof userPhone>;
