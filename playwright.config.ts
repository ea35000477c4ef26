import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Browser tests (tier 3): the built app served by `node scripts/start.mjs` on a fresh data directory,
// driven by Debian's Chromium (Playwright cannot download its own browsers here).
// Run through scripts/e2e.sh, which builds packages/web first.

// GUATU_E2E_PORT lets two checkouts (or people) run the specs at once on one machine.
const PORT = Number(process.env.GUATU_E2E_PORT ?? 8181);
const HOST = '127.0.0.1';
const baseURL = `http://${HOST}:${PORT}`;

// This file is evaluated by the runner and again by each worker: create the data directory once
// and hand it to the workers through the environment they inherit.
const createdHere = !process.env.GUATU_E2E_DATA_DIR;
const dataDir = (process.env.GUATU_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-e2e-')));
if (createdHere) {
  process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
}

// A second server without the demo (GUATU_DEMO=0) on the next port, its own data directory: a
// county's first day (e2e/first-day.spec.ts) — set up from the divisions, import its own ledger.
const EMPTY_PORT = PORT + 1;
const emptyDataDir = (process.env.GUATU_E2E_EMPTY_DATA_DIR ??= fs.mkdtempSync(
  path.join(os.tmpdir(), 'guatu-e2e-empty-'),
));
if (createdHere) {
  process.on('exit', () => fs.rmSync(emptyDataDir, { recursive: true, force: true }));
}
process.env.GUATU_E2E_EMPTY_URL ??= `http://${HOST}:${EMPTY_PORT}`;

/** Password of the `admin` user the server creates on first start; specs may read it from here. */
export const E2E_ADMIN_PASSWORD = 'Root#Guatu2026';
process.env.GUATU_E2E_ADMIN_PASSWORD ??= E2E_ADMIN_PASSWORD;

const isCI = !!process.env.CI && process.env.CI !== 'false';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  // Two cores shared by the server, Chromium and the runner: whole user journeys need more than 30 s.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: isCI ? 1 : 0,
  forbidOnly: isCI,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: 'node scripts/start.mjs',
      url: `${baseURL}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        GUATU_DATA_DIR: dataDir,
        PORT: String(PORT),
        HOST,
        GUATU_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
        // 三员分立: the security administrator and the auditor are setup accounts; e2e logs them in with the demo password.
        GUATU_SECADMIN_PASSWORD: 'Guatu@2023',
        GUATU_AUDITOR_PASSWORD: 'Guatu@2023',
        GUATU_DEMO: '1',
      },
    },
    {
      command: 'node scripts/start.mjs',
      url: `${process.env.GUATU_E2E_EMPTY_URL}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        GUATU_DATA_DIR: emptyDataDir,
        PORT: String(EMPTY_PORT),
        HOST,
        GUATU_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
        GUATU_SECADMIN_PASSWORD: 'Guatu@2023',
        GUATU_AUDITOR_PASSWORD: 'Guatu@2023',
        GUATU_DEMO: '0',
        // The first server builds the web app when it is stale; this one serves that build.
        GUATU_SKIP_BUILD: '1',
      },
    },
  ],
});
