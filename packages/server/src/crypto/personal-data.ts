/**
 * Personal data at rest (phone numbers): the one module that knows how such a value is stored.
 *
 *   sm4:v1:<iv>:<ciphertext>:<tag>   SM4-CBC with PKCS#7 padding and a random 16-byte IV (sm-crypto,
 *                                    国密); tag = HMAC-SM3 over "sm4:v1|<field>|" ‖ iv ‖ ciphertext
 *   gcm:v1:<iv>:<ciphertext>:<tag>   AES-256-GCM (node:crypto), random 12-byte IV, AAD "gcm:v1|<field>"
 *
 * Each part is base64url. The field (e.g. `users.phone`) is bound into the tag, so a value copied
 * into another column does not open. Keys come from one 256-bit master key (GUATU_DATA_KEY, hex)
 * through HKDF (RFC 5869) over HMAC-SM3: an SM4 key, a MAC key, an AES key and a key-check value
 * that the database keeps to refuse a wrong key at start. Both formats are always read; the
 * configured cipher (GUATU_DATA_CIPHER=sm4, the default, or aes-gcm) picks what is written.
 * A value that is not in either format, or whose tag does not verify, fails loudly.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  getHashes,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import smCrypto from 'sm-crypto';
import { AppError } from '../errors.ts';

export type DataCipher = 'sm4' | 'aes-gcm';
export const dataCiphers: readonly DataCipher[] = ['sm4', 'aes-gcm'];

/** The encrypted columns; the name is bound into each value's tag. */
export type PersonalField = 'users.phone' | 'projects.contact_phone' | 'user_mfa.secret' | 'people.phone';

/** A value that does not open: not in the format, wrong key, or altered. */
export class PersonalDataError extends Error {
  override name = 'PersonalDataError';
}

export type DataCodec = {
  /** What seal() writes. */
  cipher: DataCipher;
  /** A key-check value (hex): equal for equal master keys, says nothing about the keys. */
  fingerprint: string;
  seal(field: PersonalField, plain: string): string;
  open(field: PersonalField, stored: string): string;
};

const SM4 = 'sm4:v1';
const GCM = 'gcm:v1';

/** 64 hex digits (256 bits); anything else is refused with a message saying how to make one. */
export function parseDataKey(hex: string): Buffer {
  const s = hex.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(s))
    throw new Error(
      'GUATU_DATA_KEY must be 64 hexadecimal digits (256 bits), e.g. the output of `openssl rand -hex 32`',
    );
  return Buffer.from(s, 'hex');
}

export const generateDataKey = (): string => randomBytes(32).toString('hex');

const bytes = (b: Buffer): number[] => Array.from(b);

/** HMAC-SM3 in JavaScript (sm-crypto), for a Node whose OpenSSL was built without SM3. */
export function hmacSm3Js(key: Buffer, data: Buffer): Buffer {
  return Buffer.from(smCrypto.sm3(bytes(data), { key: bytes(key) }), 'hex');
}

let opensslSm3: boolean | undefined;

/**
 * HMAC-SM3: OpenSSL's when this Node has SM3 (Node's own builds do), else sm-crypto's; the same
 * bytes (personal-data.test.ts). The start's key check then takes well under a millisecond instead
 * of ~5 ms of cold JavaScript, and sm-crypto is loaded by the first SM4 value only (issue 11:
 * start-up; scripts/build-server.mjs, LAZY).
 */
function hmacSm3(key: Buffer, data: Buffer): Buffer {
  opensslSm3 ??= getHashes().includes('sm3');
  return opensslSm3 ? createHmac('sm3', key).update(data).digest() : hmacSm3Js(key, data);
}

/** HKDF (RFC 5869) with HMAC-SM3. */
export function hkdfSm3(ikm: Buffer, salt: Buffer, info: string, length: number): Buffer {
  return hkdfExpandSm3(hmacSm3(salt, ikm), info, length);
}

/** HKDF's second step (expand) from the pseudorandom key of its first (extract). */
function hkdfExpandSm3(prk: Buffer, info: string, length: number): Buffer {
  const blocks: Buffer[] = [];
  let t: Buffer = Buffer.alloc(0);
  for (let i = 1, n = 0; n < length; i++) {
    t = hmacSm3(prk, Buffer.concat([t, Buffer.from(info, 'utf8'), Buffer.from([i])]));
    blocks.push(t);
    n += t.length;
  }
  return Buffer.concat(blocks).subarray(0, length);
}

const b64 = (b: Buffer | number[]) => Buffer.from(b).toString('base64url');

/** Strict base64url: a part that does not re-encode to itself is not ours. */
function unb64(s: string | undefined): Buffer {
  if (s === undefined || s === '' || !/^[A-Za-z0-9_-]+$/.test(s))
    throw new PersonalDataError('malformed value');
  const b = Buffer.from(s, 'base64url');
  if (b.toString('base64url') !== s) throw new PersonalDataError('malformed value');
  return b;
}

function tagsEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How every encrypted value starts (all the same length); anything else is legacy plain text. */
export const SEALED_PREFIXES = [`${SM4}:`, `${GCM}:`] as const;

/** Whether a stored value is in one of the encrypted formats (else it is legacy plain text). */
export const isSealed = (stored: string): boolean => SEALED_PREFIXES.some((p) => stored.startsWith(p));

export function createDataCodec(keyHex: string, cipher: DataCipher = 'sm4'): DataCodec {
  const master = parseDataKey(keyHex);
  // One extract, then each key expanded from it (the same bytes as hkdfSm3 per key). The key check
  // is needed at start; the cipher keys when a phone is first sealed or opened (in JavaScript, the
  // four derivations were ~8 ms of every start, issue 11).
  const prk = hmacSm3(Buffer.from('guatu/personal-data', 'utf8'), master);
  const fingerprint = hkdfExpandSm3(prk, 'key-check/v1', 16).toString('hex');
  let keys: { sm4: Buffer; mac: Buffer; gcm: Buffer } | undefined;
  const derived = () =>
    (keys ??= {
      sm4: hkdfExpandSm3(prk, 'sm4-cbc/v1', 16),
      mac: hkdfExpandSm3(prk, 'hmac-sm3/v1', 32),
      gcm: hkdfExpandSm3(prk, 'aes-256-gcm/v1', 32),
    });

  const sm4Tag = (field: PersonalField, iv: Buffer, ct: Buffer) =>
    hmacSm3(derived().mac, Buffer.concat([Buffer.from(`${SM4}|${field}|`, 'utf8'), iv, ct]));

  function sealSm4(field: PersonalField, plain: string): string {
    const iv = randomBytes(16);
    const ct = Buffer.from(
      smCrypto.sm4.encrypt(bytes(Buffer.from(plain, 'utf8')), bytes(derived().sm4), {
        mode: 'cbc',
        iv: bytes(iv),
        output: 'array',
      }),
    );
    return `${SM4}:${b64(iv)}:${b64(ct)}:${b64(sm4Tag(field, iv, ct))}`;
  }

  function openSm4(field: PersonalField, parts: string[]): string {
    const [iv, ct, tag] = [unb64(parts[2]), unb64(parts[3]), unb64(parts[4])];
    if (iv.length !== 16 || ct.length === 0 || ct.length % 16 !== 0)
      throw new PersonalDataError('malformed value');
    if (!tagsEqual(tag, sm4Tag(field, iv, ct)))
      throw new PersonalDataError('tag mismatch: altered value or another key');
    try {
      const out = smCrypto.sm4.decrypt(bytes(ct), bytes(derived().sm4), {
        mode: 'cbc',
        iv: bytes(iv),
        output: 'array',
      });
      return Buffer.from(out).toString('utf8');
    } catch {
      throw new PersonalDataError('bad padding');
    }
  }

  function sealGcm(field: PersonalField, plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', derived().gcm, iv);
    c.setAAD(Buffer.from(`${GCM}|${field}`, 'utf8'));
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `${GCM}:${b64(iv)}:${b64(ct)}:${b64(c.getAuthTag())}`;
  }

  function openGcm(field: PersonalField, parts: string[]): string {
    const iv = unb64(parts[2]);
    const ct = parts[3] === '' ? Buffer.alloc(0) : unb64(parts[3]);
    const tag = unb64(parts[4]);
    if (iv.length !== 12 || tag.length !== 16) throw new PersonalDataError('malformed value');
    try {
      const d = createDecipheriv('aes-256-gcm', derived().gcm, iv);
      d.setAAD(Buffer.from(`${GCM}|${field}`, 'utf8'));
      d.setAuthTag(tag);
      return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
    } catch {
      throw new PersonalDataError('tag mismatch: altered value or another key');
    }
  }

  return {
    cipher,
    fingerprint,
    seal: (field, plain) => (cipher === 'sm4' ? sealSm4(field, plain) : sealGcm(field, plain)),
    open(field, stored) {
      const parts = stored.split(':');
      if (parts.length !== 5) throw new PersonalDataError('not an encrypted value');
      const head = `${parts[0]}:${parts[1]}`;
      if (head === SM4) return openSm4(field, parts);
      if (head === GCM) return openGcm(field, parts);
      throw new PersonalDataError('not an encrypted value');
    },
  };
}

// ---- the process's codec -------------------------------------------------------------------
// Installed once at start (prepareDatabase, or the test harness) before anything reads or writes
// a phone; repositories seal and open through the helpers below.

let installed: DataCodec | null = null;

export function installDataCodec(codec: DataCodec): void {
  installed = codec;
}

export function dataCodec(): DataCodec {
  if (!installed)
    throw new Error(
      '[guatu] the personal-data key is not installed: prepareDatabase() does it at start; a test or ' +
        'script that seeds by hand calls installDataCodec(createDataCodec(key)) first (test/harness.ts: TEST_DATA_KEY)',
    );
  return installed;
}

/** Plain → stored; null stays null. */
export const sealPersonal = (field: PersonalField, plain: string | null): string | null =>
  plain === null ? null : dataCodec().seal(field, plain);

/** Stored → plain; null stays null; a value that does not open is an error naming the row. */
export function openPersonal(
  field: PersonalField,
  stored: string | null,
  id: number | string,
): string | null {
  if (stored === null) return null;
  try {
    return dataCodec().open(field, stored);
  } catch (e) {
    if (!(e instanceof PersonalDataError)) throw e;
    console.error(`[guatu] ${field} of #${id} does not decrypt: ${e.message}`);
    throw new AppError('personal_data_unreadable', { column: field, id: String(id) });
  }
}
