import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  passwordClassCount,
  passwordPolicyText,
  passwordRejectionText,
  passwordRejections,
} from './password-policy.ts';

describe('checkPassword', () => {
  it('accepts 8+ characters of three or four classes', () => {
    expect(checkPassword('Guatu@2023')).toEqual({ ok: true });
    // Not abcd…: a common word with a common number is on the common list (common-passwords.ts).
    expect(checkPassword('kvrdEF12')).toEqual({ ok: true });
    expect(checkPassword('kvrd12#$')).toEqual({ ok: true });
    expect(checkPassword('KVRD12#$')).toEqual({ ok: true });
    expect(checkPassword('kvrdEF#$')).toEqual({ ok: true });
    expect(checkPassword('挂图作战Ab12')).toEqual({ ok: true });
  });

  it('rejects short passwords, counting code points', () => {
    expect(checkPassword('Ab1@xyz')).toEqual({ ok: false, reason: 'too_short' });
    expect(checkPassword('')).toEqual({ ok: false, reason: 'too_short' });
    expect(checkPassword('Ab1😀😀😀😀')).toEqual({ ok: false, reason: 'too_short' }); // 7 code points, 11 UTF-16 units
  });

  it('rejects fewer than three classes', () => {
    expect(checkPassword('abcdefgh')).toEqual({ ok: false, reason: 'too_few_classes' });
    expect(checkPassword('abcdefg1')).toEqual({ ok: false, reason: 'too_few_classes' });
    expect(checkPassword('ABCDEFGH12')).toEqual({ ok: false, reason: 'too_few_classes' });
    expect(checkPassword('12345678')).toEqual({ ok: false, reason: 'too_few_classes' });
  });

  it('rejects a password containing the username, case-insensitively', () => {
    expect(checkPassword('Leader1@2023', 'leader1')).toEqual({ ok: false, reason: 'contains_username' });
    expect(checkPassword('xxLEADER1!', 'leader1')).toEqual({ ok: false, reason: 'contains_username' });
    expect(checkPassword('Guatu@2023', 'leader1')).toEqual({ ok: true });
    expect(checkPassword('Guatu@2023', '')).toEqual({ ok: true });
    expect(checkPassword('Guatu@2023', undefined)).toEqual({ ok: true });
  });

  it('counts character classes', () => {
    expect(passwordClassCount('aA1!')).toBe(4);
    expect(passwordClassCount('中文')).toBe(1);
    expect(passwordClassCount('')).toBe(0);
  });
});

describe('policy texts', () => {
  it('has zh-CN and en-US text for the policy and every rejection', () => {
    expect(passwordPolicyText['zh-CN']).toContain('密码至少 8 位');
    expect(passwordPolicyText['en-US']).toContain('8 characters');
    for (const reason of passwordRejections) {
      expect(passwordRejectionText[reason]['zh-CN']).not.toBe('');
      expect(passwordRejectionText[reason]['en-US']).not.toBe('');
    }
  });
});
