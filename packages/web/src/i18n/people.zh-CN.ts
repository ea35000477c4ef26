/**
 * zh-CN keys of one feature: 人员 (leaders and task-force members are people, not accounts).
 * Spread into ./zh-CN.ts; ./people.en-US.ts has exactly these keys.
 */
export const peopleZhCN = {
  'people.title': '人员管理',
  'people.hint':
    '包保领导和专班成员是人员，不必有登录账号；安全管理员可为人员关联账号，账号随之看到该人员包保和参与的项目。',
  'people.create': '新增人员',
  'people.edit': '编辑人员',
  'people.delete': '删除',
  'people.deleteConfirm': '确定删除 {name}？',
  'people.deleted': '已删除',
  'people.saved': '已保存',
  'people.name': '姓名',
  'people.titleField': '职务',
  'people.unit': '单位',
  'people.phone': '电话',
  'people.region': '所属区划',
  'people.account': '关联账号',
  'people.noAccount': '无账号',
  'people.projects': '包保/专班',
  'people.projectsCount': '包保 {leads} · 专班 {serves}',
  'people.search': '姓名、职务或单位',
  'people.linked': '账号',
  'people.linkedYes': '已关联账号',
  'people.linkedNo': '未关联账号',
  'people.export': '导出 Excel',
  'people.exportFile': '人员名单',
  'people.pick': '搜索人员姓名',
  'people.linkedPerson': '关联人员',
  'people.linkedPersonHint': '包保领导、专班成员账号按所关联人员看到项目',
} as const;
