/** zh-CN keys of one feature: 账号、三员分立、双因素认证、密码、演示环境横幅. Spread into ./zh-CN.ts; ./accounts.en-US.ts has exactly these keys. */
export const accountsZhCN = {
  'accounts.demo.banner':
    '当前系统含演示数据和共用公开密码的演示账号，演示账号只能在本机登录。正式使用前请由运维执行 npm run guatu -- demo --remove 删除演示数据和账号。',
  'accounts.demo.tag': '演示环境',
  'accounts.demo.passwordHint': '演示账号（如 fgj、mayor、leader1、tf01、viewer）的密码：{password}',
  'accounts.mustChange.title': '请先修改密码',
  'accounts.mustChange.hint':
    '您当前使用的是初始密码或安全管理员重置的密码，按安全要求须修改为只有您自己知道的新密码后才能继续使用。',
  'accounts.separation.title': '三员分立',
  'accounts.separation.help':
    '系统管理员、安全管理员、审计员三个角色互斥：一个账号只能担任其中一个，且不能兼任其他业务角色。系统管理员管理区划、部门和项目数据；安全管理员管理账号、角色和密码；审计员查看前两者的全部操作日志。',
  'accounts.separation.officerAlone': '已选三员角色（{role}），不能再选其他角色',
  'accounts.separation.officerDisabled': '已选业务角色，三员角色须单独成号',
  'accounts.user.mustChange': '待改密',
  'accounts.user.demo': '演示',
  'accounts.user.self': '本人',
  'accounts.user.ownRoles': '不能修改自己的角色；如需调整，请由另一位安全管理员操作',
  'accounts.user.resetHint': '重置后，该用户首次登录时须修改此密码。',
  'accounts.user.createHint': '由您设定的初始密码，用户首次登录时须修改。',
} as const;
