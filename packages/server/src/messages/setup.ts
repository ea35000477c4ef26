/** Setting a deployment up from the official divisions, and development zones (issue 9, item 1). */
export const setupMessages = {
  region_zone: {
    'zh-CN': '开发区（园区）是乡镇级区域，只能建在县级或市级区划下，且没有官方区划代码（上级：{parent}）',
    'en-US':
      'A development zone is a town-level area under a county or a city, without an official code (parent: {parent})',
  },
  division_unknown: {
    'zh-CN': '找不到行政区划“{query}”：请填写省、市或县级的区划代码（如 371481）或正式名称（如 乐陵市）',
    'en-US':
      'No administrative division "{query}": give the code (e.g. 371481) or official name (e.g. 乐陵市) of a province, city or county',
  },
  division_ambiguous: {
    'zh-CN': '“{query}”对应 {count} 个行政区划，请用区划代码指定其中一个',
    'en-US': '"{query}" names {count} divisions; give the code of one of them',
  },
  division_outside: {
    'zh-CN': '{name}（{code}）不在本系统的行政区划 {root} 之内',
    'en-US': '{name} ({code}) is not inside this system’s division {root}',
  },
  division_parent_missing: {
    'zh-CN': '请先添加上级行政区划 {parent}，再添加 {name}',
    'en-US': 'Add the parent division {parent} first, then {name}',
  },
  setup_other_tree: {
    'zh-CN': '本系统已按 {name}（{code}）初始化，不能改为其他行政区划',
    'en-US': 'This system is set up as {name} ({code}); it cannot be set up as another division',
  },
  setup_has_projects: {
    'zh-CN': '系统中已有 {count} 个项目，不能再按行政区划初始化',
    'en-US': 'The system already holds {count} projects; it can no longer be set up from the divisions',
  },
} as const;
