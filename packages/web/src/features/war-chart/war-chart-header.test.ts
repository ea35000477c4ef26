import { describe, expect, it } from 'vitest';
import { headerFontSize, wrapHeader } from './war-chart-paint.ts';

// A fixed-width measure: 6 px per Latin character, 12 px per CJK character.
const measure = (s: string) => [...s].reduce((w, ch) => w + (/[\u4e00-\u9fff]/.test(ch) ? 12 : 6), 0);

describe('war-chart stage headers', () => {
  it('wraps Chinese between characters, three to a 42 px column', () => {
    expect(wrapHeader('建设用地规划许可证', 42, 4, measure)).toEqual(['建设用', '地规划', '许可证']);
  });
  it('wraps English between words, never inside one that fits', () => {
    expect(wrapHeader('Land-use planning permit', 62, 4, measure)).toEqual([
      'Land-use',
      'planning',
      'permit',
    ]);
    expect(wrapHeader('Drawing review', 62, 4, measure)).toEqual(['Drawing', 'review']);
  });
  it('cuts a word wider than the column and ends an overlong text with an ellipsis', () => {
    expect(wrapHeader('Registration', 42, 4, measure)).toEqual(['Registr', 'ation']);
    expect(wrapHeader('一二三四五六七八九十甲乙丙', 42, 4, measure)).toEqual([
      '一二三',
      '四五六',
      '七八九',
      '十甲乙…',
    ]);
  });
});

describe('war-chart header font', () => {
  it('keeps 12 px for Chinese and for English words that fit', () => {
    expect(headerFontSize('建设用地规划许可证', 42, measure)).toBe(12);
    expect(headerFontSize('Drawing review', 70, measure)).toBe(12);
  });
  it('shrinks the font so the widest English word fits, never below 9 px', () => {
    // 'Environmental' is 13 × 6 = 78 px at 12 px: 70 px fits it at 10 px
    expect(headerFontSize('Environmental impact', 70, measure)).toBe(10);
    expect(headerFontSize('Supercalifragilistic', 40, measure)).toBe(9);
  });
});
