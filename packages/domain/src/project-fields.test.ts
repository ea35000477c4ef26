import { describe, expect, it } from 'vitest';
import { fieldForLabel, importFieldLabels, importFields } from './ledger-import/fields.ts';
import {
  emptyValue,
  exportColumns,
  fieldsOfGroup,
  formGroups,
  projectFieldCatalogue,
  projectFieldLabel,
  type ProjectFieldDef,
} from './project-fields.ts';

const catalogue = projectFieldCatalogue as readonly ProjectFieldDef[];

describe('project field catalogue', () => {
  it('names each field once, with a label in both languages', () => {
    const keys = catalogue.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of catalogue) {
      expect(f.label['zh-CN'], f.key).toMatch(/\p{Script=Han}/u);
      expect(f.label['en-US'], f.key).toMatch(/^[A-Z][A-Za-z ,-]+$/);
      expect(projectFieldLabel(f.key, 'en-US')).toBe(f.label['en-US']);
    }
    expect(projectFieldLabel('passwordHash', 'zh-CN')).toBeUndefined();
  });

  it('gives the import its fields, in catalogue order, and every synonym resolves to its own field', () => {
    expect(importFields).toEqual(catalogue.flatMap((f) => (f.import ? [f.import.field] : [])));
    for (const f of catalogue) {
      if (!f.import) continue;
      expect(importFieldLabels[f.import.field as (typeof importFields)[number]]).toBe(f.header);
      for (const word of [f.header!, ...f.import.synonyms])
        expect(fieldForLabel(word), word).toBe(f.import.field);
    }
  });

  it('reads the ledger words of issue 9 as the reported figures', () => {
    expect(fieldForLabel('1-3月完成投资（万元）')).toBe('reportedYtd');
    expect(fieldForLabel('1-N月累计')).toBe('reportedYtd');
    expect(fieldForLabel('2023年1-3月累计完成投资')).toBe('reportedYtd');
    expect(fieldForLabel('累计完成投资')).toBe('reportedYtd');
    expect(fieldForLabel('3月完成投资')).toBeNull();
    expect(fieldForLabel('形象进度')).toBe('reportedProgress');
    expect(fieldForLabel('工程进度')).toBe('reportedProgress');
    expect(fieldForLabel('项目进展情况')).toBe('reportedProgress');
    expect(fieldForLabel('截至时间')).toBe('reportedAsOf');
    // The precedence of today's patterns holds: 纳统时间 is the date, not the flag.
    expect(fieldForLabel('项目纳统时间')).toBe('statsDate');
    expect(fieldForLabel('计划开工时间（年月）')).toBe('plannedStart');
  });

  it('orders the export columns once each, money side by side under 投资情况', () => {
    const cols = exportColumns(2023);
    expect(cols.map((c) => c.header)).toEqual([
      '项目名称',
      '项目代码',
      '项目类别',
      '建设性质',
      '所属行业',
      '建设单位',
      '所在乡镇',
      '建设地点',
      '建设内容',
      '总投资',
      '2023年计划投资',
      '累计完成投资',
      '计划开工时间',
      '计划竣工时间',
      '实际开工时间',
      '是否纳统',
      '统计代码',
      '纳统时间',
      '包保领导',
      '责任部门',
      '形象进度',
      '截至日期',
      '联系人',
      '联系电话',
      '备注',
    ]);
    const money = cols.flatMap((c, i) => (c.money ? [i] : []));
    expect(money).toEqual([money[0], money[0]! + 1, money[0]! + 2]);
    // Every exported column reads back as its field.
    for (const c of cols) expect(fieldForLabel(c.header), c.header).not.toBeNull();
  });

  it('puts every stored field in exactly one form group, with its empty value', () => {
    const grouped = formGroups.flatMap((g) => fieldsOfGroup(g).map((f) => f.key));
    expect(grouped.sort()).toEqual(
      catalogue
        .filter((f) => f.owner !== 'import')
        .map((f) => f.key)
        .sort(),
    );
    expect(emptyValue(catalogue.find((f) => f.key === 'taskForceIds')!)).toEqual([]);
    expect(emptyValue(catalogue.find((f) => f.key === 'startedUndated')!)).toBe(false);
    expect(emptyValue(catalogue.find((f) => f.key === 'reportedYtd')!)).toBeNull();
    expect(catalogue.filter((f) => f.personal).map((f) => f.key)).toEqual(['contactPhone']);
  });
});
