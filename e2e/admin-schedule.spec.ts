import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, login } from './helpers.ts';

// 系统管理 › 工作日历 / 工序模板 (issue 4 items 1–2): an admin adds a 冬季停工 stop period and changes a
// stage's duration in a template without a code change. Both are put back at the end, so the specs
// that run after this one see the demo data's calendar and templates.

test('an admin adds a stop period to the working-day calendar', async ({ page }) => {
  await login(page, 'admin', ADMIN_PASSWORD);
  await page.getByRole('menuitem', { name: '系统管理' }).click();
  await page.getByRole('menuitem', { name: '工作日历' }).click();
  await expect(page).toHaveURL(/\/admin\/calendar$/);
  await expect(page.getByRole('heading', { name: '工作日历' })).toBeVisible();
  await expect(page.getByText(/^工作日历覆盖 2020–\d{4} 年/)).toBeVisible();

  await page.getByRole('button', { name: '添加条目' }).click();
  const dialog = page.getByRole('dialog', { name: '添加条目' });
  await expect(dialog.getByText('停工期', { exact: true })).toBeVisible();
  await dialog.getByLabel('开始日期').fill('2026-12-01');
  await dialog.getByLabel('开始日期').press('Enter');
  await dialog.getByLabel('结束日期').fill('2026-12-31');
  await dialog.getByLabel('结束日期').press('Enter');
  await dialog.getByLabel('名称').fill('冬季停工');
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('row', { name: /冬季停工/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('停工期');
  await expect(row).toContainText('2026-12-01 ~ 2026-12-31');

  // Still there after a reload: it was saved on the server.
  await page.reload();
  await expect(page.getByRole('row', { name: /冬季停工/ })).toBeVisible();

  // Put the calendar back.
  await page.getByRole('button', { name: '删除 冬季停工' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(page.getByRole('row', { name: /冬季停工/ })).toHaveCount(0);
});

test('an admin changes a stage duration in a template and it is kept', async ({ page }) => {
  await login(page, 'admin', ADMIN_PASSWORD);
  await page.goto('/admin/stage-templates');
  await expect(page.getByRole('heading', { name: '工序模板' })).toBeVisible();
  await expect(page.getByLabel('工序模板')).toBeVisible();

  const duration = page.getByLabel('主体施工 工期');
  const before = await duration.inputValue();
  const changed = String(Number(before) + 5);
  await duration.fill(changed);
  await expect(page.getByText('有未保存的修改')).toBeVisible();
  await page.getByRole('button', { name: /^保\s*存$/ }).click();
  await expect(page.getByText('已保存')).toBeVisible();
  await expect(page.getByText('有未保存的修改')).toHaveCount(0);

  await page.reload();
  await expect(page.getByLabel('主体施工 工期')).toHaveValue(changed);

  // Put the template back.
  await page.getByLabel('主体施工 工期').fill(before);
  await page.getByRole('button', { name: /^保\s*存$/ }).click();
  await expect(page.getByText('有未保存的修改')).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('主体施工 工期')).toHaveValue(before);
});
