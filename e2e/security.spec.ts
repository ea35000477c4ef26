import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, login, logout } from './helpers.ts';

// 等保 journeys in Chinese: the demo banner, the security administrator creating an account whose
// first login must change its password, the auditor checking the audit chain, and a masked phone
// shown in full only on request (and then recorded).

test('the security administrator creates an account; its first login must change the password; the auditor verifies the chain', async ({
  page,
}) => {
  const username = `e2e${Date.now() % 1_000_000}`;
  const initial = 'Kx#Lp2026-init';
  const chosen = 'Vr#Mq2026-mine';

  await page.goto('/login');
  await expect(page.getByText(/演示环境/).first()).toBeVisible();

  await login(page, 'secadmin', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: '用户管理' })).toBeVisible();
  // The security administrator manages accounts and nothing else: no ledger, no data settings.
  await expect(page.getByRole('menuitem', { name: '项目台账' })).toHaveCount(0);

  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户名').fill(username);
  await dialog.getByLabel('姓名').fill('李四');
  await dialog.getByLabel('初始密码').fill(initial);
  await dialog.getByLabel('角色').click();
  // antd lists only a few options to assistive technology: pick the visible item.
  await page.locator('.ant-select-item-option', { hasText: '包保领导' }).click();
  await page.keyboard.press('Escape');
  await dialog.getByLabel('所属区划').click();
  await page.locator('.ant-select-item-option', { hasText: /^乐陵市/ }).click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await page.getByPlaceholder('搜索用户名或姓名').fill(username);
  await page.getByPlaceholder('搜索用户名或姓名').press('Enter');
  const row = page.locator('tr.ant-table-row', { hasText: username });
  await expect(row).toContainText('待改密');

  await logout(page, /安全管理员/);

  // First login with the password the security administrator set: change it before anything else.
  await login(page, username, initial);
  const forced = page.getByRole('dialog', { name: '请先修改密码' });
  await expect(forced).toBeVisible();
  await forced.getByLabel('当前密码').fill(initial);
  await forced.getByLabel('新密码', { exact: true }).fill(chosen);
  await forced.getByLabel('确认新密码').fill(chosen);
  await forced.getByRole('button', { name: '保存' }).click();
  await expect(forced).toBeHidden();
  await expect(page.getByRole('menuitem', { name: '项目台账' })).toBeVisible();
  await logout(page, /李四/);

  // The auditor sees the account's creation and checks the chain.
  await login(page, 'auditor', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  await expect(page.locator('tr.ant-table-row', { hasText: '安全管理员' }).first()).toBeVisible();
  await page.getByRole('button', { name: '校验审计链' }).click();
  await expect(page.getByText(/审计链完整：\d+ 条/)).toBeVisible();
});

test('a county admin sees phones masked and the full number only on request', async ({ page }) => {
  await login(page, 'fgj', DEMO_PASSWORD);
  await page.locator('.ant-table-tbody tr.ant-table-row').first().click();
  await expect(page).toHaveURL(/\/projects\/\d+$/);
  const masked = page.getByText(/^1\d\d\*{4}\d{4}$/);
  await expect(masked).toBeVisible();
  await page.getByRole('button', { name: '查看' }).click();
  await expect(page.getByText(/^1\d{10}$/)).toBeVisible();
  await expect(masked).toBeHidden();
});
