/** zh-CN keys of one feature: 通用. Spread into ./zh-CN.ts; ./common.en-US.ts has exactly these keys. */
export const commonZhCN = {
  'app.title': '挂图作战 · 重点项目管理平台',
  'app.short': '挂图作战',
  'common.save': '保存',
  'common.cancel': '取消',
  'common.edit': '编辑',
  'common.create': '新建',
  'common.add': '添加',
  'common.search': '搜索',
  'common.reset': '重置',
  'common.reload': '重新加载',
  'common.back': '返回',
  'common.yes': '是',
  'common.no': '否',
  'common.all': '全部',
  'common.actions': '操作',
  'common.loading': '加载中…',
  'common.total': '共 {n} 项',
  'common.saved': '已保存',
  'common.none': '—',
  'common.forbidden': '无权限',
  'common.notFound': '未找到',
  'common.wan': '万元',
  'common.yi': '亿元',
  'lang.switch': '语言',
  'soon.title': '建设中',
  'soon.subtitle': '该功能正在建设中，敬请期待。',
  'soon.warChart':
    '项目 × 19 道工序的挂图作战图：按倒排工期计算每道工序的最迟开始与完成时间，按红/黄/绿预警着色，一图看清哪些项目、哪道工序滞后。',
  'soon.dispatch':
    '一月一调度：专班按月填报完成投资、形象进度（文字和照片）和工序进展，设截止时间；未按时上报的自动预警。',
  'soon.problems':
    '问题督办：难点、卡点、堵点问题按“问题梳理→分析研判→专班会商→结果反馈”闭环流转，每一步有责任人和期限，重大事项报市委市政府研究决定。',
  'soon.assessment':
    '督导考核：百分制月度评分（按时开工、投资完成、工序进度、问题答复、数据上报），按领导、专班、部门、乡镇排名通报，对突出问题实行约谈。',
  'soon.funding':
    '资金：中央及省预算内投资、政府专项债券、中长期贷款、高标准农田等资金的申报、审核、下达和支出，按类别和批次统计需求与下达额度。',
  'soon.dashboard':
    '驾驶舱：项目总数、总投资、年度计划、开工率、预警分布、投资完成进度和排名，一屏总览全市重点项目建设情况。',
  'error.title': '出错了',
  'notFound.title': '页面不存在',
} as const;
