/**
 * The one catalogue of a project's fields and of its yearly-list row: key, labels, type, unit,
 * the header words the Excel import recognises, the ledger export's column and width, the form
 * group, the audit label and the personal-data flag. The contracts' zod shapes, the import's
 * synonyms and plan, the ledger xlsx columns, the web form, the audit and import labels are all
 * derived from it: adding a field is one entry here plus a migration (and its column in the
 * repositories' select lists).
 */
import type { Category, Level, Nature } from './vocabulary.ts';

export type FieldLabel = { 'zh-CN': string; 'en-US': string };

/** What a value is; money is integer 元 (shown and exported as 万元), dates 'YYYY-MM-DD' or 'YYYY-MM'. */
export type FieldType =
  | { kind: 'text'; max: number; pattern?: RegExp }
  | { kind: 'money' }
  | { kind: 'date' }
  | { kind: 'boolean' }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'enum'; of: 'level' | 'category' | 'nature' }
  | { kind: 'ref'; to: 'region' | 'department' | 'person'; many?: boolean };

/** Where the value lives: the project row, its row of one year's list, or nowhere (read by the import only). */
export type FieldOwner = 'project' | 'year' | 'import';

export type FormGroup = 'basic' | 'investment' | 'schedule' | 'responsibility' | 'reported' | 'other';

export type ProjectFieldDef = {
  key: string;
  owner: FieldOwner;
  label: FieldLabel;
  type: FieldType;
  /** Required on create (a required field never takes null). */
  required: boolean;
  /** The unit shown beside a money value. */
  unit?: 'wan';
  /** The standard ledger header (the export's column title and the import's first synonym). */
  header?: string;
  /**
   * The import: the field name a column maps to (towns, leaders and departments are read as names),
   * the exact header words after normalisation, looser patterns with their precedence (lower first),
   * and the longest text accepted from a cell.
   */
  import?: {
    field: string;
    synonyms: readonly string[];
    patterns?: readonly RegExp[];
    rank?: number;
    max?: number;
  };
  /** The ledger xlsx: column position (序号 is column 0) and width; `header` may name the year. */
  export?: { order: number; width: number; header?: (year: number) => string };
  group: FormGroup;
  /** Personal data: encrypted at rest, masked in answers and exports. */
  personal?: boolean;
};

const l = (zh: string, en: string): FieldLabel => ({ 'zh-CN': zh, 'en-US': en });
const text = (max: number) => ({ kind: 'text', max }) as const;
const date = { kind: 'date' } as const;
const money = { kind: 'money' } as const;
const bool = { kind: 'boolean' } as const;

/** In the import's field order (the order breaks ties between exact synonyms). */
export const projectFieldCatalogue = [
  {
    key: 'name',
    owner: 'project',
    label: l('项目名称', 'Project name'),
    type: text(200),
    required: true,
    header: '项目名称',
    import: {
      field: 'name',
      synonyms: ['名称', '项目', '项目名', '工程名称', '项目全称'],
      patterns: [/项目名称/],
      rank: 11,
    },
    export: { order: 1, width: 36 },
    group: 'basic',
  },
  {
    key: 'code',
    owner: 'project',
    label: l('项目代码', 'Project code'),
    type: { kind: 'text', max: 24, pattern: /^[0-9A-Za-z-]{24}$/ },
    required: false,
    header: '项目代码',
    import: {
      field: 'code',
      synonyms: ['代码', '项目编码', '统一项目代码', '项目统一代码', '审批代码', '备案代码', '赋码'],
      patterns: [/项目代码/],
      rank: 12,
    },
    export: { order: 2, width: 27 },
    group: 'basic',
  },
  {
    key: 'level',
    owner: 'year',
    label: l('级别', 'Level'),
    type: { kind: 'enum', of: 'level' },
    required: true,
    header: '项目级别',
    import: { field: 'level', synonyms: ['级别', '层级', '项目层级', '重点项目级别', '项目等级'] },
    group: 'investment',
  },
  {
    key: 'category',
    owner: 'year',
    label: l('类别', 'Category'),
    type: { kind: 'enum', of: 'category' },
    required: true,
    header: '项目类别',
    import: { field: 'category', synonyms: ['类别', '项目类型', '类型', '项目分类'] },
    export: { order: 3, width: 9 },
    group: 'investment',
  },
  {
    key: 'nature',
    owner: 'project',
    label: l('建设性质', 'Nature'),
    type: { kind: 'enum', of: 'nature' },
    required: true,
    header: '建设性质',
    import: { field: 'nature', synonyms: ['性质', '项目性质'] },
    export: { order: 4, width: 9 },
    group: 'basic',
  },
  {
    key: 'industry',
    owner: 'project',
    label: l('行业', 'Industry'),
    type: text(50),
    required: false,
    header: '所属行业',
    import: {
      field: 'industry',
      synonyms: ['行业', '行业类别', '行业分类', '产业类别', '产业', '所属产业', '产业类型'],
    },
    export: { order: 5, width: 12 },
    group: 'basic',
  },
  {
    key: 'ownerUnit',
    owner: 'project',
    label: l('建设单位', 'Owner unit'),
    type: text(200),
    required: false,
    header: '建设单位',
    import: {
      field: 'ownerUnit',
      synonyms: ['项目单位', '业主单位', '建设主体', '实施单位', '项目业主', '项目建设单位', '投资主体'],
      patterns: [/建设单位|业主/],
      rank: 14,
    },
    export: { order: 6, width: 26 },
    group: 'basic',
  },
  {
    key: 'regionId',
    owner: 'project',
    label: l('乡镇', 'Town'),
    type: { kind: 'ref', to: 'region' },
    required: true,
    header: '所在乡镇',
    import: {
      field: 'town',
      synonyms: ['乡镇', '所属乡镇', '乡镇街道', '镇街', '所在镇街', '属地', '所在乡镇街道', '乡镇园区'],
      patterns: [/乡镇|街道/],
      rank: 15,
      max: 100,
    },
    export: { order: 7, width: 12 },
    group: 'basic',
  },
  {
    key: 'address',
    owner: 'project',
    label: l('建设地点', 'Address'),
    type: text(200),
    required: false,
    header: '建设地点',
    import: {
      field: 'address',
      synonyms: ['地点', '项目地址', '地址', '建设地址', '项目地点', '建设位置'],
    },
    export: { order: 8, width: 20 },
    group: 'basic',
  },
  {
    key: 'longitude',
    owner: 'project',
    label: l('经度', 'Longitude'),
    type: { kind: 'number', min: -180, max: 180 },
    required: false,
    group: 'basic',
  },
  {
    key: 'latitude',
    owner: 'project',
    label: l('纬度', 'Latitude'),
    type: { kind: 'number', min: -90, max: 90 },
    required: false,
    group: 'basic',
  },
  {
    key: 'content',
    owner: 'project',
    label: l('建设内容及规模', 'Content and scale'),
    type: text(4000),
    required: false,
    header: '建设内容',
    import: {
      field: 'content',
      synonyms: ['建设规模及内容', '建设内容及规模', '主要建设内容', '项目内容', '建设规模', '项目概况'],
      patterns: [/建设内容|建设规模/],
      rank: 13,
    },
    export: { order: 9, width: 44 },
    group: 'basic',
  },
  {
    key: 'totalInvestment',
    owner: 'project',
    label: l('总投资', 'Total investment'),
    type: money,
    required: true,
    unit: 'wan',
    header: '总投资',
    import: {
      field: 'totalInvestment',
      synonyms: ['计划总投资', '项目总投资', '总投资额', '投资总额', '估算总投资'],
      patterns: [/总投资/],
      rank: 2,
    },
    export: { order: 10, width: 13 },
    group: 'investment',
  },
  {
    key: 'annualPlan',
    owner: 'year',
    label: l('年度计划投资', 'Annual plan'),
    type: money,
    required: true,
    unit: 'wan',
    header: '年度计划投资',
    import: {
      field: 'annualPlan',
      synonyms: ['年计划投资', '本年计划投资', '年度投资计划', '年度计划', '计划投资', '年度计划完成投资'],
      patterns: [/^(\d{4})年(度)?计划(完成)?投资/, /^(\d{4})年(度)?投资计划/],
      rank: 1,
    },
    export: { order: 11, width: 15, header: (year) => `${year}年计划投资` },
    group: 'investment',
  },
  {
    key: 'plannedStart',
    owner: 'project',
    label: l('计划开工', 'Planned start'),
    type: date,
    required: false,
    header: '计划开工时间',
    import: {
      field: 'plannedStart',
      synonyms: ['计划开工', '计划开工日期', '开工时间计划', '拟开工时间'],
      patterns: [/计划开工/],
      rank: 3,
    },
    export: { order: 15, width: 12 },
    group: 'schedule',
  },
  {
    key: 'plannedFinish',
    owner: 'project',
    label: l('计划竣工', 'Planned completion'),
    type: date,
    required: false,
    header: '计划竣工时间',
    import: {
      field: 'plannedFinish',
      synonyms: ['计划竣工', '计划完工时间', '竣工时间', '计划建成时间', '计划竣工日期', '拟竣工时间'],
      patterns: [/(计划|预计)(竣工|完工|建成)/],
      rank: 4,
    },
    export: { order: 16, width: 12 },
    group: 'schedule',
  },
  {
    key: 'actualStart',
    owner: 'project',
    label: l('实际开工', 'Actual start'),
    type: date,
    required: false,
    header: '实际开工时间',
    import: {
      field: 'actualStart',
      synonyms: ['开工时间', '实际开工', '开工日期', '实际开工日期'],
      patterns: [/实际开工|开工时间/],
      rank: 5,
    },
    export: { order: 17, width: 12 },
    group: 'schedule',
  },
  {
    key: 'started',
    owner: 'import',
    label: l('开工', 'Started'),
    type: bool,
    required: false,
    header: '是否开工',
    import: { field: 'started', synonyms: ['开工情况', '开工状态', '是否已开工'] },
    group: 'schedule',
  },
  {
    key: 'startedUndated',
    owner: 'project',
    label: l('已开工（日期未填）', 'Started, date not given'),
    type: bool,
    required: false,
    group: 'schedule',
  },
  {
    key: 'statsIncluded',
    owner: 'project',
    label: l('纳统', 'In statistics'),
    type: bool,
    required: false,
    header: '是否纳统',
    import: {
      field: 'statsIncluded',
      synonyms: ['纳统情况', '是否入库纳统', '入库纳统', '是否入库', '纳统'],
      patterns: [/纳统|入库/],
      rank: 8,
    },
    export: { order: 18, width: 9 },
    group: 'schedule',
  },
  {
    key: 'statsCode',
    owner: 'project',
    label: l('纳统编号', 'Statistics code'),
    type: text(50),
    required: false,
    header: '统计代码',
    import: {
      field: 'statsCode',
      synonyms: ['纳统代码', '入库代码', '统计库代码', '入库编码'],
      patterns: [/统计代码|入库代码/],
      rank: 7,
    },
    export: { order: 19, width: 14 },
    group: 'schedule',
  },
  {
    key: 'statsDate',
    owner: 'project',
    label: l('纳统时间', 'Statistics date'),
    type: date,
    required: false,
    header: '纳统时间',
    import: {
      field: 'statsDate',
      synonyms: ['入库时间', '纳统日期', '入库纳统时间', '入统时间'],
      patterns: [/纳统时间|入库时间/],
      rank: 6,
    },
    export: { order: 20, width: 12 },
    group: 'schedule',
  },
  {
    key: 'leaderId',
    owner: 'project',
    label: l('包保领导', 'Responsible leader'),
    type: { kind: 'ref', to: 'person' },
    required: false,
    header: '包保领导',
    import: {
      field: 'leader',
      synonyms: [
        '包保市领导',
        '责任领导',
        '包保县领导',
        '分包领导',
        '包联领导',
        '市级包保领导',
        '包保县级领导',
        '联系领导',
      ],
      patterns: [/包保.*领导|责任.*领导/],
      rank: 9,
      max: 100,
    },
    export: { order: 21, width: 10 },
    group: 'responsibility',
  },
  {
    key: 'taskForceIds',
    owner: 'project',
    label: l('专班', 'Task force'),
    type: { kind: 'ref', to: 'person', many: true },
    required: false,
    group: 'responsibility',
  },
  {
    key: 'departmentId',
    owner: 'project',
    label: l('责任部门', 'Responsible department'),
    type: { kind: 'ref', to: 'department' },
    required: false,
    header: '责任部门',
    import: {
      field: 'department',
      synonyms: ['牵头部门', '主管部门', '责任单位', '包保部门', '牵头单位', '行业主管部门'],
      patterns: [/(责任|牵头|主管)(部门|单位)/],
      rank: 10,
      max: 100,
    },
    export: { order: 22, width: 16 },
    group: 'responsibility',
  },
  {
    key: 'contactName',
    owner: 'project',
    label: l('联系人', 'Contact'),
    type: text(50),
    required: false,
    header: '联系人',
    import: { field: 'contactName', synonyms: ['项目联系人', '负责人'] },
    export: { order: 25, width: 9 },
    group: 'other',
  },
  {
    key: 'contactPhone',
    owner: 'project',
    label: l('联系电话', 'Contact phone'),
    type: text(50),
    required: false,
    header: '联系电话',
    import: {
      field: 'contactPhone',
      synonyms: ['电话', '联系方式', '手机', '手机号码', '联系人电话'],
      patterns: [/联系电话|电话/],
      rank: 16,
    },
    export: { order: 26, width: 14 },
    group: 'other',
    personal: true,
  },
  {
    key: 'notes',
    owner: 'project',
    label: l('备注', 'Notes'),
    type: text(4000),
    required: false,
    header: '备注',
    import: { field: 'notes', synonyms: ['说明', '其他'] },
    export: { order: 27, width: 30 },
    group: 'other',
  },
  {
    key: 'reportedYtd',
    owner: 'year',
    label: l('累计完成投资', 'Completed investment to date'),
    type: money,
    required: false,
    unit: 'wan',
    header: '累计完成投资',
    import: {
      field: 'reportedYtd',
      // 1-3月完成投资, 1-N月累计, 2023年1-3月累计完成投资, 本年累计完成投资 (a single month's figure is not this).
      synonyms: ['完成投资', '本年完成投资', '年度完成投资', '本年累计完成投资', '累计完成', '已完成投资'],
      patterns: [
        /^(\d{4}年)?\d{1,2}(-|~|至)(\d{1,2}|N)月份?底?累计(完成)?(投资|投资额)?$/i,
        /^(\d{4}年)?\d{1,2}(-|~|至)(\d{1,2}|N)月份?底?(累计)?完成(投资|投资额)?$/i,
        /^(本年|今年|年度|当年|今年以来)?累计完成(投资)?(额)?$/,
      ],
      rank: 0,
    },
    export: { order: 12, width: 13 },
    group: 'reported',
  },
  {
    key: 'reportedProgress',
    owner: 'year',
    label: l('形象进度', 'Progress reported'),
    type: text(4000),
    required: false,
    header: '形象进度',
    import: {
      field: 'reportedProgress',
      synonyms: [
        '工程进度',
        '项目进展情况',
        '进展情况',
        '项目进度',
        '建设进度',
        '工程形象进度',
        '目前进展',
        '推进情况',
        '项目推进情况',
        '项目建设进展情况',
        '形象进度情况',
      ],
      patterns: [/形象进度|进展情况|工程进度|建设进度/],
      rank: 17,
    },
    export: { order: 23, width: 30 },
    group: 'reported',
  },
  {
    key: 'reportedAsOf',
    owner: 'year',
    label: l('上报截至日期', 'Reported as of'),
    type: date,
    required: false,
    header: '截至日期',
    import: { field: 'reportedAsOf', synonyms: ['截止日期', '截至时间', '截止时间', '数据截至'] },
    export: { order: 24, width: 12 },
    group: 'reported',
  },
] as const satisfies readonly ProjectFieldDef[];

export type ProjectFieldKey = (typeof projectFieldCatalogue)[number]['key'];

/** The value a field of type T holds; a reference is an id (`Ref` = number) or, in an import, a name. */
export type FieldValue<T extends FieldType, Ref = number> = T extends { kind: 'money' | 'number' }
  ? number
  : T extends { kind: 'boolean' }
    ? boolean
    : T extends { kind: 'enum'; of: 'level' }
      ? Level
      : T extends { kind: 'enum'; of: 'category' }
        ? Category
        : T extends { kind: 'enum'; of: 'nature' }
          ? Nature
          : T extends { kind: 'ref'; many: true }
            ? Ref[]
            : T extends { kind: 'ref' }
              ? Ref
              : string;
type Entry = (typeof projectFieldCatalogue)[number];

/** The value a catalogue field stores: null when empty, except booleans (false) and lists ([]). */
export type StoredValue<E extends { required: boolean; type: FieldType }> = E['required'] extends true
  ? FieldValue<E['type']>
  : E['type'] extends { kind: 'boolean' } | { kind: 'ref'; many: true }
    ? FieldValue<E['type']>
    : FieldValue<E['type']> | null;
/** The stored values of the catalogue's fields of one owner (the project row, or its year's row). */
export type FieldValues<O extends FieldOwner> = {
  [E in Extract<Entry, { owner: O }> as E['key']]: StoredValue<E>;
};

/** The fields of the project row, of the yearly-list row. */
export const projectOwnFields = projectFieldCatalogue.filter(
  (f): f is Extract<Entry, { owner: 'project' }> => f.owner === 'project',
);
export const projectYearFields = projectFieldCatalogue.filter(
  (f): f is Extract<Entry, { owner: 'year' }> => f.owner === 'year',
);

const byKey = new Map<string, ProjectFieldDef>(projectFieldCatalogue.map((f) => [f.key, f]));
/** One entry by key. */
export function projectField(key: ProjectFieldKey): ProjectFieldDef {
  return byKey.get(key)!;
}
/** The label of a field in a language, or undefined for a name that is not a project field. */
export function projectFieldLabel(key: string, lang: keyof FieldLabel): string | undefined {
  return byKey.get(key)?.label[lang];
}

/** The import fields, in catalogue order. */
export type CatalogueImportField = Extract<Entry, { import: unknown }>['import']['field'];
export const catalogueImportFields = projectFieldCatalogue.flatMap((f) =>
  'import' in f ? [f.import.field] : [],
) as CatalogueImportField[];
/** The catalogue entry an import field writes. */
export function fieldOfImport(field: string): ProjectFieldDef | undefined {
  return projectFieldCatalogue.find((f) => 'import' in f && f.import.field === field);
}

/** A column of the ledger xlsx after 序号: the field, its header for the year and its width. */
export type ExportColumn = { key: ProjectFieldKey; header: string; width: number; money: boolean };
export function exportColumns(year: number): ExportColumn[] {
  return projectFieldCatalogue
    .flatMap((f) => ('export' in f ? [{ f: f as ProjectFieldDef, e: f.export }] : []))
    .sort((a, b) => a.e.order - b.e.order)
    .map(({ f, e }) => ({
      key: f.key as ProjectFieldKey,
      header: 'header' in e && e.header ? e.header(year) : f.header!,
      width: e.width,
      money: f.type.kind === 'money',
    }));
}

/** The form's groups in order, with the fields each shows. */
export const formGroups = ['basic', 'investment', 'schedule', 'responsibility', 'reported', 'other'] as const;
export function fieldsOfGroup(group: FormGroup): ProjectFieldDef[] {
  return projectFieldCatalogue.filter((f) => f.group === group && f.owner !== 'import');
}

/** The value a field has when nothing was given (create's defaults and the form's empty values). */
export function emptyValue(f: ProjectFieldDef): null | false | [] {
  if (f.type.kind === 'boolean') return false;
  if (f.type.kind === 'ref' && f.type.many) return [];
  return null;
}

/** The Chinese words of the vocabularies as the ledger writes them (export cells). */
export const ledgerWords = {
  level: { province: '省级', city: '市级', county: '县级' } satisfies Record<Level, string>,
  category: { implementation: '实施类', reserve: '储备类' } satisfies Record<Category, string>,
  nature: { new: '新建', continuing: '续建', expansion: '改扩建' } satisfies Record<Nature, string>,
};
