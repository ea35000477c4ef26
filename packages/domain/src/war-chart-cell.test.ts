import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cellFlag,
  cellFlagOf,
  cellFlags,
  cellStatus,
  cellStatuses,
  cellStatusOf,
  cellWarning,
  cellWarningOf,
  cellWarnings,
  decodeCell,
  encodeCell,
} from './war-chart-cell.ts';
import { warningLevels, warningRank } from './vocabulary.ts';

const partsArb = fc.record({
  status: fc.integer({ min: 0, max: cellStatuses.length - 1 }),
  warning: fc.integer({ min: 0, max: cellWarnings.length - 1 }),
  flag: fc.integer({ min: 0, max: cellFlags.length - 1 }),
});

describe('war-chart cell codec', () => {
  it('decode(encode(x)) = x over the whole domain', () => {
    fc.assert(
      fc.property(partsArb, (x) => {
        const code = encodeCell(x.status, x.warning, x.flag);
        expect(decodeCell(code)).toEqual(x);
        expect([cellStatusOf(code), cellWarningOf(code), cellFlagOf(code)]).toEqual([
          x.status,
          x.warning,
          x.flag,
        ]);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives every one of the 5 × 4 × 3 cells its own code, below 128 (one byte)', () => {
    const codes = new Set<number>();
    for (let status = 0; status < cellStatuses.length; status++)
      for (let warning = 0; warning < cellWarnings.length; warning++)
        for (let flag = 0; flag < cellFlags.length; flag++) {
          const code = encodeCell(status, warning, flag);
          expect(decodeCell(code)).toEqual({ status, warning, flag });
          expect(code).toBeGreaterThanOrEqual(0);
          expect(code).toBeLessThan(128);
          codes.add(code);
        }
    expect(codes.size).toBe(60);
  });

  it('keeps the contract layout: status + 8 × warning + 32 × flag', () => {
    expect(encodeCell(cellStatus.done, cellWarning.yellow, cellFlag.red)).toBe(2 + 8 * 2 + 32 * 1);
    expect(encodeCell(cellStatus.late, cellWarning.red, cellFlag.black)).toBe(3 + 8 * 3 + 32 * 2);
    expect(encodeCell(cellStatus.not_applicable, cellWarning.none, cellFlag.none)).toBe(4);
  });

  it('names each code by its index, and the warning by its rank', () => {
    cellStatuses.forEach((name, i) => expect(cellStatus[name]).toBe(i));
    cellWarnings.forEach((name, i) => expect(cellWarning[name]).toBe(i));
    cellFlags.forEach((name, i) => expect(cellFlag[name]).toBe(i));
    expect(warningLevels.map((l) => warningRank[l])).toEqual([1, 2, 3]);
  });
});
