/**
 * How a phone number is shown to those who may not read it whole (个人信息脱敏).
 * Only digits are hidden; separators and other characters stay where they are, so the masked
 * form is stable and a form that sends it back unchanged can be recognised (isMaskedEcho).
 * - 11 digits or more (mobiles, landlines with area code): the first 3 and the last 4 digits
 *   stay: 13805341234 → 138****1234, 0534-6212345 → 053*-***2345;
 * - fewer: every digit but the last 2: 6212345 → *****45, 110 → *10;
 * - null stays null, '' stays '', text without digits stays as it is.
 */
export function maskPhone(value: string | null): string | null {
  if (value === null || value === '') return value;
  const digits = (value.match(/\d/g) ?? []).length;
  if (digits === 0) return value;
  const keepHead = digits >= 11 ? 3 : 0;
  const keepTail = digits >= 11 ? 4 : Math.min(2, digits - 1);
  let seen = 0;
  return value.replace(/\d/g, (d) => {
    seen += 1;
    return seen <= keepHead || seen > digits - keepTail ? d : '*';
  });
}

/** The masking character: a value holding it was copied from a masked answer. */
export const looksMasked = (value: string | null | undefined): boolean =>
  typeof value === 'string' && value.includes('*');
