/**
 * Near-name matching for the names a ledger gives to departments and people: 市住建局 is
 * 市住房和城乡建设局, 发改委 is 发展和改革局's predecessor name, 乐陵市自然资源和规划局 is
 * 自然资源局. A name whose key equals or nearly equals an existing one is offered as a match;
 * the user decides, nothing is merged silently.
 */
import { halfWidth } from './values.ts';

/** Abbreviations of Chinese bureau names, longest first (the short form → the full form). */
export const bureauAbbreviations: ReadonlyArray<readonly [string, string]> = [
  ['自然资源和规划', '自然资源'],
  ['住建', '住房和城乡建设'],
  ['住房城乡建设', '住房和城乡建设'],
  ['发改', '发展和改革'],
  ['发展改革', '发展和改革'],
  ['自规', '自然资源'],
  ['工信', '工业和信息化'],
  ['人社', '人力资源和社会保障'],
  ['卫健', '卫生健康'],
  ['文旅', '文化和旅游'],
  ['市场监管', '市场监督管理'],
  ['环保', '生态环境'],
  ['交通运输', '交通'],
  ['教体', '教育和体育'],
  ['科工信', '科学技术和工业信息化'],
  ['审批服务', '行政审批服务'],
  ['行政审批', '行政审批服务'],
  ['应急', '应急管理'],
];

const suffixes = /(委员会|委|局|办公室|办|中心|管委会)$/;
/** A leading place name (乐陵市, 市, 县), not the 市 of 市场监督管理 or 市政. */
const placePrefix = /^.{0,8}?[省市县区旗](?![场政])/;

/** The part of a bureau name that names its work: no place, no 局/委员会, abbreviations spelled out. */
export function departmentKey(name: string): string {
  let s = halfWidth(name).replace(/\s+/g, '');
  const stem = s.replace(suffixes, '');
  // A leading place (乐陵市, 市, 县): only when something is left after it.
  const place = placePrefix.exec(stem)?.[0];
  if (place !== undefined && stem.length - place.length >= 2) s = s.slice(place.length);
  s = s.replace(suffixes, '');
  for (const [short, full] of bureauAbbreviations) {
    if (!s.startsWith(short) || (full.length > short.length && s.startsWith(full))) continue;
    s = full + s.slice(short.length);
    break;
  }
  // 自然资源和规划 → 自然资源 (the planning half was merged in), then drop 和 (发展改革 = 发展和改革).
  return s.replace('自然资源和规划', '自然资源').replace(/[和与及]/g, '');
}

/** A person's name as written, without spaces and a title in brackets (张建国（副市长）→ 张建国). */
export function personKey(name: string): string {
  return halfWidth(name)
    .replace(/\s+/g, '')
    .replace(/[(（].*[)）]$/, '');
}

/** Levenshtein distance of two short strings (names: a plain two-row table is enough). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

export type NearMatch<T> = { item: T; distance: number };

function nearBy<T extends { name: string }>(
  name: string,
  existing: readonly T[],
  key: (s: string) => string,
  allowed: (len: number) => number,
): Array<NearMatch<T>> {
  const k = key(name);
  const out: Array<NearMatch<T>> = [];
  for (const item of existing) {
    const e = key(item.name);
    if (k === '' || e === '') continue;
    const d = editDistance(k, e);
    if (d <= allowed(Math.min([...k].length, [...e].length))) out.push({ item, distance: d });
  }
  return out.sort((a, b) => a.distance - b.distance);
}

/**
 * Existing departments the name nearly is: the same key (市住建局 ↔ 市住房和城乡建设局), or a key
 * one edit away (two for keys of 6 characters or more), closest first.
 */
export function nearDepartments<T extends { name: string }>(name: string, existing: readonly T[]) {
  return nearBy(name, existing, departmentKey, (len) => (len >= 6 ? 2 : len >= 3 ? 1 : 0));
}

/**
 * Existing people the name nearly is: the same name without a title or spaces, or — names of three
 * characters or more — one character apart (a typo, or another person: the user decides).
 */
export function nearPeople<T extends { name: string }>(name: string, existing: readonly T[]) {
  return nearBy(name, existing, personKey, (len) => (len >= 3 ? 1 : 0));
}
