/**
 * TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps) through otplib, and the one-time recovery
 * codes. A code is accepted one step either side of the server's clock (clock drift).
 */
import { createHash, randomInt } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';
import { loadQrcode } from '../lazy-packages.ts';

export const TOTP_ISSUER = 'Guatu';
const STEP_SECONDS = 30;

export const newTotpSecret = (): string => generateSecret();

export const totpUri = (username: string, secret: string): string =>
  generateURI({ issuer: TOTP_ISSUER, label: username, secret });

export const qrDataUrl = async (text: string): Promise<string> =>
  (await loadQrcode()).toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: 220 });

/** The code an authenticator shows at `now` (tests and the harness). */
export const totpCode = (secret: string, now: Date): Promise<string> =>
  generate({ secret, epoch: Math.floor(now.getTime() / 1000) });

export async function verifyTotp(secret: string, code: string, now: Date): Promise<boolean> {
  return (await matchTotpStep(secret, code, now)) !== null;
}

/** The 30 s time step `now` falls in (the counter of RFC 6238). */
export const totpStepOf = (now: Date): number => Math.floor(now.getTime() / 1000 / STEP_SECONDS);

/**
 * The time step whose code `code` is (within one step either side of `now`), or null. The caller
 * refuses a step at or before the last one it accepted for the user (RFC 6238 §5.2: a code is
 * accepted once).
 */
export async function matchTotpStep(secret: string, code: string, now: Date): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const epoch = Math.floor(now.getTime() / 1000);
  const r = await verify({ secret, token: code, epoch, epochTolerance: STEP_SECONDS });
  if (!r.valid) return null;
  return 'timeStep' in r && typeof r.timeStep === 'number'
    ? r.timeStep
    : Math.floor(epoch / STEP_SECONDS) + r.delta;
}

// Recovery codes: 10 codes of 10 characters from an alphabet without look-alikes (0/o, 1/l/i),
// shown as xxxxx-xxxxx; ~50 bits each, so a plain SHA-256 is enough to store them.
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    let s = '';
    for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter. */
export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

export const hashRecoveryCode = (code: string) =>
  createHash('sha256')
    .update(`guatu-recovery:${normaliseRecoveryCode(code)}`)
    .digest('hex');

export const looksLikeRecoveryCode = (code: string) =>
  new RegExp(`^[${ALPHABET}]{10}$`).test(normaliseRecoveryCode(code));
