/** zh-CN keys of one feature: 上传文件的安全检查. Spread into ./zh-CN.ts; ./uploads.en-US.ts has exactly these keys. */
export const uploadsZhCN = {} as const;
