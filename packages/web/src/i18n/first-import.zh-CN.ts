/** zh-CN keys of one feature: the first import (所属区划, 将新建, 近似名称). Spread into ./zh-CN.ts; ./first-import.en-US.ts has exactly these keys. */
export const firstImportZhCN = {
  'firstImport.jurisdiction': '所属区划：{name}（{code}）',
  'firstImport.source.title': '据台账标题识别',
  'firstImport.source.rows': '据各行乡镇识别',
  'firstImport.source.division': '按您指定',
  'firstImport.setUp.title': '系统尚未设置行政区划',
  'firstImport.setUp.body':
    '此台账属于 {fullName}。确认后，导入时将按该区划（含所辖乡镇、街道）初始化系统，与项目一并写入。',
  'firstImport.setUp.confirm': '确认所属区划为 {name}',
  'firstImport.setUp.none': '无法从台账确定所属区划：请先在“区划设置”中选择本地区划，再导入。',
  'firstImport.toCreate': '将新建',
  'firstImport.toCreate.departments': '部门（{n}）',
  'firstImport.toCreate.people': '责任领导（{n}）',
  'firstImport.toCreate.hint': '台账中出现、系统中尚无的名称，提交导入时一并新建；导入失败则都不新建。',
  'firstImport.near.title': '近似名称（{n}）',
  'firstImport.near.hint': '以下名称与已有的几乎相同，请选择使用已有的还是新建。',
  'firstImport.near.department': '部门',
  'firstImport.near.person': '人员',
  'firstImport.near.useExisting': '使用已有：{name}',
  'firstImport.near.createNew': '新建“{name}”',
  'firstImport.confirmFirst': '请先确认所属区划',
} as const;
