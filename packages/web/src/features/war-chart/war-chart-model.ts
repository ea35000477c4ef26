import type { WarChartDto } from '@guatu/contracts';
import type { WarChartData } from './war-chart-decode.ts';
import { stageDisplayName } from '@guatu/domain/schedule/stage-templates';

// The war chart's data as typed arrays: one byte per cell, one int per display row.
// Cell codes are read with the contract's codec (cellStatusOf, cellWarningOf, cellFlagOf, cellStatuses…).

export type WarChartModel = {
  year: number;
  today: string;
  stages: WarChartDto['stages'];
  groups: WarChartDto['groups'];
  ids: Int32Array;
  /** A project's name (the binary answer cuts each from the names' text when it is shown). */
  nameOf: (p: number) => string;
  stageCount: number;
  projectCount: number;
  /** Row-major cell codes, projectCount × stageCount. */
  cells: Uint8Array;
  /** Display rows: ≥ 0 a project index, < 0 the header of group −(r + 1). */
  rows: Int32Array;
  /** Stage column ranges of the four groups, in column order: [group, first, count]. */
  bands: { group: string; first: number; count: number }[];
};

/** The model of an answer; default stages are named in `language` (their English names in en-US). */
export function buildModel(dto: WarChartData, language = 'zh-CN'): WarChartModel {
  const projectCount = dto.projects.ids.length;
  const stageCount = dto.stages.length;
  // decoded as bytes already (war-chart-decode.ts), or the JSON's numbers
  const cells = dto.cells instanceof Uint8Array ? dto.cells : Uint8Array.from(dto.cells);
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
    stages: dto.stages.map((s) => ({ ...s, name: stageDisplayName(s, language) })),
    groups: dto.groups,
    ids,
    nameOf: nameOfAnswer(dto),
    stageCount,
    projectCount,
    cells,
    rows: rows.subarray(0, r),
    bands,
  };
}

function nameOfAnswer(dto: WarChartData): (p: number) => string {
  // not `names` when the answer cuts each name when shown: reading it makes all 50,000 at once
  const { nameAt } = dto.projects;
  if (nameAt) return (p) => (p >= 0 && p < projectCountOf(dto) ? nameAt(p) : '');
  const { names } = dto.projects;
  return (p) => names[p] ?? '';
}

const projectCountOf = (dto: WarChartData) => dto.projects.ids.length;

/** A stage name short enough for a column header: the full name without its （…） remark. */
export function shortStageName(name: string): string {
  const s = name.replace(/（[^）]*）|\([^)]*\)/g, '').trim();
  return s || name;
}
