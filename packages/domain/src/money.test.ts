import { describe, expect, it } from 'vitest';
import { formatMoney, formatWan, formatYi, toWan, toYi, yuanFromWan, yuanFromYi } from './money.ts';

describe('money conversions', () => {
  it('converts 万元 and 亿元 to whole yuan', () => {
    expect(yuanFromWan(1)).toBe(10_000);
    expect(yuanFromWan(1234.5678)).toBe(12_345_678);
    expect(yuanFromYi(320)).toBe(32_000_000_000);
    expect(yuanFromYi(123.9)).toBe(12_390_000_000);
    expect(yuanFromYi(24.01)).toBe(2_401_000_000);
    expect(yuanFromYi(403.79)).toBe(40_379_000_000);
  });

  it('rounds .5 yuan half away from zero, on the decimal digits', () => {
    expect(yuanFromWan(0.00005)).toBe(1);
    expect(yuanFromWan(1.23455)).toBe(12_346); // 1.23455 * 10000 is 12345.499… in binary floats
    expect(yuanFromWan(0.00004)).toBe(0);
    expect(yuanFromWan(-0.00005)).toBe(-1);
    expect(Object.is(yuanFromWan(-0.00004), 0)).toBe(true);
    expect(yuanFromYi(0.000000015)).toBe(2);
    expect(yuanFromYi(1.000000005)).toBe(100_000_001);
  });

  it('handles large values up to 9e15 yuan exactly', () => {
    expect(yuanFromWan(900_000_000_000)).toBe(9e15);
    expect(yuanFromYi(90_000_000)).toBe(9e15);
    expect(toWan(9e15)).toBe(900_000_000_000);
    expect(toYi(9e15)).toBe(90_000_000);
    expect(toWan(12_345_678)).toBe(1234.5678);
    expect(toYi(32_000_000_000)).toBe(320);
  });
});

describe('money formatting', () => {
  it('formats 万元 with thousands separators', () => {
    expect(formatWan(12_345_678)).toBe('1,234.57');
    expect(formatWan(12_345_678, 0)).toBe('1,235');
    expect(formatWan(12_345_678, 4)).toBe('1,234.5678');
    expect(formatWan(12_345_678, 6)).toBe('1,234.567800');
    expect(formatWan(0)).toBe('0.00');
    expect(formatWan(40_310_000)).toBe('4,031.00');
  });

  it('formats 亿元', () => {
    expect(formatYi(32_000_000_000)).toBe('320.00');
    expect(formatYi(12_390_000_000, 1)).toBe('123.9');
    expect(formatYi(40_379_000_000)).toBe('403.79');
    expect(formatYi(123_456_789_012_345)).toBe('1,234,567.89');
  });

  it('rounds half away from zero when formatting', () => {
    expect(formatWan(50)).toBe('0.01'); // 0.005 万
    expect(formatWan(49)).toBe('0.00');
    expect(formatWan(-50)).toBe('-0.01');
    expect(formatWan(-49)).toBe('0.00');
    expect(formatYi(50_000_000, 0)).toBe('1');
    expect(formatYi(149_999_999, 0)).toBe('1');
  });

  it('formats up to 9e15 yuan exactly', () => {
    expect(formatWan(9e15)).toBe('900,000,000,000.00');
    expect(formatYi(9e15)).toBe('90,000,000.00');
    expect(formatWan(Number.MAX_SAFE_INTEGER)).toBe('900,719,925,474.10');
    expect(formatYi(8_999_999_950_000_000)).toBe('89,999,999.50');
    expect(formatMoney(9e15, 'yuan')).toBe('9,000,000,000,000,000');
  });

  it('chooses default digits per unit and marks non-finite values', () => {
    expect(formatMoney(12_345_678, 'yuan')).toBe('12,345,678');
    expect(formatMoney(12_345_678, 'wan')).toBe('1,234.57');
    expect(formatMoney(12_345_678, 'yi')).toBe('0.12');
    expect(formatMoney(12_345_678, 'yi', 4)).toBe('0.1235');
    expect(formatMoney(Number.NaN, 'wan')).toBe('—');
  });
});
