/** Server messages of people (leaders and task-force members who need not have an account). */
export const peopleMessages = {
  person_in_use: {
    'zh-CN': '{name} 仍是 {leads} 个项目的包保领导、{serves} 个项目的专班成员，请先在项目中更换后再删除',
    'en-US':
      '{name} still leads {leads} and serves on {serves} projects; replace them in those projects first',
  },
  person_linked: {
    'zh-CN': '{name} 已关联账号 {username}，请先解除该关联',
    'en-US': '{name} is already linked to the account {username}; unlink it first',
  },
  people_export_sheet: { 'zh-CN': '人员', 'en-US': 'People' },
  people_export_seq: { 'zh-CN': '序号', 'en-US': 'No.' },
  people_export_name: { 'zh-CN': '姓名', 'en-US': 'Name' },
  people_export_title: { 'zh-CN': '职务', 'en-US': 'Post' },
  people_export_unit: { 'zh-CN': '单位', 'en-US': 'Unit' },
  people_export_region: { 'zh-CN': '所属区划', 'en-US': 'Region' },
  people_export_phone: { 'zh-CN': '电话', 'en-US': 'Phone' },
  people_export_account: { 'zh-CN': '关联账号', 'en-US': 'Linked account' },
  people_export_leads: { 'zh-CN': '包保项目数', 'en-US': 'Projects led' },
  people_export_serves: { 'zh-CN': '专班项目数', 'en-US': 'Task forces' },
  people_export_file: { 'zh-CN': '人员名单', 'en-US': 'people' },
} as const;
