import type { WarChartDto } from './schedule.ts';

/**
 * GET /api/war-chart in a compact binary form, for the web app only (issue 11: the click → drawn
 * goal at 50,000 projects). A client asks for it with `Accept: application/vnd.guatu.war-chart+bin`;
 * any other request gets the JSON of `warChart` exactly as before, and a chart the binary form
 * cannot carry exactly (a name that is not well-formed UTF-16) is answered as JSON too. The same
 * chart, the same values: decodeWarChartBinary(binary) equals JSON.parse(json) field for field.
 *
 * Layout (little-endian; every array starts at a multiple of its element's size, so the decoder
 * views it in place):
 *
 *   "GWC1"                magic
 *   u32 headLength        then headLength bytes of UTF-8 JSON: { year, today, stages, groups, count }
 *   zero padding to 4
 *   i32 ids[count]        the projects' ids
 *   u32 group[count]      index into groups
 *   u32 nameEnds[count]   the end of each name in the names' text, in UTF-16 code units
 *   u16 names[nameEnds[count − 1]]   every name, one after the other, in UTF-16 (CJK: 2 bytes a
 *                         character, and decoded as a copy; a name is cut from it when shown)
 *   u8  cells[count × stages.length]   the cell codes, row-major (war-chart-cell.ts)
 */
export const WAR_CHART_BINARY_TYPE = 'application/vnd.guatu.war-chart+bin';

// The platform's text codecs: Node and the browsers have both, this package's lib (ES2023) types neither.
declare const TextEncoder: new () => { encode(text: string): Uint8Array };
declare const TextDecoder: new (label?: string) => { decode(bytes: Uint8Array): string };

const MAGIC = [0x47, 0x57, 0x43, 0x31]; // GWC1

/**
 * The chart with its arrays typed: ids, groups and cells are views on the answer's bytes; a name is
 * cut from the names' text when asked for (nameAt), the array of all `names` made on first use.
 */
export type WarChartBinary = Omit<WarChartDto, 'projects' | 'cells'> & {
  projects: { ids: Int32Array; readonly names: string[]; group: Uint32Array; nameAt(p: number): string };
  cells: Uint8Array;
};

type Head = Pick<WarChartDto, 'year' | 'today' | 'stages' | 'groups'> & { count: number };

const pad4 = (n: number) => (n + 3) & ~3;

/** A UTF-16 surrogate without its pair (String.prototype.isWellFormed is past this project's ES2023). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the bytes are the binary form (else they are the JSON). */
export function isWarChartBinary(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Encodes a chart; null when it cannot be carried exactly (a name with a lone surrogate, which
 * JSON escapes and a UTF-16 decoder replaces). `cells` may be given as any array of bytes.
 */
export function encodeWarChartBinary(chart: {
  year: number;
  today: string;
  stages: WarChartDto['stages'];
  groups: WarChartDto['groups'];
  projects: { ids: ArrayLike<number>; names: readonly string[]; group: ArrayLike<number> };
  cells: ArrayLike<number>;
}): Uint8Array | null {
  const { ids, names, group } = chart.projects;
  const count = ids.length;
  const width = chart.stages.length;
  if (names.length !== count || group.length !== count || chart.cells.length !== count * width) return null;
  const ends = new Uint32Array(count);
  let end = 0;
  for (let p = 0; p < count; p++) {
    const name = names[p]!;
    if (LONE_SURROGATE.test(name)) return null;
    end += name.length;
    ends[p] = end;
  }
  const head = new TextEncoder().encode(
    JSON.stringify({
      year: chart.year,
      today: chart.today,
      stages: chart.stages,
      groups: chart.groups,
      count,
    } satisfies Head),
  );
  const text = names.join('');
  const at = pad4(8 + head.length);
  const textAt = at + count * 12;
  const cellsAt = textAt + text.length * 2;
  const out = new Uint8Array(cellsAt + count * width);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, head.length, true);
  out.set(head, 8);
  for (let p = 0; p < count; p++) {
    view.setInt32(at + p * 4, ids[p]!, true);
    view.setUint32(at + (count + p) * 4, group[p]!, true);
    view.setUint32(at + (2 * count + p) * 4, ends[p]!, true);
  }
  for (let i = 0; i < text.length; i++) view.setUint16(textAt + i * 2, text.charCodeAt(i), true);
  out.set(chart.cells, cellsAt);
  return out;
}

/** The typed arrays are little-endian in the answer: a big-endian machine reads them by DataView. */
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function int32s(b: Uint8Array, at: number, count: number, signed: boolean): Int32Array | Uint32Array {
  const offset = b.byteOffset + at;
  if (littleEndian && offset % 4 === 0)
    return signed ? new Int32Array(b.buffer, offset, count) : new Uint32Array(b.buffer, offset, count);
  const out = signed ? new Int32Array(count) : new Uint32Array(count);
  const v = new DataView(b.buffer, offset, count * 4);
  for (let i = 0; i < count; i++) out[i] = signed ? v.getInt32(i * 4, true) : v.getUint32(i * 4, true);
  return out;
}

/** Decodes the binary form (isWarChartBinary); throws on bytes of another form or cut short. */
export function decodeWarChartBinary(b: Uint8Array): WarChartBinary {
  if (!isWarChartBinary(b)) throw new Error('not a binary war chart');
  const headLength = new DataView(b.buffer, b.byteOffset, 8).getUint32(4, true);
  const head = JSON.parse(new TextDecoder().decode(b.subarray(8, 8 + headLength))) as Head;
  const count = head.count;
  const width = head.stages.length;
  const at = pad4(8 + headLength);
  const textAt = at + count * 12;
  if (b.length < textAt) throw new Error('the binary war chart is cut short');
  const ids = int32s(b, at, count, true) as Int32Array;
  const group = int32s(b, at + count * 4, count, false) as Uint32Array;
  const ends = int32s(b, at + count * 8, count, false);
  const length = count ? ends[count - 1]! : 0;
  const cellsAt = textAt + length * 2;
  if (b.length !== cellsAt + count * width) throw new Error('the binary war chart is cut short');
  const text = new TextDecoder('utf-16le').decode(b.subarray(textAt, cellsAt));
  const nameAt = (p: number) => text.slice(p > 0 ? ends[p - 1] : 0, ends[p]);
  let names: string[] | undefined;
  return {
    year: head.year,
    today: head.today,
    stages: head.stages,
    groups: head.groups,
    projects: {
      ids,
      get names() {
        return (names ??= Array.from({ length: count }, (_, p) => nameAt(p)));
      },
      group,
      nameAt,
    },
    cells: b.subarray(cellsAt),
  };
}
