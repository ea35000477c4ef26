/** The report page without signal (issue 10, item 3): the outbox's indicator and the installed app. */
export const offlineZhCN = {
  'offline.pending': '{count} 份填报待发送',
  'offline.pendingOffline': '{count} 份填报待发送（无网络）',
  'offline.pendingPhotos': '含 {count} 张照片',
  'offline.sending': '正在发送…',
  'offline.allSent': '已全部发送',
  'offline.failed': '{count} 份填报未能发送',
  'offline.failedOne': '“{name}”的{kind}未能发送：{message}',
  'offline.open': '打开',
  'offline.retry': '重试',
  'offline.discard': '放弃',
  'offline.discardConfirm': '放弃后，这份填报在本机保存的内容和未发送的照片将被删除，确定吗？',
  'offline.kind.draft': '草稿',
  'offline.kind.submit': '提交',
  'offline.queuedAt': '{time} 保存在本机',
} as const;
