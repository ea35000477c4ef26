import { describe, expect, it } from 'vitest';
import { apportion, createRandom, mulberry32 } from './random.ts';

describe('mulberry32', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(values[0]);
  });

  it('draws integers in the closed range', () => {
    const rng = createRandom(7);
    const seen = new Set(Array.from({ length: 1000 }, () => rng.int(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });
});

describe('apportion', () => {
  it('splits a total exactly in proportion', () => {
    expect(apportion([1, 1, 1], 10)).toEqual([4, 3, 3]);
    expect(apportion([2, 1, 1], 8)).toEqual([4, 2, 2]);
    expect(apportion([0, 1], 5)).toEqual([0, 5]);
  });

  it('respects caps and still hits the total', () => {
    const parts = apportion([10, 1, 1], 12, [3, 100, 100]);
    expect(parts[0]).toBe(3);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(12);
    expect(() => apportion([1, 1], 10, [2, 2])).toThrow(RangeError);
  });
});
