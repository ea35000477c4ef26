import { expect, test, type Request } from '@playwright/test';
import { DEMO_PASSWORD, login } from './helpers.ts';

// 挂图作战 starts its request as the menu item is pressed (shell/app-layout.tsx), fetched by a
// worker (web api/fetch-bytes.ts), under the key the page then reads: one request per click.

const warChartRequests = (requests: Request[]) =>
  requests.filter((r) => new URL(r.url()).pathname === '/api/war-chart');

test('a click on 挂图作战 asks for the chart once, and the grid shows it', async ({ page }) => {
  await login(page, 'fgj', DEMO_PASSWORD);
  await expect(page.locator('.ant-table-tbody tr.ant-table-row').first()).toBeVisible();
  const requests: Request[] = [];
  // the context sees the worker's requests too
  page.context().on('request', (r) => requests.push(r));
  await page.getByRole('menuitem', { name: '挂图作战' }).click();
  await expect(page).toHaveURL(/\/war-chart/);
  const chart = page.getByTestId('war-chart');
  await expect(chart).toBeVisible();
  expect(Number(await chart.getAttribute('data-projects'))).toBeGreaterThan(10);
  await page.waitForTimeout(300);
  expect(page.workers()).toHaveLength(1);
  const asked = warChartRequests(requests);
  expect(asked).toHaveLength(1);
  expect(new URL(asked[0]!.url()).searchParams.get('groupBy')).toBe('level');
  // the menu follows: 挂图作战 is the selected item
  await expect(page.locator('.ant-menu-item-selected')).toContainText('挂图作战');
});

test('a user who may not read the war chart has no 挂图作战 and asks for no chart', async ({ page }) => {
  const requests: Request[] = [];
  page.context().on('request', (r) => requests.push(r));
  await login(page, 'auditor', DEMO_PASSWORD);
  await expect(page.getByRole('menuitem').first()).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '挂图作战' })).toHaveCount(0);
  await page.waitForTimeout(1500);
  expect(warChartRequests(requests)).toHaveLength(0);
  // nor is the worker that fetches it started (its script may be precached by the service worker)
  expect(page.workers()).toHaveLength(0);
});
