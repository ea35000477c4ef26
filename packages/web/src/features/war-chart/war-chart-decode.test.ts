import { describe, expect, it } from 'vitest';
import type { WarChartDto } from '@guatu/contracts';
import { decodeWarChart } from './war-chart-decode.ts';
import { buildModel } from './war-chart-model.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

function dto(projects: number, stages = 3): WarChartDto {
  return {
    year: 2023,
    today: '2023-08-15',
    stages: Array.from({ length: stages }, (_, i) => ({
      key: `s${i}`,
      name: `工序${i}`,
      group: 'landing' as const,
      milestone: i === 1,
    })),
    groups: [{ key: 'province', label: '省级重点项目', count: projects }],
    projects: {
      ids: Array.from({ length: projects }, (_, i) => i + 1),
      // names that look like the key the decoder looks for, quotes, brackets, emoji
      names: Array.from({ length: projects }, (_, i) =>
        i % 2 ? `项目"cells":[${i}]` : `重点项目 ${i} 🚧 ],}`,
      ),
      group: Array.from({ length: projects }, () => 0),
    },
    cells: Array.from({ length: projects * stages }, (_, i) => (i * 37) % 93),
  };
}

describe('war chart answer decoding', () => {
  it('reads the cells as bytes and the rest as JSON, equal to JSON.parse of the whole', () => {
    const d = dto(500);
    const out = decodeWarChart(bytes(JSON.stringify(d)));
    expect(out.cells).toBeInstanceOf(Uint8Array);
    expect(Array.from(out.cells)).toEqual(d.cells);
    expect({ ...out, cells: d.cells }).toEqual(d);
    expect(out.projects.names[1]).toBe('项目"cells":[1]');
  });

  it('decodes an empty chart, and one with codes of three digits up to 255', () => {
    const empty = dto(0);
    expect(decodeWarChart(bytes(JSON.stringify(empty)))).toEqual({ ...empty, cells: new Uint8Array(0) });
    const wide = { ...dto(2), cells: [0, 9, 10, 99, 100, 255] };
    expect(Array.from(decodeWarChart(bytes(JSON.stringify(wide))).cells)).toEqual(wide.cells);
  });

  it('parses any other form whole: spaces and new lines, another key order, codes that are not bytes', () => {
    const d = dto(4);
    const pretty = decodeWarChart(bytes(JSON.stringify(d, null, 2)));
    expect(Array.from(pretty.cells)).toEqual(d.cells);
    const { cells, ...rest } = d;
    const reordered = decodeWarChart(bytes(JSON.stringify({ cells, ...rest })));
    expect(reordered).toEqual(d);
    const big = { ...d, cells: d.cells.map((c, i) => (i === 5 ? 256 : c)) };
    expect(decodeWarChart(bytes(JSON.stringify(big))).cells).toEqual(big.cells);
    const negative = { ...d, cells: d.cells.map((c, i) => (i === 0 ? -1 : c)) };
    expect(decodeWarChart(bytes(JSON.stringify(negative))).cells).toEqual(negative.cells);
    // a count that does not match projects × stages is not taken as cells
    const short = { ...d, cells: d.cells.slice(1) };
    expect(decodeWarChart(bytes(JSON.stringify(short))).cells).toEqual(short.cells);
  });

  it('builds the same model from the bytes as from the parsed JSON', () => {
    const d = dto(50, 19);
    const fromBytes = buildModel(decodeWarChart(bytes(JSON.stringify(d))));
    const fromJson = buildModel(d);
    expect(fromBytes).toEqual(fromJson);
    expect(fromBytes.cells[50 * 19 - 1]).toBe(((50 * 19 - 1) * 37) % 93);
  });
});
