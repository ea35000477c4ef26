import type { storageZhCN } from './storage.zh-CN.ts';

export const storageEnUS: Record<keyof typeof storageZhCN, string> = {
  'attachments.title': 'Attachments',
  'attachments.upload': 'Upload a file',
  'attachments.hint':
    'Photos (JPEG, PNG, WebP, HEIC), PDF, Excel (.xlsx) and Word (.docx) files; the type is read from the content',
  'attachments.empty': 'No attachments',
  'attachments.fileName': 'File',
  'attachments.size': 'Size',
  'attachments.uploader': 'Uploaded by',
  'attachments.createdAt': 'Uploaded at',
  'attachments.uploaded': '{name} uploaded',
  'attachments.delete': 'Delete',
  'attachments.deleteConfirm': 'Delete the attachment "{name}"?',
  'attachments.deleted': 'Deleted',
  'jobs.label.purge-orphan-files': 'Delete orphaned attachment files',
};
