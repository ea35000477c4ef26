import type { Lang } from '../messages.ts';

/** Uploaded files: spreadsheets, archives, attachments. */
export const uploadMessages = {
  // The detail of bad_request by its reason, worded in the caller's language.
  bad_request_no_file: { 'zh-CN': '请选择要上传的文件', 'en-US': 'Choose a file to upload' },
  bad_request_not_multipart: {
    'zh-CN': '请以 multipart/form-data 上传文件（字段名 file）',
    'en-US': 'Upload the file as multipart/form-data (field name: file)',
  },
  too_large: { 'zh-CN': '请求内容过大（上限 {limit}）', 'en-US': 'The request is too large (limit {limit})' },
  not_spreadsheet: {
    'zh-CN': '无法识别的文件：请上传 Excel 工作簿（.xlsx）或 CSV 文件',
    'en-US': 'Unrecognised file: upload an Excel workbook (.xlsx) or a CSV file',
  },
  encrypted_file: {
    'zh-CN':
      '该工作簿设置了打开密码，无法读取：请在 Excel/WPS 中取消密码（文件→信息→保护工作簿）后另存再上传',
    'en-US': 'The workbook is password-protected: remove the password in Excel/WPS, save and upload again',
  },
  corrupt_file: {
    'zh-CN': '文件已损坏或不完整，无法读取：请在 Excel/WPS 中打开并另存为 .xlsx 后重新上传',
    'en-US': 'The file is damaged or incomplete: open it in Excel/WPS, save it as .xlsx and upload again',
  },
  upload_size_mismatch: {
    'zh-CN': '文件内部记录的大小与实际内容不符，文件已损坏或被篡改，未导入',
    'en-US':
      'The sizes recorded inside the file do not match its content: it is damaged or tampered with; nothing was imported',
  },
  upload_too_many_entries: {
    'zh-CN': '文件内部条目过多（上限 {limit} 个），可能是异常文件，未导入',
    'en-US': 'The file holds too many parts (limit {limit}); it may be malicious; nothing was imported',
  },
  upload_unpacked_too_large: {
    'zh-CN': '文件解压后过大（上限 {limit}），可能是异常文件，未导入',
    'en-US': 'The file is too large once unpacked (limit {limit}); it may be malicious; nothing was imported',
  },
  upload_compression_ratio: {
    'zh-CN': '文件压缩比异常（上限 {limit}:1），可能是压缩炸弹，未导入',
    'en-US':
      'The file is compressed abnormally tightly (limit {limit}:1); it may be a zip bomb; nothing was imported',
  },
  upload_too_many_rows: {
    'zh-CN': '表格行数过多（上限 {limit} 行），请拆分后分批导入',
    'en-US': 'The sheet has too many rows (limit {limit}); split it and import in parts',
  },
  upload_too_many_cells: {
    'zh-CN': '表格单元格过多（上限 {limit} 个，空单元格也计入），请删除多余的行列或拆分后导入',
    'en-US':
      'The file has too many cells (limit {limit}, empty cells included); remove unused rows and columns or split it',
  },
  upload_line_too_long: {
    'zh-CN': 'CSV 文件中有一行过长（上限 {limit} 个字符），可能是异常文件，未导入',
    'en-US':
      'A line of the CSV file is too long (limit {limit} characters); it may be malicious; nothing was imported',
  },
  upload_parse_memory: {
    'zh-CN': '文件过于复杂，解析所需内存超过上限（{limit}），请拆分后重新上传',
    'en-US':
      'The file is too complex: reading it needs more memory than allowed ({limit}); split it and upload again',
  },
  upload_parse_timeout: {
    'zh-CN': '文件解析超时（上限 {limit} 秒），请拆分后重新上传',
    'en-US': 'Reading the file timed out (limit {limit} s); split it and upload again',
  },
  legacy_xls: {
    'zh-CN': '暂不支持旧版 Excel 97-2003（.xls）文件：请在 Excel/WPS 中另存为 .xlsx 后上传',
    'en-US': 'Excel 97-2003 (.xls) files are not supported: save the file as .xlsx and upload again',
  },
  attachment_type: {
    'zh-CN':
      '不支持此类文件（按内容识别为 {type}）；可上传 JPEG、PNG、WebP、HEIC 图片，PDF，Excel（.xlsx）或 Word（.docx）',
    'en-US':
      'This kind of file is not accepted (its content is {type}); upload a JPEG, PNG, WebP or HEIC image, a PDF, an Excel (.xlsx) or Word (.docx) file',
  },
  attachment_no_file: {
    'zh-CN': '请选择要上传的文件（multipart/form-data，字段名 file）',
    'en-US': 'Choose a file to upload (multipart/form-data, field "file")',
  },
} as const satisfies Record<string, Record<Lang, string>>;
