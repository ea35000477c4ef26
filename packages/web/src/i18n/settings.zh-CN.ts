/** zh-CN keys of one feature: 按区划的设置（工作日历、工序模板、预警规则）. Spread into ./zh-CN.ts; ./settings.en-US.ts has exactly these keys. */
export const settingsZhCN = {
  'settings.own': '本级设置',
  'settings.inheritedFrom': '继承自 {region}',
  'settings.builtIn': '系统默认',
  'settings.regionOf': '{region}的设置',
  'settings.source': '来源',
  'settings.restore': '恢复继承',
  'settings.restoreTitle': '恢复继承{what}？',
  'settings.restoreConfirm': '将删除{region}本级的{what}，改用上级区划（或系统默认）的设置。',
  'settings.restored': '已恢复继承',
  'settings.readOnly': '这是上级区划的设置，您只能查看；保存后将成为{region}本级的设置。',
  'settings.cannotEdit': '您不能修改{region}的设置',
  'settings.ownCopyHint': '保存后成为{region}本级的设置，只影响{region}及下级区划的项目。',
  'settings.what.template': '工序模板',
  'settings.what.rules': '预警规则',
  'settings.calendarHint':
    '法定节假日全国统一；本级添加的停工期等条目只作用于{region}及下级区划，上级区划的条目同样生效。',
  'settings.yearsRootOnly': '新增年份（法定节假日）由最上级区划的管理员维护。',
} as const;
