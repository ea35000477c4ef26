import { describe, expect, it } from 'vitest';
import { encodeWarChartBinary, type WarChartDto } from '@guatu/contracts';
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

const binary = (d: WarChartDto) => encodeWarChartBinary(d)!;
/** A decoded chart with plain arrays, as JSON.parse gives it. */
const plain = (d: ReturnType<typeof decodeWarChart>) => ({
  ...d,
  projects: { ids: Array.from(d.projects.ids), names: d.projects.names, group: Array.from(d.projects.group) },
  cells: Array.from(d.cells),
});

describe('war chart answer decoding', () => {
  it('reads the binary form into typed arrays equal to the JSON', () => {
    const d = dto(500);
    const out = decodeWarChart(binary(d));
    expect(out.cells).toBeInstanceOf(Uint8Array);
    expect(out.projects.ids).toBeInstanceOf(Int32Array);
    expect(plain(out)).toEqual(d);
    expect(out.projects.names[1]).toBe('项目"cells":[1]');
    expect(out.projects.names[2]).toBe('重点项目 2 🚧 ],}');
  });

  it('decodes an empty chart, one without stages, codes up to 255 and ids up to 2^31 − 1', () => {
    const empty = dto(0);
    expect(plain(decodeWarChart(binary(empty)))).toEqual(empty);
    const noStages = dto(3, 0);
    expect(plain(decodeWarChart(binary(noStages)))).toEqual(noStages);
    const wide = { ...dto(2), cells: [0, 9, 10, 99, 100, 255] };
    wide.projects.ids = [2147483647, 1];
    wide.projects.names = ['', '一'];
    expect(plain(decodeWarChart(binary(wide)))).toEqual(wide);
  });

  it('reads an answer that does not start at its buffer’s first byte', () => {
    const d = dto(7);
    const b = binary(d);
    const shifted = new Uint8Array(b.length + 3);
    shifted.set(b, 3);
    expect(plain(decodeWarChart(shifted.subarray(3)))).toEqual(d);
  });

  it('refuses what the binary form cannot carry exactly, and an answer cut short', () => {
    const d = dto(3);
    d.projects.names[1] = '半个\uD83D字';
    expect(encodeWarChartBinary(d)).toBeNull();
    expect(encodeWarChartBinary({ ...dto(3), cells: [1, 2] })).toBeNull();
    const b = binary(dto(40));
    expect(() => decodeWarChart(b.subarray(0, b.length - 5))).toThrow();
  });

  it('parses a JSON answer whole', () => {
    const d = dto(4);
    expect(decodeWarChart(bytes(JSON.stringify(d)))).toEqual(d);
    expect(decodeWarChart(bytes(JSON.stringify(d, null, 2)))).toEqual(d);
  });

  it('builds the same model from the binary form as from the parsed JSON', () => {
    const d = dto(50, 19);
    const fromBytes = buildModel(decodeWarChart(binary(d)));
    const fromJson = buildModel(d);
    const names = (m: typeof fromJson) => Array.from({ length: m.projectCount + 1 }, (_, p) => m.nameOf(p));
    expect(names(fromBytes)).toEqual([...d.projects.names, '']);
    expect(names(fromJson)).toEqual([...d.projects.names, '']);
    expect({ ...fromBytes, nameOf: null }).toEqual({ ...fromJson, nameOf: null });
    expect(fromBytes.cells[50 * 19 - 1]).toBe(((50 * 19 - 1) * 37) % 93);
  });
});
