import { expect, type Page } from '@playwright/test';

/** Password of the demo users (fgj, mayor, leader1, tf01, auditor, viewer…). */
export const DEMO_PASSWORD = 'Guatu@2023';
export const ADMIN_PASSWORD = process.env.GUATU_E2E_ADMIN_PASSWORD ?? 'Root#Guatu2026';

/** Signs in through the login page, in Chinese. */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Signs out through the user menu in the header. */
export async function logout(page: Page, displayName: string | RegExp): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: displayName }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
}
