import { describe, expect, it } from 'vitest';
import {
  divisionFullName,
  normaliseDivisionCode,
  resolveDivision,
  searchDivisionEntries,
  type DivisionEntry,
} from './divisions.ts';

const entries: DivisionEntry[] = [
  { code: '370000', name: '山东省', level: 'province', parentCode: null, parentNames: [] },
  { code: '370100', name: '济南市', level: 'city', parentCode: '370000', parentNames: ['山东省'] },
  {
    code: '370103',
    name: '市中区',
    level: 'county',
    parentCode: '370100',
    parentNames: ['山东省', '济南市'],
  },
  { code: '370400', name: '枣庄市', level: 'city', parentCode: '370000', parentNames: ['山东省'] },
  {
    code: '370402',
    name: '市中区',
    level: 'county',
    parentCode: '370400',
    parentNames: ['山东省', '枣庄市'],
  },
  { code: '371400', name: '德州市', level: 'city', parentCode: '370000', parentNames: ['山东省'] },
  {
    code: '371422',
    name: '宁津县',
    level: 'county',
    parentCode: '371400',
    parentNames: ['山东省', '德州市'],
  },
  {
    code: '371481',
    name: '乐陵市',
    level: 'county',
    parentCode: '371400',
    parentNames: ['山东省', '德州市'],
  },
];

describe('division codes', () => {
  it('normalises 2, 4, 6, 9 and 12 digits', () => {
    expect(normaliseDivisionCode('37')).toBe('370000');
    expect(normaliseDivisionCode('3714')).toBe('371400');
    expect(normaliseDivisionCode(' 371481 ')).toBe('371481');
    expect(normaliseDivisionCode('371481203')).toBe('371481203');
    expect(normaliseDivisionCode('371481203000')).toBe('371481203');
    expect(normaliseDivisionCode('3714811')).toBeNull();
    expect(normaliseDivisionCode('乐陵市')).toBeNull();
  });
});

describe('searchDivisionEntries', () => {
  it('finds 乐陵市 by part of its name, with its parents', () => {
    const hits = searchDivisionEntries(entries, '乐陵');
    expect(hits.map((d) => [d.code, divisionFullName(d)])).toEqual([['371481', '山东省 德州市 乐陵市']]);
  });
  it('ranks an exact code first, then codes under it', () => {
    expect(searchDivisionEntries(entries, '3714').map((d) => d.code)).toEqual(['371400', '371422', '371481']);
    expect(searchDivisionEntries(entries, '371481').map((d) => d.code)).toEqual(['371481']);
  });
  it('ranks an exact name before names containing it, higher levels first', () => {
    expect(searchDivisionEntries(entries, '市中区').map((d) => d.code)).toEqual(['370103', '370402']);
    expect(searchDivisionEntries(entries, '州').map((d) => d.code)).toEqual(['371400']);
  });
  it('answers nothing for an empty query and honours the limit', () => {
    expect(searchDivisionEntries(entries, '  ')).toEqual([]);
    expect(searchDivisionEntries(entries, '37', 2)).toHaveLength(2);
  });
});

describe('resolveDivision', () => {
  it('resolves a code, an exact name, a unique prefix and a full name', () => {
    expect(resolveDivision(entries, '371481')).toMatchObject({ kind: 'one', division: { name: '乐陵市' } });
    expect(resolveDivision(entries, '乐陵市')).toMatchObject({ kind: 'one', division: { code: '371481' } });
    expect(resolveDivision(entries, '乐陵')).toMatchObject({ kind: 'one', division: { code: '371481' } });
    expect(resolveDivision(entries, '山东省枣庄市市中区')).toMatchObject({
      kind: 'one',
      division: { code: '370402' },
    });
  });
  it('answers the candidates of an ambiguous name, and none for an unknown one', () => {
    const r = resolveDivision(entries, '市中区');
    expect(r.kind).toBe('ambiguous');
    if (r.kind === 'ambiguous') expect(r.candidates.map((d) => d.code)).toEqual(['370103', '370402']);
    expect(resolveDivision(entries, '不存在县')).toEqual({ kind: 'none' });
    expect(resolveDivision(entries, '999999')).toEqual({ kind: 'none' });
  });
});
