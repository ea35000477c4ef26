/** zh-CN keys of what a newcomer hit (issue 9): plain-word dependencies, 预警规则 menu, target form, ledger columns. ./newcomer.en-US.ts has exactly these keys. */
export const newcomerZhCN = {
  'menu.warningRules': '预警规则',
  'newcomer.dep.FS': '完成后开始',
  'newcomer.dep.SS': '开始后开始',
  'newcomer.dep.text': '{stage}（{type}）',
  'newcomer.dep.textLag': '{stage}（{type}，间隔 {lag} 个工作日）',
  'newcomer.targets.title': '设置目标日期',
  'newcomer.targets.hint':
    '该项目还没有计划开工和计划竣工日期，无法倒排工期。在这里填写目标日期即可排期（也可在台账中填写计划开工、计划竣工）。',
  'newcomer.targets.start': '开工目标日期',
  'newcomer.targets.finish': '投产运营目标日期',
  'newcomer.targets.save': '保存并排期',
  'newcomer.targets.order': '投产运营目标不能早于开工目标',
  'newcomer.targets.readOnly': '该项目还没有目标日期，需由有编辑权限的人员设置。',
  'newcomer.warChart.group': '{label}（{n}）',
  'newcomer.ledger.index': '序号',
  'newcomer.ledger.overdueStart': '逾期未开工',
  'newcomer.ledger.overdueStartHint': '计划开工日期 {date} 已过，尚未开工',
  'newcomer.ledger.columns': '列设置',
  'newcomer.ledger.columnsReset': '恢复默认',
} as const;
