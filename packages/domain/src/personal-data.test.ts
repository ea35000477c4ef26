import { describe, expect, it } from 'vitest';
import { looksMasked, maskPhone } from './personal-data.ts';

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13805341234')).toBe('138****1234');
    expect(maskPhone('13905340007')).toBe('139****0007');
  });
  it('masks a landline with area code digit by digit, keeping the dash', () => {
    expect(maskPhone('0534-6212345')).toBe('053*-***2345');
    expect(maskPhone('+86 138 0534 1234')).toBe('+86 1** **** 1234');
  });
  it('shows only the last 2 digits of a short number, and never all of one', () => {
    expect(maskPhone('6212345')).toBe('*****45');
    expect(maskPhone('110')).toBe('*10');
    expect(maskPhone('12')).toBe('*2');
    expect(maskPhone('7')).toBe('*');
  });
  it('leaves empty, missing and digit-free values alone', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('')).toBe('');
    expect(maskPhone('同上')).toBe('同上');
  });
  it('recognises a masked value', () => {
    expect(looksMasked(maskPhone('13805341234'))).toBe(true);
    expect(looksMasked('13805341234')).toBe(false);
    expect(looksMasked(null)).toBe(false);
  });
});
