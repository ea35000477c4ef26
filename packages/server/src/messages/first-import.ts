import type { Lang } from '../messages.ts';

/** The first import into an empty system: the ledger's jurisdiction (issue 9, item 2). */
export const firstImportMessages = {
  import_other_jurisdiction: {
    'zh-CN': '此台账属于{ledger}，您的管辖范围是{yours}',
    'en-US': 'This ledger belongs to {ledger}; your jurisdiction is {yours}',
  },
  import_jurisdiction_unknown: {
    'zh-CN': '无法确定台账所属的行政区划，请指定区划（名称或代码）',
    'en-US': "The ledger's jurisdiction cannot be told from the file; name the division (name or code)",
  },
  import_jurisdiction_unconfirmed: {
    'zh-CN': '系统尚未设置行政区划：请确认台账所属区划为{proposed}（{code}）后再导入',
    'en-US':
      'No division is set up yet: confirm {proposed} ({code}) as the ledger’s jurisdiction to import it',
  },
} as const satisfies Record<string, Record<Lang, string>>;
