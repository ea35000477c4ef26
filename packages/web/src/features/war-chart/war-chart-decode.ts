import { decodeWarChartBinary, isWarChartBinary, type WarChartDto } from '@guatu/contracts';

/**
 * The war chart's answer: from the binary form (contracts/war-chart-binary.ts) its ids, groups and
 * cells are typed arrays viewing the answer's bytes; from the JSON they are the JSON's numbers.
 */
export type WarChartData = Omit<WarChartDto, 'projects' | 'cells'> & {
  projects: {
    ids: ArrayLike<number>;
    names: readonly string[];
    group: ArrayLike<number>;
    /** A project's name without making the array of all (the binary form has it). */
    nameAt?: (p: number) => string;
  };
  cells: Uint8Array | readonly number[];
};

/**
 * Decodes GET /api/war-chart from its bytes. The web app asks for the binary form: for a province
 * (50,000 projects) ~3.4 MB instead of ~5.5 MB of JSON, nothing to parse but a small head, and
 * the names cut from their text only when shown. The server answers JSON to a chart the binary form cannot carry: parsed whole.
 */
export function decodeWarChart(bytes: Uint8Array): WarChartData {
  if (isWarChartBinary(bytes)) return decodeWarChartBinary(bytes);
  return JSON.parse(new TextDecoder().decode(bytes)) as WarChartDto;
}
