/**
 * The regions, departments and users of the 乐陵市 demo. Names of people are
 * invented; the towns and streets are 乐陵's real 4 街道, 9 镇 and 3 乡.
 */
import type { DemoDepartment, DemoRegion, DemoUser } from './types.ts';

export const COUNTY_KEY = 'laoling';

/** Town key, name and an approximate centre [longitude, latitude]. */
export const laolingTowns = [
  { key: 'town-shizhong', name: '市中街道', centre: [117.222, 37.731] },
  { key: 'town-hujia', name: '胡家街道', centre: [117.176, 37.745] },
  { key: 'town-yunhong', name: '云红街道', centre: [117.248, 37.721] },
  { key: 'town-guojia', name: '郭家街道', centre: [117.205, 37.703] },
  { key: 'town-yangan', name: '杨安镇', centre: [117.071, 37.642] },
  { key: 'town-zhuji', name: '朱集镇', centre: [117.318, 37.776] },
  { key: 'town-huangjia', name: '黄夹镇', centre: [117.121, 37.803] },
  { key: 'town-dingwu', name: '丁坞镇', centre: [117.288, 37.842] },
  { key: 'town-huayuan', name: '花园镇', centre: [117.357, 37.701] },
  { key: 'town-zhengdian', name: '郑店镇', centre: [117.151, 37.662] },
  { key: 'town-hualou', name: '化楼镇', centre: [117.401, 37.752] },
  { key: 'town-kongzhen', name: '孔镇镇', centre: [117.102, 37.709] },
  { key: 'town-tieying', name: '铁营镇', centre: [117.233, 37.612] },
  { key: 'town-xiduan', name: '西段乡', centre: [117.038, 37.758] },
  { key: 'town-dasun', name: '大孙乡', centre: [117.189, 37.861] },
  { key: 'town-zhaitoubao', name: '寨头堡乡', centre: [117.338, 37.611] },
] as const;

export const laolingCentre = [117.216, 37.73] as const;

/** Province → city → 乐陵市 with its towns, and 宁津县 as an empty sibling county for scope tests. */
export function laolingRegions(): DemoRegion[] {
  return [
    { key: 'shandong', parentKey: null, name: '山东省', level: 'province', code: '370000' },
    { key: 'dezhou', parentKey: 'shandong', name: '德州市', level: 'city', code: '371400' },
    { key: COUNTY_KEY, parentKey: 'dezhou', name: '乐陵市', level: 'county', code: '371481' },
    ...laolingTowns.map((t): DemoRegion => ({
      key: t.key,
      parentKey: COUNTY_KEY,
      name: t.name,
      level: 'town',
      code: null,
    })),
    { key: 'ningjin', parentKey: 'dezhou', name: '宁津县', level: 'county', code: '371422' },
    { key: 'ningjin-jincheng', parentKey: 'ningjin', name: '津城街道', level: 'town', code: null },
  ];
}

/** The departments of 乐陵市 that take part in key-project work. */
export function laolingDepartments(): DemoDepartment[] {
  const names: [string, string][] = [
    ['fgj', '发展和改革局'],
    ['zrzy', '自然资源局'],
    ['zjj', '住房和城乡建设局'],
    ['sthj', '德州市生态环境局乐陵分局'],
    ['xzsp', '行政审批服务局'],
    ['gxj', '工业和信息化局'],
    ['czj', '财政局'],
    ['tjj', '统计局'],
    ['jtysj', '交通运输局'],
    ['jtj', '教育和体育局'],
    ['wjj', '卫生健康局'],
    ['nyncj', '农业农村局'],
    ['swj', '商务局'],
  ];
  return names.map(([key, name]) => ({ key, regionKey: COUNTY_KEY, name }));
}

/** Leader username, name and post; the post is for documentation, DemoUser has no title field. */
export const laolingLeaders = [
  { username: 'leader1', displayName: '张建国', post: '市委常委、常务副市长' },
  { username: 'leader2', displayName: '李红梅', post: '副市长' },
  { username: 'leader3', displayName: '王立新', post: '副市长' },
  { username: 'leader4', displayName: '赵海波', post: '市委常委' },
  { username: 'leader5', displayName: '陈晓燕', post: '副市长' },
  { username: 'leader6', displayName: '刘德胜', post: '市委常委、经济开发区党工委书记' },
] as const;

const taskForceNames = [
  '周振华',
  '吴海燕',
  '郑国强',
  '孙丽娟',
  '马建军',
  '朱文静',
  '胡志刚',
  '郭晓梅',
  '何永军',
  '高玉兰',
  '林海涛',
  '罗春燕',
];

export const taskForceUsernames = taskForceNames.map((_, i) => `tf${String(i + 1).padStart(2, '0')}`);

const phone = (n: number): string => `1380534${String(n).padStart(4, '0')}`;

/**
 * Demo users for every business role and a county admin (fgj). The three officers (admin, secadmin,
 * auditor) are the server's setup accounts, not demo accounts (三员分立).
 */
export function laolingUsers(): DemoUser[] {
  const user = (
    username: string,
    displayName: string,
    role: DemoUser['roles'][number],
    n: number,
    extra: Partial<DemoUser> = {},
  ): DemoUser => ({
    username,
    displayName,
    roles: [role],
    regionKey: COUNTY_KEY,
    departmentKey: null,
    phone: phone(n),
    ...extra,
  });
  return [
    user('fgj', '孟庆华', 'admin', 1, { departmentKey: 'fgj' }),
    user('mayor', '刘志强', 'city_leader', 10),
    ...laolingLeaders.map((l, i) => user(l.username, l.displayName, 'leader', 11 + i)),
    ...taskForceNames.map((name, i) => user(taskForceUsernames[i]!, name, 'task_force', 21 + i)),
    user('dept-zrzy', '曹明远', 'department', 41, { departmentKey: 'zrzy' }),
    user('dept-zjj', '袁丽华', 'department', 42, { departmentKey: 'zjj' }),
    user('dept-xzsp', '邓晓光', 'department', 43, { departmentKey: 'xzsp' }),
    user('town-shizhong', '许文博', 'town', 51, { regionKey: 'town-shizhong' }),
    user('town-zhuji', '宋桂芝', 'town', 52, { regionKey: 'town-zhuji' }),
    user('viewer', '唐建平', 'viewer', 61, { phone: null }),
  ];
}

/**
 * A person of the demo who leads a project or serves on a task force (issue 9, item 3: people are
 * not accounts). `key` is what DemoProject.leaderUsername / taskForceUsernames name; `username` the
 * demo account linked to the person (scope follows the link), null for one who never logs in.
 */
export type DemoPerson = {
  key: string;
  name: string;
  title: string | null;
  unit: string | null;
  phone: string | null;
  regionKey: string;
  username: string | null;
};

/** The article's leaders (市领导) and the task-force staff; those who log in in the demo keep their accounts, linked. */
export function laolingPeople(): DemoPerson[] {
  return [
    ...laolingLeaders.map((l, i): DemoPerson => ({
      key: l.username,
      name: l.displayName,
      title: l.post,
      unit: l.post.includes('副市长') ? '乐陵市人民政府' : '中共乐陵市委',
      phone: phone(11 + i),
      regionKey: COUNTY_KEY,
      username: l.username,
    })),
    ...taskForceNames.map((name, i): DemoPerson => ({
      key: taskForceUsernames[i]!,
      name,
      title: '专班成员',
      unit: '乐陵市重点项目服务中心',
      phone: phone(21 + i),
      regionKey: COUNTY_KEY,
      username: taskForceUsernames[i]!,
    })),
  ];
}
