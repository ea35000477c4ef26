import { describe, expect, it } from 'vitest';
import { commonPasswords, isCommonPassword } from './common-passwords.ts';
import { checkPassword, passwordPolicyText, passwordRejectionText } from './password-policy.ts';

describe('isCommonPassword', () => {
  it('knows the common passwords of Chinese and international lists, in any case', () => {
    for (const p of [
      'Aa123456',
      'P@ssw0rd',
      'Admin@123',
      'Woaini1314!',
      'Qq123456',
      'Qwer1234!',
      '1qaz@WSX',
      '1qaz2wsx',
      'Abc@1234',
      'Huawei@123',
      '5201314',
    ])
      expect(isCommonPassword(p), p).toBe(true);
  });

  it('the list is lower case, a few hundred entries', () => {
    expect(commonPasswords.size).toBeGreaterThan(250);
    for (const p of commonPasswords) expect(p).toBe(p.toLowerCase());
  });

  it('refuses a 拼音 surname or a common word with a year, a birthday or a popular number', () => {
    for (const p of [
      'Zhang@1990',
      'Wang#1985!',
      'Liu19900101',
      'Chen@0815',
      'Li520!',
      'Admin@2026',
      'Root!8888',
      'Woaini@521',
      'Qwer@666',
      '1990Zhang!',
      'Password!',
    ])
      expect(isCommonPassword(p), p).toBe(true);
  });

  it('lets strong and project passwords through', () => {
    for (const p of [
      'Guatu@2023',
      'Admin@12345',
      'Str0ng#Pass',
      'Test#2023ab',
      'Ningjin#2023',
      'Zhang@1990xk',
      'Zhang@12345678x',
      'Lk9#vQ2m',
      'Zhang@3891',
    ])
      expect(isCommonPassword(p), p).toBe(false);
  });
});

describe('checkPassword with the common list', () => {
  it('answers "common" once the other rules pass', () => {
    expect(checkPassword('Admin@123')).toEqual({ ok: false, reason: 'common' });
    expect(checkPassword('Zhang@1990', 'lisi')).toEqual({ ok: false, reason: 'common' });
    expect(checkPassword('Qwer1234!')).toEqual({ ok: false, reason: 'common' });
    expect(checkPassword('admin123')).toEqual({ ok: false, reason: 'too_few_classes' });
    expect(checkPassword('Guatu@2023')).toEqual({ ok: true });
  });

  it('states the rule in both languages', () => {
    expect(passwordPolicyText['zh-CN']).toContain('不得使用常见密码');
    expect(passwordPolicyText['zh-CN']).toContain('最近 5 次');
    expect(passwordPolicyText['en-US']).toContain('last 5 passwords');
    expect(passwordRejectionText.common['zh-CN']).toContain('过于常见');
  });
});
