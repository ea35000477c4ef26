/**
 * A notification to be delivered: written to the outbox in the same transaction as the change that
 * causes it (see ./outbox.ts), delivered by the job runner. `kind` names a message the web words in
 * the reader's language from `params`; the server never builds a Chinese sentence for it.
 */
export type NotificationInput = {
  /** Recipients by user id. */
  userIds: number[];
  kind: string;
  params?: Record<string, string | number>;
  /** A path in the web app to open, e.g. '/admin/security-events'. */
  link?: string;
};
