import { describe, expect, it } from 'vitest';
import { matchTownInAddress, townStem } from './address-match.ts';
import { departmentKey, editDistance, nearDepartments, nearPeople, personKey } from './near-name.ts';
import { jurisdictionFromPlaces, jurisdictionInTitle, titleLines } from './title.ts';

const candidates = [
  { code: '370000', name: '山东省', parentCode: null },
  { code: '371400', name: '德州市', parentCode: '370000' },
  { code: '371481', name: '乐陵市', parentCode: '371400' },
  { code: '371422', name: '宁津县', parentCode: '371400' },
  { code: '320106', name: '鼓楼区', parentCode: '320100' },
  { code: '320100', name: '南京市', parentCode: '320000' },
  { code: '350102', name: '鼓楼区', parentCode: '350100' },
  { code: '350100', name: '福州市', parentCode: '350000' },
];
const towns = [
  { id: 1, name: '寨头堡乡', parentCode: '371481' },
  { id: 2, name: '长官镇', parentCode: '371481' },
  { id: 3, name: '市中街道', parentCode: '371481' },
  { id: 4, name: '朱集镇', parentCode: '371481' },
  { id: 5, name: '柴胡店镇', parentCode: '371422' },
  { id: 6, name: '长官镇', parentCode: '999999' },
  { id: 7, name: '宁津街道', parentCode: '371422' },
];

describe('the jurisdiction in the title lines', () => {
  it.each([
    [['乐陵市2023年重点项目台账'], '371481'],
    [['填报单位：乐陵市发展和改革局'], '371481'],
    [['宁津县2024年重点项目清单', '单位：万元'], '371422'],
    [['山东省德州市乐陵市2023年重点项目'], '371481'],
    [['德州市2023年市级重点项目'], '371400'],
    [['2023年重点项目台账', '填报单位：宁津县发改局'], '371422'],
    [['南京市鼓楼区重点项目'], '320106'],
    [['鼓楼区重点项目'], null],
    [['乐陵市、宁津县联合项目'], null],
    [['2023年重点项目台账'], null],
  ])('%j → %s', (lines, code) => {
    expect(jurisdictionInTitle(lines, candidates)?.code ?? null).toBe(code);
  });

  it('reads the lines above the header', () => {
    const grid = [
      ['乐陵市2023年重点项目台账', null],
      [null, '单位：万元'],
      ['序号', '项目名称'],
    ];
    expect(titleLines(grid, 2)).toEqual(['乐陵市2023年重点项目台账', '单位：万元']);
  });
});

describe('the jurisdiction from the rows’ places', () => {
  it.each([
    [['乐陵市寨头堡乡', '长官镇', '朱集镇'], '371481'],
    [['寨头堡', '市中街道', '柴胡店镇'], '371481'],
    [['柴胡店镇', '宁津街道', '长官镇'], '371422'],
    [['长官镇'], null],
    [['某某村', '另一地'], null],
    [['寨头堡乡', '柴胡店镇'], null],
  ])('%j → %s', (places, code) => {
    expect(jurisdictionFromPlaces(places, candidates, towns)?.code ?? null).toBe(code);
  });
});

describe('towns inside addresses', () => {
  const lelingTowns = towns.filter((t) => t.parentCode === '371481');
  it.each([
    ['寨头堡乡', 1],
    ['乐陵市寨头堡乡', 1],
    ['寨头堡乡政府驻地东侧', 1],
    ['寨头堡', 1],
    ['长官镇', 2],
    ['乐陵市长官镇工业园', 2],
    ['市中街道办事处', 3],
    ['市中', 3],
    ['朱 集 镇', 4],
    ['某某村', null],
    ['', null],
  ])('%s → %s', (address, id) => {
    expect(matchTownInAddress(address, lelingTowns, '乐陵市')?.id ?? null).toBe(id);
  });

  it('refuses a tie between two towns of one length', () => {
    expect(matchTownInAddress('寨头堡乡与长官镇交界', lelingTowns)).toBeNull();
  });

  it.each([
    ['寨头堡乡', '寨头堡'],
    ['市中街道', '市中'],
    ['乡', '乡'],
    ['经济开发区', '经济开发区'],
    ['乐陵经济开发区', '乐陵'],
  ])('the stem of %s is %s', (name, stem) => expect(townStem(name)).toBe(stem));
});

describe('near names of departments', () => {
  it.each([
    ['市住建局', '住房城乡建设'],
    ['市住房和城乡建设局', '住房城乡建设'],
    ['乐陵市住房和城乡建设局', '住房城乡建设'],
    ['发改委', '发展改革'],
    ['市发展和改革局', '发展改革'],
    ['宁津县发展改革委员会', '发展改革'],
    ['自然资源和规划局', '自然资源'],
    ['市自然资源局', '自然资源'],
    ['市场监督管理局', '市场监督管理'],
    ['市市场监管局', '市场监督管理'],
    ['市政公用事业局', '市政公用事业'],
    ['工信局', '工业信息化'],
    ['市卫健委', '卫生健康'],
    ['交通运输局', '交通'],
    ['行政审批服务局', '行政审批服务'],
  ])('the key of %s is %s', (name, key) => expect(departmentKey(name)).toBe(key));

  const existing = [
    { id: 1, name: '市住房和城乡建设局' },
    { id: 2, name: '市发展和改革局' },
    { id: 3, name: '市自然资源局' },
    { id: 4, name: '市商务局' },
  ];
  it.each([
    ['市住建局', [1]],
    ['发改委', [2]],
    ['市自然资源和规划局', [3]],
    ['市商务局', [4]],
    ['市商贸局', []],
    ['市教育和体育局', []],
    ['市自然资原局', [3]],
  ])('%s nearly is %j', (name, ids) => {
    expect(nearDepartments(name, existing).map((m) => m.item.id)).toEqual(ids);
  });
});

describe('near names of people', () => {
  const people = [
    { id: 1, name: '张建国' },
    { id: 2, name: '王芳' },
  ];
  it.each([
    ['张建国（副市长）', [1]],
    ['张 建国', [1]],
    ['张建军', [1]],
    ['王方', []],
    ['李明', []],
  ])('%s nearly is %j', (name, ids) => {
    expect(nearPeople(name, people).map((m) => m.item.id)).toEqual(ids);
  });
  it('keys and distances', () => {
    expect(personKey('张建国(副市长)')).toBe('张建国');
    expect(editDistance('住建', '住房和城乡建设')).toBe(5);
    expect(editDistance('', 'ab')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
