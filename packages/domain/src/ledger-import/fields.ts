/**
 * The ledger fields an imported column can map to, their Chinese labels (used by the
 * export header and the wizard) and the synonyms offices write in their header rows.
 */

export const importFields = [
  'name',
  'code',
  'level',
  'category',
  'nature',
  'industry',
  'ownerUnit',
  'town',
  'address',
  'content',
  'totalInvestment',
  'annualPlan',
  'plannedStart',
  'plannedFinish',
  'actualStart',
  'started',
  'statsIncluded',
  'statsCode',
  'statsDate',
  'leader',
  'department',
  'contactName',
  'contactPhone',
  'notes',
] as const;
export type ImportField = (typeof importFields)[number];

/** Fields whose cells are money (converted to integer yuan). */
export const moneyFields: readonly ImportField[] = ['totalInvestment', 'annualPlan'];
/** Fields whose cells are dates or months. */
export const dateFields: readonly ImportField[] = [
  'plannedStart',
  'plannedFinish',
  'actualStart',
  'statsDate',
];

/** The label of each field in the standard layout (export header, wizard drop-down). */
export const importFieldLabels: Record<ImportField, string> = {
  name: '项目名称',
  code: '项目代码',
  level: '项目级别',
  category: '项目类别',
  nature: '建设性质',
  industry: '所属行业',
  ownerUnit: '建设单位',
  town: '所在乡镇',
  address: '建设地点',
  content: '建设内容',
  totalInvestment: '总投资',
  annualPlan: '年度计划投资',
  plannedStart: '计划开工时间',
  plannedFinish: '计划竣工时间',
  actualStart: '实际开工时间',
  started: '是否开工',
  statsIncluded: '是否纳统',
  statsCode: '统计代码',
  statsDate: '纳统时间',
  leader: '包保领导',
  department: '责任部门',
  contactName: '联系人',
  contactPhone: '联系电话',
  notes: '备注',
};

/**
 * Header synonyms after normalisation (no spaces, half-width, unit brackets removed).
 * Exact matches win over the patterns below; the order of fields breaks ties.
 */
const exactSynonyms: Record<ImportField, readonly string[]> = {
  name: ['项目名称', '名称', '项目', '项目名', '工程名称', '项目全称'],
  code: ['项目代码', '代码', '项目编码', '统一项目代码', '项目统一代码', '审批代码', '备案代码', '赋码'],
  level: ['项目级别', '级别', '层级', '项目层级', '重点项目级别', '项目等级'],
  category: ['项目类别', '类别', '项目类型', '类型', '项目分类'],
  nature: ['建设性质', '性质', '项目性质'],
  industry: ['所属行业', '行业', '行业类别', '行业分类', '产业类别', '产业', '所属产业', '产业类型'],
  ownerUnit: [
    '建设单位',
    '项目单位',
    '业主单位',
    '建设主体',
    '实施单位',
    '项目业主',
    '项目建设单位',
    '投资主体',
  ],
  town: ['所在乡镇', '乡镇', '所属乡镇', '乡镇街道', '镇街', '所在镇街', '属地', '所在乡镇街道', '乡镇园区'],
  address: ['建设地点', '地点', '项目地址', '地址', '建设地址', '项目地点', '建设位置'],
  content: [
    '建设内容',
    '建设规模及内容',
    '建设内容及规模',
    '主要建设内容',
    '项目内容',
    '建设规模',
    '项目概况',
  ],
  totalInvestment: ['总投资', '计划总投资', '项目总投资', '总投资额', '投资总额', '估算总投资'],
  annualPlan: [
    '年度计划投资',
    '年计划投资',
    '本年计划投资',
    '年度投资计划',
    '年度计划',
    '计划投资',
    '年度计划完成投资',
  ],
  plannedStart: ['计划开工时间', '计划开工', '计划开工日期', '开工时间计划', '拟开工时间'],
  plannedFinish: [
    '计划竣工时间',
    '计划竣工',
    '计划完工时间',
    '竣工时间',
    '计划建成时间',
    '计划竣工日期',
    '拟竣工时间',
  ],
  actualStart: ['实际开工时间', '开工时间', '实际开工', '开工日期', '实际开工日期'],
  started: ['是否开工', '开工情况', '开工状态', '是否已开工'],
  statsIncluded: ['是否纳统', '纳统情况', '是否入库纳统', '入库纳统', '是否入库', '纳统'],
  statsCode: ['统计代码', '纳统代码', '入库代码', '统计库代码', '入库编码'],
  statsDate: ['纳统时间', '入库时间', '纳统日期', '入库纳统时间', '入统时间'],
  leader: [
    '包保领导',
    '包保市领导',
    '责任领导',
    '包保县领导',
    '分包领导',
    '包联领导',
    '市级包保领导',
    '包保县级领导',
    '联系领导',
  ],
  department: ['责任部门', '牵头部门', '主管部门', '责任单位', '包保部门', '牵头单位', '行业主管部门'],
  contactName: ['联系人', '项目联系人', '负责人'],
  contactPhone: ['联系电话', '电话', '联系方式', '手机', '手机号码', '联系人电话'],
  notes: ['备注', '说明', '其他'],
};

/** Looser patterns for labels such as 2023年计划投资 or 包保市级领导. */
const patternSynonyms: ReadonlyArray<[RegExp, ImportField]> = [
  [/^(\d{4})年(度)?计划(完成)?投资/, 'annualPlan'],
  [/^(\d{4})年(度)?投资计划/, 'annualPlan'],
  [/总投资/, 'totalInvestment'],
  [/计划开工/, 'plannedStart'],
  [/(计划|预计)(竣工|完工|建成)/, 'plannedFinish'],
  [/实际开工|开工时间/, 'actualStart'],
  [/纳统时间|入库时间/, 'statsDate'],
  [/统计代码|入库代码/, 'statsCode'],
  [/纳统|入库/, 'statsIncluded'],
  [/包保.*领导|责任.*领导/, 'leader'],
  [/(责任|牵头|主管)(部门|单位)/, 'department'],
  [/项目名称/, 'name'],
  [/项目代码/, 'code'],
  [/建设内容|建设规模/, 'content'],
  [/建设单位|业主/, 'ownerUnit'],
  [/乡镇|街道/, 'town'],
  [/联系电话|电话/, 'contactPhone'],
];

/** Labels that are recognised as header cells but map to no field. */
const ignoredLabels = [
  '序号',
  '编号',
  '序',
  '排序',
  '完成投资',
  '累计完成投资',
  '形象进度',
  '进展情况',
  '存在问题',
];

/** Removes spaces, full-width forms and bracketed units from a header label. */
export function normaliseLabel(label: string): string {
  return label
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[([【]?(单位[:：]?)?(万元|亿元|元|万|亿)[)\]】]?/g, '')
    .replace(/[()（）[\]【】*＊:：]/g, '')
    .trim();
}

/** The field a header label means, or null. */
export function fieldForLabel(label: string): ImportField | null {
  const norm = normaliseLabel(label);
  if (norm === '') return null;
  for (const f of importFields) if (exactSynonyms[f].includes(norm)) return f;
  if (/^\d+-?\d*月/.test(norm) || /完成投资|已完成/.test(norm)) return null;
  for (const [re, f] of patternSynonyms) if (re.test(norm)) return f;
  return null;
}

/** Whether a label looks like a header cell at all (a field synonym or a known ignored column). */
export function isHeaderLabel(label: string): boolean {
  const norm = normaliseLabel(label);
  if (fieldForLabel(label) !== null) return true;
  return ignoredLabels.some((l) => norm === l || (l.length > 2 && norm.includes(l)));
}
