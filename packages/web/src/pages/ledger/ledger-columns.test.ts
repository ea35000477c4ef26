import { describe, expect, it } from 'vitest';
import { readHidden, writeHidden } from './ledger-columns.ts';

const memory = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
};

describe('the ledger column chooser', () => {
  it('keeps each user’s hidden columns apart', () => {
    const s = memory();
    writeHidden(7, ['leader', 'department'], s);
    writeHidden(8, ['category'], s);
    expect(readHidden(7, s)).toEqual(['leader', 'department']);
    expect(readHidden(8, s)).toEqual(['category']);
    expect(readHidden(9, s)).toEqual([]);
  });
  it('reads a damaged entry as nothing hidden', () => {
    const s = memory();
    s.setItem('guatu.ledger.hiddenColumns.7', '{oops');
    expect(readHidden(7, s)).toEqual([]);
  });
});
