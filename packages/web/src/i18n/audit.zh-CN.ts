/** zh-CN keys of one feature: 审计日志（防篡改链、统计、导出）与安全事件. Spread into ./zh-CN.ts; ./audit.en-US.ts has exactly these keys. */
export const auditZhCN = {} as const;
