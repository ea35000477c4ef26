import { describe, expect, it } from 'vitest';
import { asOfFromGrid, asOfFromLines, asOfFromText } from './as-of.ts';

describe('as-of date of a ledger', () => {
  it('reads the day a 截至 line names', () => {
    expect(asOfFromText('截至时间：2023年3月31日')).toEqual({ date: '2023-03-31', explicit: true });
    expect(asOfFromText('数据截至2023.3.31')?.date).toBe('2023-03-31');
    expect(asOfFromText('截止日期:2023-03-15')?.date).toBe('2023-03-15');
    expect(asOfFromText('（截止２０２３年３月３１日）')?.date).toBe('2023-03-31');
  });
  it('takes the last day of a month written without a day', () => {
    expect(asOfFromText('截止2023年3月底')?.date).toBe('2023-03-31');
    expect(asOfFromText('截至2024年2月末')?.date).toBe('2024-02-29');
    expect(asOfFromText('截至2023年6月')?.date).toBe('2023-06-30');
  });
  it('completes a date without a year with the ledger year', () => {
    expect(asOfFromText('注：本表数据截至3月底。', 2023)?.date).toBe('2023-03-31');
    expect(asOfFromText('截至4月10日', 2023)?.date).toBe('2023-04-10');
    expect(asOfFromText('注：本表数据截至3月底。')).toBeNull();
  });
  it('reads a 填报 date as the filing month end, below any 截至 date', () => {
    expect(asOfFromText('填报日期：2023年4月')).toEqual({ date: '2023-04-30', explicit: false });
    expect(asOfFromText('填报时间：2023年4月10日')?.date).toBe('2023-04-10');
    expect(asOfFromLines(['填报日期：2023年4月', '截至时间：2023年3月31日'])).toBe('2023-03-31');
    expect(asOfFromLines(['乐陵市2023年重点项目台账', '单位：万元'])).toBeNull();
    expect(asOfFromText('截至2023年13月')).toBeNull();
  });
  it('finds the date in the title lines or a note under the table', () => {
    const grid = [
      ['乐陵市2023年重点项目台账', null],
      ['单位：万元', '填报日期：2023年4月'],
      ['序号', '项目名称'],
      [1, '甲项目'],
      ['注：本表数据截至3月底。', null],
    ];
    expect(asOfFromGrid(grid, 2, null)).toBe('2023-03-31');
    expect(asOfFromGrid(grid.slice(0, 4), 2, null)).toBe('2023-04-30');
    expect(asOfFromGrid([['序号', '项目名称']], 0, 2023)).toBeNull();
  });
});
