/** zh-CN keys of one feature: the living demo's 截止日期 (figures as of a date). Spread into ./zh-CN.ts; ./demo.en-US.ts has exactly these keys. */
export const demoZhCN = {
  'asOf.label': '截止日期',
  'asOf.today': '截至今天',
  'asOf.hint': '按截止日期统计：实际开工日期不晚于该日的项目计为已开工',
} as const;
