import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

/** Password of the demo users (fgj, mayor, leader1, tf01, auditor, viewer…). */
export const DEMO_PASSWORD = 'Guatu@2023';
export const ADMIN_PASSWORD = process.env.GUATU_E2E_ADMIN_PASSWORD ?? 'Root#Guatu2026';

// The officers (admin, secadmin, auditor) need a second factor (TOTP). The first login of one
// enrols through the page and keeps the secret in the run's data directory; later logins type
// the code computed from it, as an authenticator app would.
const secretsFile = () => path.join(process.env.GUATU_E2E_DATA_DIR ?? os.tmpdir(), 'e2e-mfa-secrets.json');
function secrets(): Record<string, string> {
  try {
    return JSON.parse(fs.readFileSync(secretsFile(), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** RFC 6238 code (SHA-1, 6 digits, 30 s) of a Base32 secret. */
export function totp(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/=+$/, '').toUpperCase())
    bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1]! & 0xf;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

// The server accepts a TOTP code once (the user's last accepted 30 s step is kept): a second login
// of one officer within the same step — e.g. right after enrolling — waits for the next step's code,
// as a person would. The steps used are kept beside the secrets (workers are separate processes).
const stepsFile = () => path.join(process.env.GUATU_E2E_DATA_DIR ?? os.tmpdir(), 'e2e-mfa-steps.json');
function usedSteps(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(stepsFile(), 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/** A code of a step not used yet by `username`, waiting (≤ 30 s, added to the test's timeout) if needed. */
async function freshCode(page: Page, username: string, secret: string): Promise<string> {
  const last = usedSteps()[username];
  const wait = last === undefined ? 0 : (last + 1) * 30_000 - Date.now() + 250;
  if (wait > 0) {
    test.setTimeout(test.info().timeout + wait);
    await page.waitForTimeout(wait);
  }
  const at = Date.now();
  fs.writeFileSync(stepsFile(), JSON.stringify({ ...usedSteps(), [username]: Math.floor(at / 30_000) }));
  return totp(secret, at);
}

/** Signs in through the login page, in Chinese, giving the second factor when one is asked. */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  const codeStep = page.getByRole('button', { name: '验证并登录' });
  const enrol = page.getByText('绑定双因素认证', { exact: true });
  await expect(async () => {
    const done = !new URL(page.url()).pathname.startsWith('/login');
    expect(done || (await codeStep.isVisible()) || (await enrol.isVisible())).toBe(true);
  }).toPass();
  if (await codeStep.isVisible()) {
    const secret = secrets()[username];
    if (!secret) throw new Error(`no TOTP secret kept for ${username} in ${secretsFile()}`);
    await page.getByLabel('验证码').fill(await freshCode(page, username, secret));
    await codeStep.click();
  } else if (await enrol.isVisible()) {
    const secret = (await page.getByTestId('mfa-secret').locator('code').textContent())!.trim();
    fs.writeFileSync(secretsFile(), JSON.stringify({ ...secrets(), [username]: secret }));
    await page.getByLabel('验证码').fill(await freshCode(page, username, secret));
    await page.getByRole('button', { name: '确认绑定' }).click();
    await page.getByRole('button', { name: '我已保存，继续' }).click();
  }
  await expect(page).not.toHaveURL(/\/login/);
}

/** Signs out through the user menu in the header. */
export async function logout(page: Page, displayName: string | RegExp): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: displayName }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
}
