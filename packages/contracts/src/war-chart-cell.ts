/**
 * The war chart's cell code (WarChartDto.cells = status + 8 × warning + 32 × flag): its one
 * codec, defined beside the domain code that writes the cells (domain/src/war-chart-cell.ts) and
 * given to the server and the web from here, as part of the contract.
 */
export {
  CELL_FLAG_WEIGHT,
  CELL_WARNING_WEIGHT,
  cellFlag,
  cellFlagOf,
  cellFlags,
  cellStatus,
  cellStatusOf,
  cellStatuses,
  cellWarning,
  cellWarningOf,
  cellWarnings,
  decodeCell,
  encodeCell,
  shownFlag,
} from '@guatu/domain/war-chart-cell';
export type { CellFlag, CellStatus, CellWarning, DecodedCell } from '@guatu/domain/war-chart-cell';
