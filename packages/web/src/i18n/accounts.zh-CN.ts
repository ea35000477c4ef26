/** zh-CN keys of one feature: 账号、三员分立、双因素认证、密码、演示环境横幅. Spread into ./zh-CN.ts; ./accounts.en-US.ts has exactly these keys. */
export const accountsZhCN = {} as const;
