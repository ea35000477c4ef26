/**
 * The war chart's cell code (WarChartDto.cells): one small integer per project × stage,
 *
 *   code = status + 8 × warning + 32 × flag        (0 ≤ code < 128, one byte)
 *
 * - status (bits 0–2): 0 not started, 1 in progress, 2 done, 3 late (unfinished past its latest
 *   finish), 4 not applicable;
 * - warning (bits 3–4): the warning rank, 0 none, 1 green, 2 yellow, 3 red (vocabulary's warningRank);
 * - flag (bits 5–6): 0 none, 1 red flag (finished by its latest finish), 2 black flag (finished
 *   after it, or late).
 *
 * The only place the layout is written: the domain's batch writes codes with encodeCell, the
 * server's Excel export and the web's canvas, legend and tooltip read them with the decoders.
 * Defined in the domain because the domain computes the codes; part of the contract, and
 * re-exported by @guatu/contracts (contracts/src/war-chart-cell.ts) for the server and the web.
 */
import { warningRank } from './vocabulary.ts';

export const cellStatuses = ['not_started', 'in_progress', 'done', 'late', 'not_applicable'] as const;
export type CellStatus = (typeof cellStatuses)[number];
export const cellWarnings = ['none', 'green', 'yellow', 'red'] as const;
export type CellWarning = (typeof cellWarnings)[number];
export const cellFlags = ['none', 'red', 'black'] as const;
export type CellFlag = (typeof cellFlags)[number];

/** Status codes by name (the index in cellStatuses). */
export const cellStatus = {
  not_started: 0,
  in_progress: 1,
  done: 2,
  late: 3,
  not_applicable: 4,
} as const satisfies Record<CellStatus, number>;
/** Warning codes by name: the warning rank. */
export const cellWarning = warningRank satisfies Record<CellWarning, number>;
/** Flag codes by name (the index in cellFlags). */
export const cellFlag = { none: 0, red: 1, black: 2 } as const satisfies Record<CellFlag, number>;

/** Weight of the warning and of the flag in a code; status takes the three low bits. */
export const CELL_WARNING_WEIGHT = 8;
export const CELL_FLAG_WEIGHT = 32;

/** A cell's parts as codes: status 0–4, warning 0–3, flag 0–2. */
export type DecodedCell = { status: number; warning: number; flag: number };

export const encodeCell = (status: number, warning: number, flag: number): number =>
  status + CELL_WARNING_WEIGHT * warning + CELL_FLAG_WEIGHT * flag;

export const cellStatusOf = (code: number): number => code & 7;
export const cellWarningOf = (code: number): number => (code >> 3) & 3;
export const cellFlagOf = (code: number): number => (code >> 5) & 3;

/**
 * The flag a cell shows, the one rule for the screen, the image and the Excel chart: black on a
 * stage finished after its latest finish (超期完成), red on a milestone (开工, 主体封顶, 投产运营)
 * finished by it, else none. The code's flag is wider (red on every on-time finish, black also on
 * an unfinished late stage) but colour already says done or late: a flag on every cell says nothing.
 */
export function shownFlag(code: number, milestone: boolean): CellFlag {
  if (cellStatusOf(code) !== cellStatus.done) return 'none';
  const flag = cellFlagOf(code);
  if (flag === cellFlag.black) return 'black';
  return flag === cellFlag.red && milestone ? 'red' : 'none';
}

export const decodeCell = (code: number): DecodedCell => ({
  status: cellStatusOf(code),
  warning: cellWarningOf(code),
  flag: cellFlagOf(code),
});
