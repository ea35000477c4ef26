/**
 * Administrative divisions (GB/T 2260 and its town-level extension): the pure types and rules.
 * The data itself (every province, city, county and town with its code) is server-only
 * (packages/server/src/divisions/), never part of the browser bundle.
 *
 * Codes: a province, city or county has the six-digit code of GB/T 2260 (370000 山东省,
 * 371400 德州市, 371481 乐陵市); a town (乡、镇、街道) the nine-digit code of its county plus
 * three digits (371481100 杨安镇).
 */
import type { RegionLevel } from './vocabulary.ts';

export type DivisionLevel = RegionLevel;

export type Division = {
  code: string;
  /** The official name: 乐陵市, 寨头堡乡. */
  name: string;
  level: DivisionLevel;
  /** The parent division's code; null for a province. */
  parentCode: string | null;
};

/** A division with its ancestors' names, root first (乐陵市: ['山东省', '德州市']): tells same-named places apart. */
export type DivisionEntry = Division & { parentNames: readonly string[] };

/**
 * What a region is: an official division ('division'; an admin may also add an uncoded one) or a
 * development zone ('zone': 经济开发区, 高新区, 产业园 — a town-level area with no official code).
 */
export const regionKinds = ['division', 'zone'] as const;
export type RegionKind = (typeof regionKinds)[number];

/** The levels a deployment may serve (a town is part of a county's tree, not a deployment of its own). */
export const deploymentLevels: readonly DivisionLevel[] = ['province', 'city', 'county'];

/**
 * A code as written by a user → the canonical code, or null when it cannot be one:
 * 2 digits (37) → 370000, 4 digits (3714) → 371400, 6 digits as they are, 9 digits (a town) as
 * they are, 12 digits (the statistics code of a town, 371481100000) → its first nine.
 */
export function normaliseDivisionCode(input: string): string | null {
  const s = input.trim();
  if (!/^\d+$/.test(s)) return null;
  switch (s.length) {
    case 2:
      return `${s}0000`;
    case 4:
      return `${s}00`;
    case 6:
    case 9:
      return s;
    case 12:
      return s.endsWith('000') ? s.slice(0, 9) : null;
    default:
      return null;
  }
}

/** The full name a user reads: 山东省 德州市 乐陵市. */
export const divisionFullName = (d: Pick<DivisionEntry, 'name' | 'parentNames'>): string =>
  [...d.parentNames, d.name].join(' ');

/**
 * Divisions matching `q`, best first: digits match codes (exact, then prefix: 3714 finds 德州市 and
 * its counties), words match names — exact name, then a name starting with q (乐陵 → 乐陵市), then
 * one containing it; within a rank, higher levels first, then by code. `limit` bounds the answer.
 */
export function searchDivisionEntries<T extends DivisionEntry>(
  entries: readonly T[],
  q: string,
  limit = 20,
): T[] {
  const query = q.trim();
  if (!query) return [];
  const rank = (d: T): number => {
    if (/^\d+$/.test(query)) {
      const code = normaliseDivisionCode(query);
      if (code !== null && d.code === code) return 0;
      return d.code.startsWith(query) ? 1 : -1;
    }
    if (d.name === query) return 0;
    if (d.name.startsWith(query)) return 1;
    if (d.name.includes(query)) return 2;
    // 德州市乐陵市: the full name, but not a place found only for its parent's name (州 → not every 德州 county).
    const compact = query.replace(/\s/g, '');
    if (
      divisionFullName(d).replace(/ /g, '').includes(compact) &&
      !d.parentNames.some((n) => n.includes(compact))
    )
      return 3;
    return -1;
  };
  const levelOrder = (l: DivisionLevel) => ['province', 'city', 'county', 'town'].indexOf(l);
  return entries
    .map((d) => ({ d, r: rank(d) }))
    .filter((x) => x.r >= 0)
    .sort(
      (a, b) => a.r - b.r || levelOrder(a.d.level) - levelOrder(b.d.level) || (a.d.code < b.d.code ? -1 : 1),
    )
    .slice(0, limit)
    .map((x) => x.d);
}

/**
 * What a name or code given at setup names: `one` when exactly one division fits (an exact code,
 * the one exact name, or else the one name starting with it), `ambiguous` with the candidates when
 * several do (市中区: four), `none` when nothing does.
 */
export type DivisionResolution<T> =
  { kind: 'one'; division: T } | { kind: 'ambiguous'; candidates: T[] } | { kind: 'none' };

export function resolveDivision<T extends DivisionEntry>(
  entries: readonly T[],
  q: string,
): DivisionResolution<T> {
  const query = q.trim();
  if (!query) return { kind: 'none' };
  if (/^\d+$/.test(query)) {
    const code = normaliseDivisionCode(query);
    const hit = code === null ? undefined : entries.find((d) => d.code === code);
    return hit ? { kind: 'one', division: hit } : { kind: 'none' };
  }
  const byLevel = (list: T[]) => searchDivisionEntries(list, query, list.length);
  const exact = entries.filter((d) => d.name === query || divisionFullName(d).replace(/ /g, '') === query);
  if (exact.length === 1) return { kind: 'one', division: exact[0]! };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: byLevel(exact) };
  const prefix = entries.filter((d) => d.name.startsWith(query));
  if (prefix.length === 1) return { kind: 'one', division: prefix[0]! };
  if (prefix.length > 1) return { kind: 'ambiguous', candidates: byLevel(prefix) };
  return { kind: 'none' };
}
