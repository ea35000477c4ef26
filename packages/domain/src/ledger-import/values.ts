/**
 * Cell values as offices write them, turned into ledger values: money in any unit to
 * integer yuan, the dozen ways of writing a date, yes/no, levels, categories, natures.
 */
import { daysInMonth } from '../dates.ts';
import { yuanFromWan, yuanFromYi, type MoneyUnit } from '../money.ts';
import { roundHalfAway } from '../rounding.ts';
import type { Category, Level, Nature } from '../vocabulary.ts';

/** A cell as the readers hand it over: date cells arrive as 'YYYY-MM-DD' text, formulas as their cached value. */
export type Cell = string | number | boolean | null;
/** A sheet: rows of cells, row 0 being the sheet's first row. */
export type Grid = Cell[][];

/** Why a value was refused; the server turns the code into a message. */
export type ValueProblem =
  | 'bad_number'
  | 'negative'
  | 'bad_date'
  | 'year_only'
  | 'bad_yes_no'
  | 'bad_level'
  | 'bad_category'
  | 'bad_nature'
  | 'bad_code'
  | 'too_long';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: ValueProblem };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (problem: ValueProblem): Parsed<never> => ({ ok: false, problem });

/** Half-width digits and letters, no zero-width or non-breaking spaces, trimmed. */
export function halfWidth(s: string): string {
  if (!/[\uff01-\uff5e\u3000\u00a0\u200b\u2000-\u206f\ufe30-\ufe6f]/.test(s)) return s.trim();
  return s
    .normalize('NFKC')
    .replace(/[\u200b\u00a0\u3000]/g, ' ')
    .trim();
}

/** The text of a cell, trimmed; empty text is null. */
export function cellText(c: Cell): string | null {
  if (c === null) return null;
  const s = (typeof c === 'string' ? c : String(c)).replace(/[\u200b\u00a0\u3000]/g, ' ').trim();
  return s === '' ? null : s;
}

/** The money unit a header label or title line states, if any. */
export function unitOfLabel(label: string): MoneyUnit | null {
  const s = halfWidth(label);
  if (/亿元|\(亿\)|单位:?亿/.test(s)) return 'yi';
  if (/万元|\(万\)|单位:?万/.test(s)) return 'wan';
  if (/\(元\)|单位:?元/.test(s)) return 'yuan';
  return null;
}

const unitFactor: Record<MoneyUnit, (n: number) => number> = {
  yuan: (n) => roundHalfAway(n),
  wan: yuanFromWan,
  yi: yuanFromYi,
};

/** A non-negative amount in `unit` as integer yuan; 1,234.5 / １２３４ / 1234万元 / 3.2亿 are read. */
export function parseMoney(c: Cell, unit: MoneyUnit): Parsed<number | null> {
  if (c === null || c === '') return ok(null);
  if (typeof c === 'boolean') return fail('bad_number');
  let n: number;
  let u = unit;
  if (typeof c === 'number') n = c;
  else {
    let s = halfWidth(c).replace(/[,，\s]/g, '');
    if (s === '' || s === '-' || s === '—' || s === '/') return ok(null);
    const suffix = /(亿元|亿|万元|万|元)$/.exec(s);
    if (suffix) {
      u = suffix[1]!.startsWith('亿') ? 'yi' : suffix[1]!.startsWith('万') ? 'wan' : 'yuan';
      s = s.slice(0, -suffix[1]!.length);
    }
    if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return fail('bad_number');
    n = Number(s);
  }
  if (!Number.isFinite(n)) return fail('bad_number');
  if (n < 0) return fail('negative');
  return ok(unitFactor[u](n));
}

const pad = (n: number) => String(n).padStart(2, '0');

function ymd(y: number, m: number, d: number | null): Parsed<string> {
  if (y < 1950 || y > 2100 || m < 1 || m > 12) return fail('bad_date');
  if (d === null) return ok(`${y}-${pad(m)}`);
  if (d < 1 || d > daysInMonth(y, m)) return fail('bad_date');
  return ok(`${y}-${pad(m)}-${pad(d)}`);
}

/** Days from 1899-12-30 (Excel's day 0, after its 1900 leap-year bug) to an ISO date. */
export function excelSerialToIso(serial: number): string {
  return new Date(Math.round((serial - 25569) * 86_400_000)).toISOString().slice(0, 10);
}

/**
 * A date or month as ISO text: 2023-03-15, 2023/3/15, 2023.3.15, 2023年3月15日 keep the day;
 * 2023.3, 2023.03, 2023-3, 2023年3月(底) keep the month; Excel serial numbers and date cells are read.
 * A number 2023.1 is January: Excel has already dropped the zero of 2023.10.
 */
export function parseDateOrMonth(c: Cell): Parsed<string | null> {
  if (c === null || c === '') return ok(null);
  if (typeof c === 'boolean') return fail('bad_date');
  if (typeof c === 'number') {
    if (Number.isInteger(c) && c >= 1900 && c <= 2100) return fail('year_only');
    if (c >= 1900 && c < 2101) {
      const [y, m] = String(c).split('.');
      return ymd(Number(y), Number(m), null);
    }
    if (Number.isInteger(c) && c >= 18264 && c <= 73051) return ok(excelSerialToIso(c)); // 1950–2099
    if (c >= 18264 && c <= 73051) return ok(excelSerialToIso(Math.floor(c))); // a date-time serial
    if (Number.isInteger(c) && c >= 19500101 && c <= 21001231)
      return ymd(Math.floor(c / 10000), Math.floor(c / 100) % 100, c % 100);
    return fail('bad_date');
  }
  const s = halfWidth(c).replace(/\s+/g, '');
  if (s === '' || s === '-' || s === '/' || s === '—') return ok(null);
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(T.*|\d{1,2}:\d{2}.*)?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[-/.](\d{1,2})$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), null);
  m = /^(\d{4})年(\d{1,2})月(份|底|初|末|中旬|上旬|下旬|前|中)?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), null);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{4}年?$/.test(s)) return fail('year_only');
  if (/^\d+(\.\d+)?$/.test(s)) return parseDateOrMonth(Number(s));
  return fail('bad_date');
}

const yesWords = [
  '是',
  '已开工',
  '开工',
  '已',
  '√',
  '✓',
  '✔',
  'Y',
  'YES',
  'TRUE',
  '1',
  '已纳统',
  '纳统',
  '已入库',
  '入库',
  '有',
];
const noWords = [
  '否',
  '未开工',
  '未',
  '×',
  'X',
  '✗',
  '✘',
  'N',
  'NO',
  'FALSE',
  '0',
  '未纳统',
  '未入库',
  '无',
  '不',
];

/** 是/否, 已开工/未开工, √/×, Y/N, true/false, 1/0; empty is null. */
export function parseYesNo(c: Cell): Parsed<boolean | null> {
  if (c === null || c === '') return ok(null);
  if (typeof c === 'boolean') return ok(c);
  const s = halfWidth(String(c)).replace(/\s+/g, '').toUpperCase();
  if (s === '') return ok(null);
  if (yesWords.includes(s)) return ok(true);
  if (noWords.includes(s)) return ok(false);
  return fail('bad_yes_no');
}

/** 省级/省重点/省/省级重点项目 → province; 市…; 县/区… → county. */
export function parseLevel(c: Cell): Parsed<Level | null> {
  const s = cellText(c);
  if (s === null) return ok(null);
  const t = halfWidth(s)
    .replace(/\s+/g, '')
    .replace(/(重点)?(项目)?$/, '')
    .replace(/级$/, '')
    .replace(/重点$/, '');
  if (/^(省|省级)$/.test(t)) return ok('province');
  if (/^(市|市级|地市)$/.test(t)) return ok('city');
  if (/^(县|县级|区|区级|县区|县\(市、区\)|县市区)$/.test(t)) return ok('county');
  return fail('bad_level');
}

/** 实施类/实施/在建 → implementation; 储备类/储备/前期 → reserve. */
export function parseCategory(c: Cell): Parsed<Category | null> {
  const s = cellText(c);
  if (s === null) return ok(null);
  const t = halfWidth(s).replace(/\s+/g, '').replace(/项目$/, '');
  if (/^(实施类?|在建|新开工|续建类)$/.test(t)) return ok('implementation');
  if (/^(储备类?|前期|谋划)$/.test(t)) return ok('reserve');
  return fail('bad_category');
}

/** 新建 / 续建 / 改扩建 (and 扩建, 改建, 技改). */
export function parseNature(c: Cell): Parsed<Nature | null> {
  const s = cellText(c);
  if (s === null) return ok(null);
  const t = halfWidth(s).replace(/\s+/g, '').replace(/项目$/, '');
  if (/^(新建|新开工|新)$/.test(t)) return ok('new');
  if (/^(续建|续)$/.test(t)) return ok('continuing');
  if (/^(改扩建|扩建|改建|技改|技术改造|改造)$/.test(t)) return ok('expansion');
  return fail('bad_nature');
}

/** A 24-character project code, full-width forms folded; empty is null. */
export function parseCode(c: Cell): Parsed<string | null> {
  const s = cellText(c);
  if (s === null) return ok(null);
  const t = halfWidth(s)
    .replace(/\s+/g, '')
    .replace(/[－—–]/g, '-');
  if (!/^[0-9A-Za-z-]{24}$/.test(t)) return fail('bad_code');
  return ok(t);
}

/** Text of at most `max` characters; empty is null. */
export function parseText(c: Cell, max: number): Parsed<string | null> {
  if (typeof c === 'number' && !Number.isInteger(c)) return ok(String(c));
  const s = cellText(c);
  if (s === null) return ok(null);
  return s.length > max ? fail('too_long') : ok(s);
}
