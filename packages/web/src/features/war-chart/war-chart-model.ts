import type { WarChartDto } from '@guatu/contracts';

// The war chart's data as typed arrays: one byte per cell, one int per display row.
// Cell code = status + 8 × warning + 32 × flag (see packages/contracts/src/schedule.ts).

export const STATUS = { notStarted: 0, inProgress: 1, done: 2, late: 3, notApplicable: 4 } as const;
export const WARNING = { none: 0, green: 1, yellow: 2, red: 3 } as const;
export const FLAG = { none: 0, red: 1, black: 2 } as const;

export const statusOf = (code: number) => code & 7;
export const warningOf = (code: number) => (code >> 3) & 3;
export const flagOf = (code: number) => (code >> 5) & 3;

export const statusNames = ['not_started', 'in_progress', 'done', 'late', 'not_applicable'] as const;
export const warningNames = ['none', 'green', 'yellow', 'red'] as const;
export const flagNames = ['none', 'red', 'black'] as const;

export type WarChartModel = {
  year: number;
  today: string;
  stages: WarChartDto['stages'];
  groups: WarChartDto['groups'];
  ids: Int32Array;
  names: string[];
  stageCount: number;
  projectCount: number;
  /** Row-major cell codes, projectCount × stageCount. */
  cells: Uint8Array;
  /** Display rows: ≥ 0 a project index, < 0 the header of group −(r + 1). */
  rows: Int32Array;
  /** Stage column ranges of the four groups, in column order: [group, first, count]. */
  bands: { group: string; first: number; count: number }[];
};

export function buildModel(dto: WarChartDto): WarChartModel {
  const projectCount = dto.projects.ids.length;
  const stageCount = dto.stages.length;
  const cells = Uint8Array.from(dto.cells);
  const ids = Int32Array.from(dto.projects.ids);
  const rows = new Int32Array(projectCount + dto.groups.length);
  let r = 0;
  let current = -1;
  for (let p = 0; p < projectCount; p++) {
    const g = dto.projects.group[p] ?? 0;
    if (g !== current) {
      // a group may be empty of projects in this filter: headers follow the projects' order
      rows[r++] = -(g + 1);
      current = g;
    }
    rows[r++] = p;
  }
  const bands: WarChartModel['bands'] = [];
  dto.stages.forEach((s, i) => {
    const last = bands[bands.length - 1];
    if (last && last.group === s.group) last.count++;
    else bands.push({ group: s.group, first: i, count: 1 });
  });
  return {
    year: dto.year,
    today: dto.today,
    stages: dto.stages,
    groups: dto.groups,
    ids,
    names: dto.projects.names,
    stageCount,
    projectCount,
    cells,
    rows: rows.subarray(0, r),
    bands,
  };
}

/** Counts of each status over the whole chart (for the legend). */
export function statusCounts(m: WarChartModel): Uint32Array {
  const counts = new Uint32Array(8);
  for (let i = 0; i < m.cells.length; i++) counts[m.cells[i]! & 7]!++;
  return counts;
}

/** A stage name short enough for a column header: the full name without its （…） remark. */
export function shortStageName(name: string): string {
  const s = name.replace(/（[^）]*）|\([^)]*\)/g, '').trim();
  return s || name;
}
