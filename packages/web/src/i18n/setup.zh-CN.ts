/** zh-CN keys of one feature: 初始化（按行政区划）与开发区. Spread into ./zh-CN.ts; ./setup.en-US.ts has exactly these keys. */
export const setupZhCN = {
  'setup.title': '初始化：选择本级行政区',
  'setup.intro':
    '请选择本系统服务的省、市或县（区）。系统将按国家行政区划代码（GB/T 2260）建立区划树，包括下属乡镇（街道）；经济开发区、高新区等园区可在“区划管理”中另行添加。',
  'setup.cascader': '省 / 市 / 县（区）',
  'setup.search': '按名称或代码搜索，如 乐陵 或 371481',
  'setup.preview': '{name} {code} · {towns} 个乡镇（街道）',
  'setup.previewCity': '{name} {code} · {counties} 个县（区） · {towns} 个乡镇（街道）',
  'setup.previewProvince': '{name} {code} · {cities} 个市 · {towns} 个乡镇（街道）',
  'setup.confirm': '确定',
  'setup.done': '已按 {name} 建立区划：新建 {count} 个区划',
  'setup.levelTown': '乡镇（街道）',
  'setup.zone': '开发区（园区）',
  'setup.addZone': '添加开发区',
  'setup.zoneHint': '经济开发区、高新区、产业园等按乡镇级区域管理，没有官方区划代码。',
} as const;
