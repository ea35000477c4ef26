import type { Lang } from '../messages.ts';

/** Exports that print (issue 9, item 15): titles naming the jurisdiction and the as-of date, the page footer. */
export const exportsMessages = {
  exports_as_of_date: { 'zh-CN': '{year}年{month}月{day}日', 'en-US': '{iso}' },
  exports_ledger_title: {
    'zh-CN': '{region}{year}年重点项目台账（截至{asOf}）',
    'en-US': '{region} {year} key projects ledger (as of {asOf})',
  },
  exports_war_chart_title: {
    'zh-CN': '{region}{year}年重点项目挂图作战图（截至{asOf}）',
    'en-US': '{region} {year} key projects war chart (as of {asOf})',
  },
  // Excel's header/footer codes: &C centre, &P this page, &N the page count.
  exports_page_footer: { 'zh-CN': '&C第 &P 页 共 &N 页', 'en-US': '&CPage &P of &N' },
} as const satisfies Record<string, Record<Lang, string>>;
