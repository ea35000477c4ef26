import { describe, expect, it } from 'vitest';
import { monthLabel } from './gantt-chart.tsx';

describe('Gantt month ticks', () => {
  it('read 4月 and 7月 in Chinese', () => {
    expect(monthLabel(4, 'zh-CN')).toBe('4月');
    expect(monthLabel(7, 'zh-CN')).toBe('7月');
  });
  it('read Apr and Jul in English, not M4 and M7', () => {
    expect(monthLabel(4, 'en-US')).toBe('Apr');
    expect(monthLabel(7, 'en-US')).toBe('Jul');
  });
});
