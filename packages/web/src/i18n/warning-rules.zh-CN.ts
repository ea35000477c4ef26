/** zh-CN keys of one feature: 预警规则. Spread into ./zh-CN.ts; ./warning-rules.en-US.ts has exactly these keys. */
export const warningRulesZhCN = {
  'warningRules.title': '预警规则',
  'warningRules.hint': '开工预警按月、工序预警按日历天计算；修改后所有项目的工期计划和挂图立即按新规则着色。',
  'warningRules.start': '开工预警',
  'warningRules.startStages': '适用工序',
  'warningRules.yellowMonthsPast': '逾期几个月黄色预警',
  'warningRules.redMonthsPast': '逾期几个月红色预警',
  'warningRules.stage': '工序预警',
  'warningRules.yellowDaysPast': '超过最迟完成几天黄色预警',
  'warningRules.redDaysPast': '超过最迟完成几天红色预警',
  'warningRules.negativeFloat': '总时差为负时',
  'warningRules.level.yellow': '黄色预警',
  'warningRules.level.red': '红色预警',
  'warningRules.level.none': '不预警',
  'warningRules.yellowAboveRed': '黄色预警的阈值不能大于红色预警',
  'warningRules.conflict': '预警规则已被他人修改，请重新加载后再改。',
  'warningRules.save': '保存预警规则',
} as const;
