/** zh-CN keys of one feature: 登录会话、双因素认证（TOTP）、密码规则与有效期. Spread into ./zh-CN.ts; ./auth.en-US.ts has exactly these keys. */
export const authZhCN = {} as const;
