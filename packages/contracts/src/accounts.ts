import { z } from 'zod';
import { lazy } from './lazy.ts';

/**
 * GET /api/status (public): whether demo accounts exist (every page and the login page show the
 * 演示环境 banner), and the demo password only to a browser on this machine (loopback).
 */
export const publicStatus = lazy(() =>
  z.object({
    demo: z.boolean(),
    demoPasswordHint: z.string().nullable(),
  }),
);
export type PublicStatus = z.infer<typeof publicStatus>;
