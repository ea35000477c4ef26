/**
 * The words of the living demo's dispatch reports (laoling-dispatch.ts): 形象进度 and next month's
 * plan per stage, the problems a task force reports now and then, the reasons a report is returned.
 */
import type { Stage } from './types.ts';

export const progressBank: Record<Stage, readonly string[]> = {
  preparing: [
    '前期手续办理中，施工图设计已完成，正在进行审查',
    '土地手续办理中，场地已完成清表和围挡',
    '施工单位招标已完成，正在办理施工许可',
    '可研及初步设计已批复，正在编制施工图',
  ],
  foundation: [
    '场地平整完成，桩基施工中',
    '基础土方开挖完成，正在浇筑垫层',
    '桩基施工完成，承台及地梁施工中',
    '临建设施搭建完成，基础施工中',
  ],
  structure: [
    '主体结构施工中，已完成至三层',
    '钢结构厂房主体吊装中，已完成约六成',
    '主体结构已封顶，砌体施工中',
    '主体施工中，混凝土浇筑按计划推进',
  ],
  finishing: [
    '主体完工，内外装修施工中',
    '生产设备陆续进场，正在安装调试',
    '室外管网及道路配套工程施工中',
    '幕墙及屋面工程施工中，机电安装同步推进',
  ],
  completing: [
    '设备调试中，准备竣工验收',
    '配套工程收尾，正在组织专项验收',
    '已完成联合验收，部分车间试生产',
  ],
  completed: ['项目已竣工投产，办理竣工决算', '已竣工验收，正在进行竣工结算'],
};

export const planBank: Record<Stage, readonly string[]> = {
  preparing: [
    '加快办理前期手续，力争下月开工',
    '完成施工图审查，办理施工许可',
    '推进土地招拍挂，同步开展施工准备',
  ],
  foundation: ['完成基础施工，启动主体结构', '加快桩基施工进度，增加作业面', '完成地下部分施工并组织验收'],
  structure: ['主体结构施工至封顶', '完成钢结构吊装，启动屋面施工', '加快主体施工，同步启动砌体工程'],
  finishing: ['完成内外装修，推进设备安装', '完成设备安装并开始单机调试', '完成室外配套，准备竣工验收'],
  completing: ['组织竣工验收，办理投产手续', '完成验收备案，投入试运行'],
  completed: ['完成竣工决算审计', '做好投产后的统计和服务保障'],
};

export const problemBank: readonly string[] = [
  '施工用电增容尚未完成，影响设备调试',
  '建设资金到位滞后，需协调银行贷款投放',
  '项目用地内有少量附属物未清理完毕',
  '钢材等原材料价格上涨，施工单位进度放缓',
  '现场施工人员不足，需协调劳务队伍',
  '天然气管线接入需燃气公司配合',
];

export const returnReasons: readonly string[] = [
  '本月完成投资与形象进度不符，请核实后重报',
  '到位资金填写有误，请按实际到位金额填报',
  '纳统信息缺失，请补充统计库代码和入库日期',
  '下一步计划过于笼统，请细化到节点',
];
