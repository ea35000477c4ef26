import { describe, expect, it } from 'vitest';
import { cellFlag, cellStatus, cellWarning, encodeCell, shownFlag } from './war-chart-cell.ts';

const code = (status: number, flag: number) => encodeCell(status, cellWarning.none, flag);

describe('the flag a war-chart cell shows (screen, image and Excel)', () => {
  it('shows none on an ordinary stage finished on time, red on a milestone finished on time', () => {
    expect(shownFlag(code(cellStatus.done, cellFlag.red), false)).toBe('none');
    expect(shownFlag(code(cellStatus.done, cellFlag.red), true)).toBe('red');
  });
  it('shows black on any stage finished late, none on a late stage still open (its colour says late)', () => {
    expect(shownFlag(code(cellStatus.done, cellFlag.black), false)).toBe('black');
    expect(shownFlag(code(cellStatus.late, cellFlag.black), true)).toBe('none');
  });
});
