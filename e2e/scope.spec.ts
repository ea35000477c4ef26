import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, login } from './helpers.ts';

test('a task-force member cannot see or edit a project outside its scope', async ({ page }) => {
  await login(page, 'tf01', DEMO_PASSWORD);

  // Its ledger holds only the projects of its 专班.
  const total = page.getByText(/^共 \d+ 项$/);
  await expect(total).toBeVisible();
  const count = Number((await total.textContent())?.match(/\d+/)?.[0]);
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(103);
  await expect(page.getByRole('button', { name: '新建项目' })).toHaveCount(0);

  // Find a project that is not in its ledger.
  const mine = await page.request.get('/api/projects?year=2023&pageSize=500&archived=all');
  expect(mine.ok()).toBe(true);
  const ids = new Set(((await mine.json()) as { items: { id: number }[] }).items.map((p) => p.id));
  let outside = 1;
  while (ids.has(outside)) outside += 1;

  // Its detail page says 无权限.
  await page.goto(`/projects/${outside}`);
  await expect(page.getByText('无权限', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '编辑' })).toHaveCount(0);

  // The edit page too.
  await page.goto(`/projects/${outside}/edit`);
  await expect(page.getByText('无权限', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '保存' })).toHaveCount(0);

  // And the API refuses the write itself, with a message in Chinese.
  const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
  const patch = await page.request.patch(`/api/projects/${outside}`, {
    headers: { 'X-CSRF-Token': me.csrfToken, 'Accept-Language': 'zh-CN' },
    data: { notes: 'not mine', version: 1 },
  });
  expect(patch.status()).toBe(403);
  const body = (await patch.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('forbidden');
  expect(body.error.message).toContain('无权限');
});

test('a task-force member edits its own project but cannot change who is responsible', async ({ page }) => {
  await login(page, 'tf01', DEMO_PASSWORD);
  await page.locator('.ant-table-tbody tr.ant-table-row').first().click();
  await expect(page).toHaveURL(/\/projects\/\d+$/);
  await expect(page.getByRole('button', { name: '归档' })).toHaveCount(0);
  await page.getByRole('button', { name: '编辑' }).click();
  await expect(page.getByLabel('包保领导')).toBeDisabled();
  const notes = `专班备注${Date.now()}`;
  await page.getByLabel('备注').fill(notes);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\/projects\/\d+$/);
  await expect(page.getByText(notes)).toBeVisible();
});
