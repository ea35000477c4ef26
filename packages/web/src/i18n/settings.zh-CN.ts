/** zh-CN keys of one feature: 按区划的设置（工作日历、工序模板、预警规则）. Spread into ./zh-CN.ts; ./settings.en-US.ts has exactly these keys. */
export const settingsZhCN = {} as const;
