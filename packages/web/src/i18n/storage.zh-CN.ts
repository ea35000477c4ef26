/** zh-CN keys of one feature: 附件. Spread into ./zh-CN.ts; ./storage.en-US.ts has exactly these keys. */
export const storageZhCN = {
  'attachments.title': '附件',
  'attachments.upload': '上传附件',
  'attachments.hint':
    '可上传照片（JPEG、PNG、WebP、HEIC）、PDF、Excel（.xlsx）、Word（.docx），按文件内容识别类型',
  'attachments.empty': '暂无附件',
  'attachments.fileName': '文件名',
  'attachments.size': '大小',
  'attachments.uploader': '上传人',
  'attachments.createdAt': '上传时间',
  'attachments.uploaded': '已上传 {name}',
  'attachments.delete': '删除',
  'attachments.deleteConfirm': '删除附件“{name}”？',
  'attachments.deleted': '已删除',
  'jobs.label.purge-orphan-files': '清理无主附件文件',
} as const;
