/**
 * Decimal rounding as people do it on paper (四舍五入): half away from zero, on
 * the decimal digits rather than the binary float (1.005 → 1.01, not 1.00).
 */

/** Multiplies by 10^exponent on the decimal text, so that 1.23455 × 10^4 is exactly 12345.5. */
export function shiftDecimal(value: number, exponent: number): number {
  const [mantissa = '', power = '0'] = String(value).split('e');
  return Number(`${mantissa}e${Number(power) + exponent}`);
}

/** Rounds to a whole number half away from zero, never returning -0. */
export function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value)) || 0;
}

/** Rounds to `digits` decimals half away from zero. */
export function roundTo(value: number, digits = 0): number {
  return shiftDecimal(roundHalfAway(shiftDecimal(value, digits)), -digits) || 0;
}
