/** zh-CN keys of one feature: 后台任务与通知. Spread into ./zh-CN.ts; ./jobs.en-US.ts has exactly these keys. */
export const jobsZhCN = {} as const;
