/**
 * Money is stored as integer yuan (元) and shown in 万元 or 亿元. Every unit
 * conversion of the product lives here; rounding is half away from zero (四舍五入).
 */

import { roundHalfAway, shiftDecimal } from './rounding.ts';

export const moneyUnits = ['yuan', 'wan', 'yi'] as const;
export type MoneyUnit = (typeof moneyUnits)[number];

/** Powers of ten of each unit relative to the yuan. */
const unitExponent: Record<MoneyUnit, number> = { yuan: 0, wan: 4, yi: 8 };

/** Default number of decimals shown for each unit. */
const defaultDigits: Record<MoneyUnit, number> = { yuan: 0, wan: 2, yi: 2 };

/** Converts an amount in a unit to whole yuan, rounding half away from zero. */
function toYuan(amount: number, unit: MoneyUnit): number {
  return roundHalfAway(shiftDecimal(amount, unitExponent[unit]));
}

/** Converts 万元 to whole yuan, rounding half away from zero. */
export function yuanFromWan(wan: number): number {
  return toYuan(wan, 'wan');
}

/** Converts 亿元 to whole yuan, rounding half away from zero. */
export function yuanFromYi(yi: number): number {
  return toYuan(yi, 'yi');
}

/** Converts yuan to 万元 (unrounded). */
export function toWan(yuan: number): number {
  return shiftDecimal(yuan, -4);
}

/** Converts yuan to 亿元 (unrounded). */
export function toYi(yuan: number): number {
  return shiftDecimal(yuan, -8);
}

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Formats whole yuan in a unit with fixed decimals and thousands separators; exact for any safe integer. */
export function formatMoney(yuan: number, unit: MoneyUnit, digits: number = defaultDigits[unit]): string {
  if (!Number.isFinite(yuan)) return '—';
  const exponent = unitExponent[unit];
  const places = Math.max(0, Math.floor(digits));
  const whole = BigInt(roundHalfAway(yuan));
  const negative = whole < 0n;
  const magnitude = negative ? -whole : whole;
  // Scale to an integer count of 10^-places units, rounding half away from zero.
  let scaled: bigint;
  if (places >= exponent) {
    scaled = magnitude * 10n ** BigInt(places - exponent);
  } else {
    const divisor = 10n ** BigInt(exponent - places);
    scaled = magnitude / divisor;
    if ((magnitude % divisor) * 2n >= divisor) scaled += 1n;
  }
  const base = 10n ** BigInt(places);
  const integerPart = groupThousands((scaled / base).toString());
  const fraction = places > 0 ? `.${(scaled % base).toString().padStart(places, '0')}` : '';
  const sign = negative && scaled !== 0n ? '-' : '';
  return `${sign}${integerPart}${fraction}`;
}

/** Formats yuan as 万元, e.g. 12345678 → "1,234.57". */
export function formatWan(yuan: number, digits = 2): string {
  return formatMoney(yuan, 'wan', digits);
}

/** Formats yuan as 亿元, e.g. 32000000000 → "320.00". */
export function formatYi(yuan: number, digits = 2): string {
  return formatMoney(yuan, 'yi', digits);
}
