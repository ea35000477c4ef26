import { describe, expect, it } from 'vitest';
import { cellFlag, cellStatus, cellWarning, encodeCell } from '@guatu/contracts';
import { drawnFlag } from './war-chart-flags.ts';

const { none, red, black } = cellFlag;
const code = (status: number, flag: number, warning: number = cellWarning.none) =>
  encodeCell(status, warning, flag);

describe('the flag a war-chart cell draws', () => {
  it('draws no flag on an ordinary stage finished on time: green says it', () => {
    expect(drawnFlag(code(cellStatus.done, red), false)).toBeNull();
  });
  it('draws a red flag on a milestone reached on time', () => {
    expect(drawnFlag(code(cellStatus.done, red), true)).toBe('red');
  });
  it('draws a black flag on any stage finished after its latest finish', () => {
    expect(drawnFlag(code(cellStatus.done, black), false)).toBe('black');
    expect(drawnFlag(code(cellStatus.done, black), true)).toBe('black');
  });
  it('draws no flag on a late unfinished stage: its red fill says late', () => {
    expect(drawnFlag(code(cellStatus.late, black, cellWarning.red), false)).toBeNull();
    expect(drawnFlag(code(cellStatus.late, black), true)).toBeNull();
  });
  it('draws no flag on stages not started, in progress or not applicable', () => {
    for (const status of [cellStatus.not_started, cellStatus.in_progress, cellStatus.not_applicable])
      for (const milestone of [false, true]) expect(drawnFlag(code(status, none), milestone)).toBeNull();
  });
});
