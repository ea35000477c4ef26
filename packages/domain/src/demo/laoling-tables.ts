/**
 * Lookup tables of the 乐陵市 demo: what the article says of the projects it
 * names, and the names, words and codes the generator draws from.
 */
import type { DemoProject } from './types.ts';

/** What the article says of the four projects it names. */
export const articleFacts: Record<string, Partial<DemoProject>> = {
  文化体验创意中心项目: {
    actualStart: '2023-03-18',
    plannedStart: '2023-03',
    plannedFinish: '2024-12-31',
    content: '建设文化展示、创意办公、非遗体验及配套服务用房，总建筑面积约3.6万平方米',
    notes: '2023年4月13日：正打桩、开槽',
  },
  井家棚改项目: {
    actualStart: '2021-08-16',
    plannedStart: '2021-08',
    plannedFinish: '2023-06-30',
    content: '井家片区棚户区改造，建设安置住宅楼及配套设施，总建筑面积约8.2万平方米',
    notes: '2023年4月13日：完成了内外装修',
  },
  汇源大街提升改造项目: {
    actualStart: '2022-05-09',
    plannedStart: '2022-05',
    plannedFinish: '2023-05-31',
    content: '对汇源大街车行道、人行道、雨污管网、绿化及照明进行提升改造',
    notes: '2023年4月13日：接近尾声',
  },
  中国农批乐陵农产品智慧物流园项目: {
    actualStart: '2022-11',
    plannedStart: '2022-11',
    plannedFinish: '2023-09-30',
    content: '建设农产品交易区、冷链仓储、电商物流及综合服务区，共13栋主体建筑',
    notes: '工程负责人魏东：项目自2022年11月开工建设，13栋主体建筑已全部封顶，预计10月前投入运营',
  },
};

export const industryLeaders: Record<string, string[]> = {
  先进制造: ['leader1', 'leader6'],
  新能源: ['leader1'],
  现代农业: ['leader3'],
  水利: ['leader3'],
  城市更新: ['leader2'],
  交通: ['leader2'],
  商贸物流: ['leader4'],
  文化旅游: ['leader4'],
  教育: ['leader5'],
  医疗卫生: ['leader5'],
  民生: ['leader5'],
};

export const industryDepartments: Record<string, string | null> = {
  先进制造: 'gxj',
  新能源: 'fgj',
  现代农业: 'nyncj',
  商贸物流: 'swj',
  文化旅游: null,
  城市更新: 'zjj',
  交通: 'jtysj',
  教育: 'jtj',
  医疗卫生: 'wjj',
  水利: null,
  民生: null,
};

/** Two digits of the industry segment of a project code. */
export const industryCodes: Record<string, string> = {
  先进制造: '35',
  新能源: '44',
  现代农业: '01',
  商贸物流: '59',
  文化旅游: '88',
  城市更新: '47',
  交通: '48',
  教育: '83',
  医疗卫生: '84',
  水利: '76',
  民生: '78',
};

export const companyWords = [
  '德润',
  '鲁信',
  '华瑞',
  '恒泰',
  '金禾',
  '瑞丰',
  '博远',
  '新宇',
  '万通',
  '盛达',
  '远航',
  '宏图',
  '福源',
  '天成',
  '鼎盛',
  '嘉禾',
  '润丰',
  '聚力',
  '安泰',
  '鑫源',
];
export const companyKinds: Record<string, string[]> = {
  先进制造: ['科技', '机械制造', '新材料', '智能装备'],
  新能源: ['新能源', '能源科技'],
  现代农业: ['农业发展', '食品'],
  商贸物流: ['商贸', '供应链管理'],
  文化旅游: ['文化旅游发展'],
  城市更新: ['置业'],
  交通: ['交通建设'],
  教育: ['教育发展'],
  医疗卫生: ['健康产业'],
  水利: ['水务'],
  民生: ['环境科技', '城市服务'],
};
export const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '郑',
];
export const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '强',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '志强',
  '海燕',
  '文涛',
  '立新',
];
export const roads = ['汇源大街', '兴业路', '振兴大街', '湖滨路', '枣乡大街', '开元大道', '阜乐路', '云红路'];
export const pendingReasons = [
  '用地预审办理中',
  '环评报告编制中',
  '施工图审查中',
  '土地招拍挂程序进行中',
  '节能审查办理中',
  '规划方案调整中',
];

/** What a project of each industry mainly builds. */
export const industryWorks: Record<string, string> = {
  先进制造: '生产车间、研发中心、仓储用房及配套设施，购置智能化生产设备',
  新能源: '发电（储能）设施、升压站及配套送出线路',
  现代农业: '种养殖基地、加工车间、冷链仓储及配套设施',
  商贸物流: '交易市场、仓储物流中心、电商服务中心及配套设施',
  文化旅游: '游客服务中心、展陈体验区、景观提升及配套设施',
  城市更新: '住宅及配套用房，改造道路、管网、绿化、照明等基础设施',
  交通: '道路路基、路面、桥涵及交通安全设施',
  教育: '教学楼、实验楼、宿舍楼、风雨操场及配套设施',
  医疗卫生: '门急诊楼、医技楼、住院楼及配套设施，购置医疗设备',
  水利: '河道治理、泵站、管网及配套水利设施',
  民生: '业务用房、处理设施及配套工程',
};
