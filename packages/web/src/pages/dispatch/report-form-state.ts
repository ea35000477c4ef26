import type { DispatchReport, DispatchReportDraft } from '@guatu/contracts';
import { toWan, yuanFromWan } from '../../format.ts';

/**
 * The phone report form's state (issue 10, item 2) and its one conversion to and from the API:
 * amounts are typed in 万元 as text and sent as integer 元; numbers stay as typed until they parse.
 */
export type StageEntry = { key: string; actualStart: string | null; actualFinish: string | null };

export type ReportForm = {
  /** 本月完成投资, 万元 as typed. */
  completedWan: string;
  progressText: string;
  workers: string;
  /** 到位资金, 万元 as typed. */
  fundsWan: string;
  statsIncluded: boolean;
  statsCode: string;
  statsDate: string;
  problems: string[];
  nextMonthPlan: string;
  stages: StageEntry[];
};

export const emptyForm: ReportForm = {
  completedWan: '',
  progressText: '',
  workers: '',
  fundsWan: '',
  statsIncluded: false,
  statsCode: '',
  statsDate: '',
  problems: [],
  nextMonthPlan: '',
  stages: [],
};

/** What a typed number is: empty, a number, or not one (kept as typed, never sent). */
export type Parsed = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'invalid' };

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;

/** A number as typed on a phone: half-width digits, one point, full-width digits and commas tolerated. */
export function parseNumber(text: string): Parsed {
  const s = text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[，,\s]/g, '')
    .replace(/[．。]/g, '.');
  if (s === '') return { kind: 'empty' };
  if (!NUMBER.test(s)) return { kind: 'invalid' };
  return { kind: 'number', value: Number(s) };
}

/** 万元 as typed → integer 元 (四舍五入), null when empty; 'invalid' when not a number. */
export function yuanOfWanText(text: string): number | null | 'invalid' {
  const p = parseNumber(text);
  if (p.kind === 'empty') return null;
  if (p.kind === 'invalid') return 'invalid';
  return yuanFromWan(p.value);
}

/** Integer 元 → 万元 as the field shows it (no trailing zeros: 1234500 → "123.45"). */
export const wanTextOfYuan = (yuan: number | null): string => (yuan === null ? '' : String(toWan(yuan)));

/** A field's own problem before anything is sent: not a number, negative, not a whole count. */
export type LocalIssue = 'not_number' | 'negative' | 'not_whole';

export function localIssues(
  f: ReportForm,
): Partial<Record<'completedThisMonth' | 'fundsInPlace' | 'workersOnSite', LocalIssue>> {
  const out: Partial<Record<'completedThisMonth' | 'fundsInPlace' | 'workersOnSite', LocalIssue>> = {};
  const money = (path: 'completedThisMonth' | 'fundsInPlace', text: string) => {
    const p = parseNumber(text);
    if (p.kind === 'invalid') out[path] = 'not_number';
    else if (p.kind === 'number' && p.value < 0) out[path] = 'negative';
  };
  money('completedThisMonth', f.completedWan);
  money('fundsInPlace', f.fundsWan);
  const w = parseNumber(f.workers);
  if (w.kind === 'invalid') out.workersOnSite = 'not_number';
  else if (w.kind === 'number' && w.value < 0) out.workersOnSite = 'negative';
  else if (w.kind === 'number' && !Number.isInteger(w.value)) out.workersOnSite = 'not_whole';
  return out;
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
const amount = (text: string) => {
  const v = yuanOfWanText(text);
  return v === 'invalid' || (v !== null && v < 0) ? null : v;
};

/** The draft the API takes; a field that does not parse is sent empty (the form keeps what was typed). */
export function draftOf(
  f: ReportForm,
  idempotencyKey: string,
  version: number | undefined,
): DispatchReportDraft {
  const w = parseNumber(f.workers);
  return {
    completedThisMonth: amount(f.completedWan),
    progressText: orNull(f.progressText),
    workersOnSite:
      w.kind === 'number' && Number.isInteger(w.value) && w.value >= 0 && w.value <= 1_000_000
        ? w.value
        : null,
    fundsInPlace: amount(f.fundsWan),
    statsIncluded: f.statsIncluded,
    statsCode: f.statsIncluded ? orNull(f.statsCode) : null,
    statsDate: f.statsIncluded ? orNull(f.statsDate) : null,
    problems: f.problems.map((p) => p.trim()).filter((p) => p !== ''),
    nextMonthPlan: orNull(f.nextMonthPlan),
    stages: f.stages.filter((s) => s.actualStart !== null || s.actualFinish !== null),
    idempotencyKey,
    ...(version === undefined ? {} : { version }),
  };
}

/** The form of a stored report. */
export function formOf(r: DispatchReport): ReportForm {
  return {
    completedWan: wanTextOfYuan(r.completedThisMonth),
    progressText: r.progressText ?? '',
    workers: r.workersOnSite === null ? '' : String(r.workersOnSite),
    fundsWan: wanTextOfYuan(r.fundsInPlace),
    statsIncluded: r.statsIncluded ?? false,
    statsCode: r.statsCode ?? '',
    statsDate: r.statsDate ?? '',
    problems: r.problems,
    nextMonthPlan: r.nextMonthPlan ?? '',
    stages: r.stages,
  };
}

/**
 * 1-N月累计 shown while typing: the year to date before this month (the round table's figure less
 * the month it counts) plus the amount typed now — never typed by the reporter.
 */
export function ytdWithThisMonth(
  row: { completedYtd: number; completedThisMonth: number },
  typedYuan: number | null,
): number {
  return row.completedYtd - row.completedThisMonth + (typedYuan ?? 0);
}

/** A v4 UUID: crypto.randomUUID where the page is a secure context, else from getRandomValues (plain http on a LAN). */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Whole days from `today` to `deadline` (both 'YYYY-MM-DD'): 0 on the day, negative when past. */
export function daysUntil(deadline: string, today: string): number {
  const ms = Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}
