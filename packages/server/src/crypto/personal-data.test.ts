import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createDataCodec,
  hkdfSm3,
  hmacSm3Js,
  isSealed,
  parseDataKey,
  PersonalDataError,
  type DataCipher,
} from './personal-data.ts';

const KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const OTHER = 'ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100';

/** Replaces one character inside the `part`-th field (2 = iv, 3 = ciphertext, 4 = tag) with another. */
function flip(stored: string, part: number): string {
  const parts = stored.split(':');
  const s = parts[part]!;
  const i = Math.floor(s.length / 2);
  parts[part] = s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  return parts.join(':');
}

describe.each<DataCipher>(['sm4', 'aes-gcm'])('personal-data codec (%s)', (cipher) => {
  const codec = createDataCodec(KEY, cipher);
  const prefix = cipher === 'sm4' ? 'sm4:v1:' : 'gcm:v1:';

  it('round-trips mobiles, landlines, Chinese text and the empty string', () => {
    for (const v of ['13805341234', '0534-6212345', '转 8001 找王科长', ''])
      expect(codec.open('users.phone', codec.seal('users.phone', v))).toBe(v);
  });

  it('writes one versioned text value, never the number, with a fresh IV each time', () => {
    const a = codec.seal('projects.contact_phone', '13905340007');
    const b = codec.seal('projects.contact_phone', '13905340007');
    expect(a.startsWith(prefix)).toBe(true);
    expect(a.split(':')).toHaveLength(5);
    expect(a).not.toContain('13905340007');
    expect(a).not.toBe(b);
    expect(a.split(':')[2]).not.toBe(b.split(':')[2]);
    expect(isSealed(a)).toBe(true);
    expect(isSealed('13905340007')).toBe(false);
  });

  it('refuses an altered IV, ciphertext or tag, another column, another key and plain text', () => {
    const sealed = codec.seal('users.phone', '13805341234');
    for (const part of [2, 3, 4])
      expect(() => codec.open('users.phone', flip(sealed, part))).toThrow(PersonalDataError);
    expect(() => codec.open('projects.contact_phone', sealed)).toThrow(PersonalDataError);
    expect(() => createDataCodec(OTHER, cipher).open('users.phone', sealed)).toThrow(PersonalDataError);
    expect(() => codec.open('users.phone', '13805341234')).toThrow(PersonalDataError);
    expect(() => codec.open('users.phone', `${sealed}x`)).toThrow(PersonalDataError);
    expect(() => codec.open('users.phone', sealed.replace(/:[^:]+$/, ':'))).toThrow(PersonalDataError);
  });

  it('reads values written with the other cipher under the same key', () => {
    const other = createDataCodec(KEY, cipher === 'sm4' ? 'aes-gcm' : 'sm4');
    expect(codec.open('users.phone', other.seal('users.phone', '13805341234'))).toBe('13805341234');
    expect(codec.fingerprint).toBe(other.fingerprint);
  });
});

describe('personal-data keys', () => {
  it('takes 64 hex digits only', () => {
    expect(parseDataKey(KEY)).toHaveLength(32);
    expect(() => parseDataKey('abc')).toThrow(/64 hexadecimal digits/);
    expect(() => parseDataKey(`${KEY.slice(0, 63)}g`)).toThrow(/64 hexadecimal digits/);
  });

  it('derives with HKDF-SM3 as OpenSSL computes it, and the check value differs per key', () => {
    const salt = Buffer.from('guatu/personal-data');
    const ours = hkdfSm3(parseDataKey(KEY), salt, 'sm4-cbc/v1', 16);
    const openssl = Buffer.from(hkdfSync('sm3', parseDataKey(KEY), salt, 'sm4-cbc/v1', 16));
    expect(ours.equals(openssl)).toBe(true);
    // the key check the database keeps: the same 16 bytes whatever the codec derives when
    expect(createDataCodec(KEY).fingerprint).toBe(
      Buffer.from(hkdfSync('sm3', parseDataKey(KEY), salt, 'key-check/v1', 16)).toString('hex'),
    );
    expect(createDataCodec(KEY).fingerprint).not.toBe(createDataCodec(OTHER).fingerprint);
  });

  it('computes HMAC-SM3 in JavaScript (sm-crypto, where OpenSSL has no SM3) as OpenSSL does', () => {
    // Keys shorter than, equal to and longer than SM3's 64-byte block (a longer key is hashed
    // first); data across the padding's boundaries (55/56 bytes leave or need a second block).
    for (const keyLength of [0, 1, 32, 64, 65, 100])
      for (const dataLength of [0, 1, 55, 56, 64, 1000]) {
        const key = Buffer.alloc(keyLength, 0x5a);
        const data = Buffer.from(Array.from({ length: dataLength }, (_, i) => (i * 7) % 256));
        expect(hmacSm3Js(key, data).toString('hex')).toBe(createHmac('sm3', key).update(data).digest('hex'));
      }
  });

  it('is SM4-CBC and HMAC-SM3 as OpenSSL computes them (known answer against node:crypto)', () => {
    const codec = createDataCodec(KEY, 'sm4');
    const [, , ivB64, ctB64, tagB64] = codec.seal('users.phone', '13805341234').split(':');
    const iv = Buffer.from(ivB64!, 'base64url');
    const salt = Buffer.from('guatu/personal-data');
    const master = parseDataKey(KEY);
    const encKey = Buffer.from(hkdfSync('sm3', master, salt, 'sm4-cbc/v1', 16));
    const macKey = Buffer.from(hkdfSync('sm3', master, salt, 'hmac-sm3/v1', 32));
    const c = createCipheriv('sm4-cbc', encKey, iv);
    const ct = Buffer.concat([c.update('13805341234', 'utf8'), c.final()]);
    expect(ct.toString('base64url')).toBe(ctB64);
    const tag = createHmac('sm3', macKey).update('sm4:v1|users.phone|').update(iv).update(ct).digest();
    expect(tag.toString('base64url')).toBe(tagB64);
  });

  it('is AES-256-GCM under the key HKDF-SM3 derives for it (known answer against node:crypto)', () => {
    const codec = createDataCodec(KEY, 'aes-gcm');
    const [, , ivB64, ctB64, tagB64] = codec.seal('users.phone', '13805341234').split(':');
    const gcmKey = Buffer.from(
      hkdfSync('sm3', parseDataKey(KEY), Buffer.from('guatu/personal-data'), 'aes-256-gcm/v1', 32),
    );
    const d = createDecipheriv('aes-256-gcm', gcmKey, Buffer.from(ivB64!, 'base64url'));
    d.setAAD(Buffer.from('gcm:v1|users.phone'));
    d.setAuthTag(Buffer.from(tagB64!, 'base64url'));
    const plain = Buffer.concat([d.update(Buffer.from(ctB64!, 'base64url')), d.final()]);
    expect(plain.toString('utf8')).toBe('13805341234');
  });
});
