import { describe, expect, it } from 'vitest';
import { errorsEnUS } from '../i18n/errors.en-US.ts';
import { errorsZhCN } from '../i18n/errors.zh-CN.ts';
import type { Translate } from '../i18n/index.tsx';
import { ApiError, errorMessage, importIssueText, stageWarningText } from './client.ts';

const translator =
  (dict: Record<string, string>): Translate =>
  (key, vars) => {
    let s = dict[key] ?? key;
    for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
const zh = translator(errorsZhCN);
const en = translator(errorsEnUS);
const CJK = /[\u4e00-\u9fff]/;

describe('errorMessage', () => {
  it('words a version conflict with its params, naming the system in the reader’s language', () => {
    const byUser = new ApiError(409, 'version_conflict', '服务器的话', undefined, {
      by: '孟庆华',
      byKind: 'user',
      at: '2026-11-29 10:15',
    });
    expect(errorMessage(byUser, zh)).toBe(
      '该记录已被 孟庆华 于 2026-11-29 10:15 修改，请刷新后在最新内容上重新编辑',
    );
    expect(errorMessage(byUser, en)).toBe(
      'This record was changed by 孟庆华 at 2026-11-29 10:15; reload and edit the latest version',
    );
    const bySystem = new ApiError(409, 'version_conflict', '该记录已被 系统 于  修改', undefined, {
      by: '',
      byKind: 'system',
      at: '2026-11-29 10:15',
    });
    expect(errorMessage(bySystem, zh)).toContain('已被 系统 于');
    expect(errorMessage(bySystem, en)).toBe(
      'This record was changed by the system at 2026-11-29 10:15; reload and edit the latest version',
    );
  });

  it('names the duplicate field and the missing entity from their codes', () => {
    const dup = new ApiError(409, 'duplicate', 'x', undefined, { field: 'code', value: 'ABC' });
    expect(errorMessage(dup, zh)).toBe('项目代码“ABC”已存在');
    expect(errorMessage(dup, en)).toBe('Project code "ABC" already exists');
    const gone = new ApiError(404, 'not_found', 'x', undefined, { entity: 'baseline' });
    expect(errorMessage(gone, zh)).toBe('基线不存在或无权查看');
    expect(errorMessage(gone, en)).toBe('Baseline not found or not visible to you');
  });

  it('words limits and a detail from its reason', () => {
    const rows = new ApiError(413, 'upload_too_many_rows', 'x', undefined, { limit: '100,000' });
    expect(errorMessage(rows, en)).toBe(
      'The sheet has too many rows (limit 100,000); split it and import in parts',
    );
    expect(errorMessage(rows, zh)).toBe('表格行数过多（上限 100,000 行），请拆分后分批导入');
    const twice = new ApiError(400, 'import_mapping', '列对应关系有误：…', undefined, {
      reason: 'field_twice',
      field: 'totalInvestment',
      label: '总投资',
      columns: 'C, D',
    });
    expect(errorMessage(twice, zh)).toBe('列对应关系有误：“总投资”对应了多列（C, D）');
    expect(errorMessage(twice, en)).toBe(
      'Invalid column mapping: the field totalInvestment is mapped to several columns (C, D)',
    );
  });

  it('falls back to the server’s message for a code it does not know, and to the text of other errors', () => {
    expect(errorMessage(new ApiError(400, 'brand_new_code', 'Server words'), en)).toBe('Server words');
    expect(errorMessage(new Error('plain'), zh)).toBe('plain');
    expect(errorMessage('text', zh)).toBe('text');
    expect(errorMessage(new ApiError(0, 'network', '无法连接服务器'), en)).toBe('Cannot reach the server');
  });

  it('words import issues and stage warnings from codes, with no Chinese around the data in English', () => {
    const issue = {
      code: 'unknown_town',
      params: { value: '某某镇' },
      message: '找不到乡镇（街道）“某某镇”',
    };
    expect(importIssueText(issue, zh)).toBe('找不到乡镇（街道）“某某镇”');
    expect(importIssueText(issue, en)).toBe('Unknown town "某某镇"');
    expect(importIssueText({ code: 'bad_level', params: { value: 'x' }, message: '' }, en)).not.toMatch(CJK);
    expect(importIssueText({ code: 'unheard_of', params: { value: 'x' }, message: 'server' }, en)).toBe(
      'server',
    );
    const w = {
      reason: 'overdue',
      params: { stage: '开工', latestFinish: '2026-10-01', days: 59 },
      message: '',
    };
    expect(stageWarningText(w, zh)).toBe('开工：已超过最迟完成 2026-10-01 59 天');
    expect(stageWarningText(w, en)).toBe('开工: 59 day(s) past the latest finish 2026-10-01');
  });

  it('has no Chinese in any English wording', () => {
    const chinese = Object.entries(errorsEnUS).filter(([, v]) => CJK.test(v));
    expect(chinese).toEqual([]);
  });
});
