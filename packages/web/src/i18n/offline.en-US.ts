import type { offlineZhCN } from './offline.zh-CN.ts';

export const offlineEnUS: Record<keyof typeof offlineZhCN, string> = {
  'offline.pending': '{count} report(s) waiting to be sent',
  'offline.pendingOffline': '{count} report(s) waiting to be sent (no connection)',
  'offline.pendingPhotos': 'with {count} photo(s)',
  'offline.sending': 'Sending…',
  'offline.allSent': 'All sent',
  'offline.failed': '{count} report(s) could not be sent',
  'offline.failedOne': 'The {kind} of “{name}” could not be sent: {message}',
  'offline.open': 'Open',
  'offline.retry': 'Retry',
  'offline.discard': 'Discard',
  'offline.discardConfirm':
    'Discarding deletes this report as kept on this phone, with its unsent photos. Continue?',
  'offline.kind.draft': 'Draft',
  'offline.kind.submit': 'Submission',
  'offline.queuedAt': 'kept on this phone at {time}',
} as const;
