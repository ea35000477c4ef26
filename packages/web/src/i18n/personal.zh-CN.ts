/** zh-CN keys of one feature: 个人信息（电话脱敏、查看明文）. Spread into ./zh-CN.ts; ./personal.en-US.ts has exactly these keys. */
export const personalZhCN = {
  'personal.view': '查看',
  'personal.viewTooltip': '查看完整号码。查看将被记录（审计日志）',
  'personal.hide': '隐藏',
  'personal.maskedHelp': '号码已打码显示：不修改则保留原号码；如需更改，请删去后填写完整号码',
  'personal.maskedInvalid': '号码含有打码字符 *，请填写完整号码',
} as const;
