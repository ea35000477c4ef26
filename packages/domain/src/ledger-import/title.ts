/**
 * The jurisdiction a ledger belongs to: named in its title lines ("乐陵市2023年重点项目台账",
 * "填报单位：乐陵市发展和改革局"), or — a CSV has no title — the one whose towns its rows name.
 * Candidates (official divisions, county and above) are passed in; nothing here knows the list.
 */
import { cellText, halfWidth, type Grid } from './values.ts';
import { matchTownInAddress, townStem } from './address-match.ts';

export type JurisdictionCandidate = { code: string; name: string; parentCode: string | null };
export type TownOf = { name: string; parentCode: string };

const norm = (s: string) => halfWidth(s).replace(/\s+/g, '');

/** The texts of the rows above the header (title, 填报单位, 截至时间 lines), in sheet order. */
export function titleLines(grid: Grid, headerStart: number): string[] {
  const out: string[] = [];
  for (let r = 0; r < headerStart && r < grid.length; r++)
    for (const c of grid[r] ?? []) {
      const s = cellText(c);
      if (s !== null) out.push(s);
    }
  return out;
}

/** Every candidate whose name appears in the text, deepest first (a county over its city and province). */
function namedIn<C extends JurisdictionCandidate>(text: string, candidates: readonly C[]): C[] {
  const hits = candidates.filter((c) => c.name.length >= 2 && text.includes(norm(c.name)));
  const parents = new Set(hits.map((h) => h.parentCode).filter((p): p is string => p !== null));
  // A name shared by several divisions (鼓楼区) counts only where its parent is named too or it is alone.
  const deepest = hits.filter((h) => !parents.has(h.code));
  const byName = new Map<string, C[]>();
  for (const h of deepest) byName.set(h.name, [...(byName.get(h.name) ?? []), h]);
  const hitCodes = new Set(hits.map((h) => h.code));
  return deepest.filter((h) => {
    const same = byName.get(h.name)!;
    if (same.length === 1) return true;
    return h.parentCode !== null && hitCodes.has(h.parentCode);
  });
}

/**
 * The jurisdiction the title lines name: the deepest division named, the first line that names one
 * deciding (the title above 填报单位). Null when none is named or two are named equally.
 */
export function jurisdictionInTitle<C extends JurisdictionCandidate>(
  lines: readonly string[],
  candidates: readonly C[],
): C | null {
  for (const line of lines) {
    const hits = namedIn(norm(line), candidates);
    if (hits.length === 1) return hits[0]!;
    // 德州市乐陵市 is settled by depth; two siblings (乐陵市、宁津县) name no single one.
    if (hits.length > 1) return null;
  }
  return null;
}

/**
 * The jurisdiction the rows' places name (乐陵市寨头堡乡 → 乐陵市): a place naming a candidate
 * counts for it; otherwise the county one of whose towns the place names counts. The candidate
 * most places count for wins, if it has more than half of the places that count for any.
 */
export function jurisdictionFromPlaces<C extends JurisdictionCandidate>(
  places: readonly string[],
  candidates: readonly C[],
  towns: readonly TownOf[],
): C | null {
  const byCode = new Map(candidates.map((c) => [c.code, c]));
  const stems = new Map<string, TownOf[]>();
  for (const t of towns) {
    for (const k of new Set([norm(t.name), townStem(t.name)])) stems.set(k, [...(stems.get(k) ?? []), t]);
  }
  const votes = new Map<string, number>();
  let counted = 0;
  for (const place of places) {
    const p = norm(place);
    if (p === '') continue;
    const named = namedIn(p, candidates);
    let code: string | null = named.length === 1 ? named[0]!.code : null;
    if (code === null) {
      // The towns whose name or stem appears in the place; the match decides among them.
      const seen = new Set<TownOf>();
      for (let i = 0; i < p.length; i++)
        for (let j = i + 2; j <= Math.min(p.length, i + 12); j++)
          for (const t of stems.get(p.slice(i, j)) ?? []) seen.add(t);
      const hit = matchTownInAddress(p, [...seen]);
      const parents = new Set(
        [...seen].filter((t) => hit && norm(t.name) === norm(hit.name)).map((t) => t.parentCode),
      );
      if (hit && parents.size === 1) code = [...parents][0]!;
    }
    if (code === null || !byCode.has(code)) continue;
    counted++;
    votes.set(code, (votes.get(code) ?? 0) + 1);
  }
  let best: string | null = null;
  let most = 0;
  for (const [code, n] of votes)
    if (n > most) {
      best = code;
      most = n;
    }
  return best !== null && most * 2 > counted ? byCode.get(best)! : null;
}
