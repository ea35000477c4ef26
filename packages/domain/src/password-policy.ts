/**
 * The password rule of 等保 (GB/T 22239) level-3 practice: length and character classes, no
 * username inside the password, not a common password (common-passwords.ts). The server also
 * refuses the last PASSWORD_HISTORY passwords and asks for a change after the maximum age.
 * The server checks it; the web shows the text.
 */
import { isCommonPassword } from './common-passwords.ts';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MIN_CLASSES = 3;
/** How many of the last passwords (the current one included) cannot be chosen again. */
export const PASSWORD_HISTORY = 5;

export const passwordRejections = ['too_short', 'too_few_classes', 'contains_username', 'common'] as const;
export type PasswordRejection = (typeof passwordRejections)[number];
export type PasswordCheck = { ok: true } | { ok: false; reason: PasswordRejection };

/** A message in each language of the UI. */
export type LocalizedText = { 'zh-CN': string; 'en-US': string };

export const passwordPolicyText: LocalizedText = {
  'zh-CN': `密码至少 ${PASSWORD_MIN_LENGTH} 位，且包含大写字母、小写字母、数字、符号中的至少三类，不得包含用户名，不得使用常见密码（如 Admin@123、姓名拼音加生日）或最近 ${PASSWORD_HISTORY} 次用过的密码`,
  'en-US': `At least ${PASSWORD_MIN_LENGTH} characters, with at least three of: uppercase letters, lowercase letters, digits, symbols; must not contain the username, be a common password (such as Admin@123 or a name with a birthday) or one of your last ${PASSWORD_HISTORY} passwords`,
};

export const passwordRejectionText: Record<PasswordRejection, LocalizedText> = {
  too_short: {
    'zh-CN': `密码至少 ${PASSWORD_MIN_LENGTH} 位`,
    'en-US': `The password needs at least ${PASSWORD_MIN_LENGTH} characters`,
  },
  too_few_classes: {
    'zh-CN': '密码须包含大写字母、小写字母、数字、符号中的至少三类',
    'en-US': 'The password needs at least three of: uppercase letters, lowercase letters, digits, symbols',
  },
  contains_username: { 'zh-CN': '密码不得包含用户名', 'en-US': 'The password must not contain the username' },
  common: {
    'zh-CN': '该密码过于常见，容易被猜中（如 Admin@123、姓名拼音加生日、键盘连续键）',
    'en-US':
      'This password is too common and easy to guess (such as Admin@123, a name with a birthday, keyboard rows)',
  },
};

/** Counts the character classes (lowercase, uppercase, digit, other) present in a password. */
export function passwordClassCount(password: string): number {
  let lower = false;
  let upper = false;
  let digit = false;
  let other = false;
  for (const ch of password) {
    if (ch >= 'a' && ch <= 'z') lower = true;
    else if (ch >= 'A' && ch <= 'Z') upper = true;
    else if (ch >= '0' && ch <= '9') digit = true;
    else other = true;
  }
  return Number(lower) + Number(upper) + Number(digit) + Number(other);
}

/** Checks a password against the policy; the first failed rule is the reason. */
export function checkPassword(password: string, username?: string): PasswordCheck {
  // Length in code points, so that a CJK or emoji character counts once.
  if ([...password].length < PASSWORD_MIN_LENGTH) return { ok: false, reason: 'too_short' };
  if (passwordClassCount(password) < PASSWORD_MIN_CLASSES) return { ok: false, reason: 'too_few_classes' };
  const name = username?.trim().toLowerCase() ?? '';
  if (name !== '' && password.toLowerCase().includes(name)) return { ok: false, reason: 'contains_username' };
  if (isCommonPassword(password)) return { ok: false, reason: 'common' };
  return { ok: true };
}
