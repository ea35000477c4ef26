import { z } from 'zod';
import { lazy } from './lazy.ts';
import { id, page } from './common.ts';

/**
 * An in-app notification. The web words it in the reader's language from `kind` and `params`
 * (an unknown kind gets a generic line); `link` is a path of the web app to open.
 */
export const notification = lazy(() =>
  z.object({
    id: z.int(),
    kind: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    link: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  }),
);
export type NotificationDto = z.infer<typeof notification>;

export const notificationQuery = lazy(() =>
  z.strictObject({
    page,
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    unreadOnly: z
      .enum(['true', 'false', '1', '0'])
      .optional()
      .transform((v) => v === 'true' || v === '1'),
  }),
);
export type NotificationQuery = z.infer<typeof notificationQuery>;

export const notificationPage = lazy(() =>
  z.object({
    items: z.array(notification),
    /** Rows matching the query (all, or the unread ones). */
    total: z.int(),
    /** The caller's unread notifications, whatever the page. */
    unread: z.int(),
  }),
);
export type NotificationPage = z.infer<typeof notificationPage>;

export const notificationIdParams = lazy(() => z.strictObject({ id }));
export const notificationsReadAll = lazy(() => z.object({ updated: z.int() }));
export type NotificationsReadAll = z.infer<typeof notificationsReadAll>;
