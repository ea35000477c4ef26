import { shownFlag } from '@guatu/contracts';

// One visual channel per meaning: the fill colour says the status (a late stage is already red), the
// corner the warning, and a flag only what neither says — a finish after the latest finish (黑旗),
// and a milestone (开工, 主体封顶, 投产运营) reached on time (红旗). An ordinary stage finished on
// time is green and nothing more, so a flag stands out. The cell code is unchanged: the server still
// codes a red flag on every on-time finish and a black flag on a late stage; this decides what is drawn.

export type DrawnFlag = 'red' | 'black' | null;

/** The flag a cell shows: black on a stage finished late, red on a milestone finished on time, else none. */
export function drawnFlag(code: number, milestone: boolean): DrawnFlag {
  const flag = shownFlag(code, milestone);
  return flag === 'none' ? null : flag;
}
