/**
 * Towns named inside addresses: a ledger's 所在乡镇 or 建设地点 often reads "乐陵市寨头堡乡",
 * "寨头堡乡政府驻地东侧" or just "寨头堡" (the 乡/镇/街道 left out).
 */
import { halfWidth } from './values.ts';

/** The suffixes a town-level name ends with; a ledger may leave them out. */
const townSuffix =
  /(街道办事处|街道|办事处|镇|乡|经济技术开发区|经济开发区|高新技术产业开发区|开发区|产业园区|园区)$/;

const norm = (s: string) => halfWidth(s).replace(/\s+/g, '');

/** A town's name without its 乡/镇/街道 suffix (寨头堡乡 → 寨头堡); the name itself when nothing would be left. */
export function townStem(name: string): string {
  const n = norm(name);
  const stem = n.replace(townSuffix, '');
  return [...stem].length >= 2 ? stem : n;
}

/**
 * The town an address names, among `towns`: an equal name, else the one full name inside the
 * address, else the one stem inside it (寨头堡 → 寨头堡乡). Null when none, or when it names two towns.
 * `jurisdiction` (乐陵市) is cut from the address's start first, so its own name never reads as a town.
 */
export function matchTownInAddress<T extends { name: string }>(
  address: string,
  towns: readonly T[],
  jurisdiction: string | null = null,
): T | null {
  let a = norm(address);
  const equal = towns.filter((t) => norm(t.name) === a);
  if (equal.length === 1) return equal[0]!;
  if (jurisdiction) {
    const j = norm(jurisdiction);
    if (a.startsWith(j) && a.length > j.length) a = a.slice(j.length);
  }
  // Every town found; one whose key sits inside another found key (市中 in 市中街道) gives way.
  const found = (key: (t: T) => string): T | null | 'tie' => {
    const hits = towns.filter((t) => key(t) !== '' && a.includes(key(t)));
    const kept = hits.filter((h) => !hits.some((o) => key(o) !== key(h) && key(o).includes(key(h))));
    const names = new Set(kept.map((t) => norm(t.name)));
    return names.size === 0 ? null : names.size === 1 ? kept[0]! : 'tie';
  };
  const full = found((t) => norm(t.name));
  if (full === 'tie') return null;
  if (full) return full;
  const stem = found((t) => townStem(t.name));
  return stem === 'tie' ? null : stem;
}
