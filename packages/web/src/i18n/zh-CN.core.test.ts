import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN.ts';
import { zhCNCore } from './zh-CN.core.ts';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The modules of the first screens — the entry, the login page, the shell and the ledger — which
 * render before the rest of the dictionary is loaded (app.tsx: `{ messages: 'core' }`).
 */
const firstScreens = [
  'app.tsx',
  'main.tsx',
  'session.tsx',
  'vocabulary-options.ts',
  'components/demo-banner.tsx',
  'components/language-switch.tsx',
  'components/result-page.tsx',
  'offline/pending-banner.tsx',
  'pages/coming-soon/coming-soon-features.ts',
  'pages/import/ledger-excel-buttons.tsx',
  'pages/jobs/notification-text.ts',
  'pages/mfa/mfa-code-step.tsx',
  'pages/mfa/password-expiry-notice.tsx',
  ...['shell', 'pages/login', 'pages/ledger'].flatMap((dir) =>
    fs
      .readdirSync(path.join(src, dir))
      .filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'))
      .map((f) => `${dir}/${f}`),
  ),
];

const allKeys = Object.keys(zhCN);

/** The dictionary keys a module names: quoted keys, and every key under a `prefix.${…}` it builds. */
function keysUsedBy(file: string): string[] {
  const code = fs.readFileSync(path.join(src, file), 'utf8');
  const used = new Set<string>();
  for (const m of code.matchAll(/['"`]([a-zA-Z][\w-]*(?:\.[\w-]+)+)['"`]/g))
    if (Object.hasOwn(zhCN, m[1]!)) used.add(m[1]!);
  for (const m of code.matchAll(/`([a-zA-Z][\w-]*(?:\.[\w-]+)*\.)\$\{/g)) {
    // error codes: every feature's errors are worded in its own file; those of the first screens are core
    if (m[1] === 'error.') continue;
    for (const k of allKeys) if (k.startsWith(m[1]!)) used.add(k);
  }
  return [...used];
}

describe('the Chinese words in the entry (zh-CN.core.ts)', () => {
  it('hold every key the login, the shell and the ledger use', () => {
    const missing = firstScreens.flatMap((f) =>
      keysUsedBy(f)
        .filter((k) => !Object.hasOwn(zhCNCore, k))
        .map((k) => `${k} (${f})`),
    );
    expect(missing).toEqual([]);
  });

  it('finds the keys it checks (the scan is not empty)', () => {
    const used = new Set(firstScreens.flatMap(keysUsedBy));
    for (const k of ['login.title', 'menu.people', 'ledger.title', 'ledger.page.next', 'level.province'])
      expect(used.has(k)).toBe(true);
  });

  it('has the same words as the whole dictionary', () => {
    for (const [k, v] of Object.entries(zhCNCore)) expect(zhCN[k as keyof typeof zhCN]).toBe(v);
  });

  it('leaves the other pages’ words out of the entry', () => {
    expect(Object.keys(zhCNCore).length).toBeLessThan(allKeys.length / 2);
    expect(Object.hasOwn(zhCNCore, 'calendar.title')).toBe(false);
  });
});
