/** zh-CN keys of one feature: 个人信息（电话脱敏、查看明文）. Spread into ./zh-CN.ts; ./personal.en-US.ts has exactly these keys. */
export const personalZhCN = {} as const;
