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
} as const;
