import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, DEMO_PASSWORD, login, logout } from './helpers.ts';

test('admin filters the ledger, edits a project, and the auditor sees the change', async ({ page }) => {
  await login(page, 'admin', ADMIN_PASSWORD);

  // The figures of the article, for 2023 as of its date (截止日期; the default year is this year's).
  await page.goto('/projects?year=2023&asOf=2023-04-13');
  const summary = page.getByTestId('ledger-summary');
  await expect(summary).toContainText('103');
  await expect(summary).toContainText('78%');
  await expect(summary).toContainText('320.00');
  await expect(page.getByText('共 103 项')).toBeVisible();

  // Filter by level: the count and the summary follow, and the filter lands in the URL.
  await page.getByRole('combobox', { name: '级别' }).click();
  await page.getByRole('option', { name: '省级' }).click();
  await expect(page).toHaveURL(/level=province/);
  await expect(page.getByText('共 103 项')).toBeHidden();
  const total = page.getByText(/^共 \d+ 项$/);
  await expect(total).toBeVisible();
  const count = Number((await total.textContent())?.match(/\d+/)?.[0]);
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(103);
  await expect(summary).toContainText(`${count}`);

  // Open the first project of the filtered ledger.
  await page.locator('.ant-table-tbody tr.ant-table-row').first().click();
  await expect(page).toHaveURL(/\/projects\/\d+$/);
  // The URL changes before the project's page has replaced the ledger's (a lazy page): its name is
  // read once its own 编辑 button is there, not the ledger's heading 项目台账.
  await expect(page.getByRole('button', { name: '编辑' })).toBeVisible();
  const projectName = (await page.getByRole('heading', { level: 4 }).textContent())?.trim() ?? '';
  expect(projectName).not.toBe('');
  expect(projectName).not.toBe('项目台账');

  // Edit 建设单位 and save.
  await page.getByRole('button', { name: '编辑' }).click();
  const ownerUnit = page.getByLabel('建设单位');
  await expect(ownerUnit).toBeVisible();
  const before = await ownerUnit.inputValue();
  const after = `E2E建设单位${Date.now()}`;
  await ownerUnit.fill(after);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\/projects\/\d+$/);
  await expect(page.getByText(after)).toBeVisible();

  await logout(page, /系统管理员/);

  // The auditor (and only the auditor) reads the audit log: the edit is there with old → new.
  await login(page, 'auditor', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  const row = page.locator('tr.ant-table-row', { hasText: projectName }).filter({ hasText: '修改' }).first();
  await expect(row).toBeVisible();
  await row.getByRole('button').first().click();
  const diff = page.locator('tr.ant-table-expanded-row').first();
  await expect(diff).toContainText('建设单位');
  await expect(diff).toContainText(after);
  if (before) await expect(diff).toContainText(before);
});
