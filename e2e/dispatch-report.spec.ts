import { expect, test } from '@playwright/test';
import path from 'node:path';
import { openRound } from './dispatch-helpers';
import { DEMO_PASSWORD, login } from './helpers';

// 一月一调度, the site's side (issue 10, item 2) on a phone (375 × 812): a task force (tf01) opens
// 我的填报 from the menu, fills this month's report of one of his projects with a photo from the
// camera input, sees the draft save itself and the photo stored, submits, and sees 已提交 there and
// back in 我的填报. The round of this month is opened (or reopened) by the county admin first.

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

const photo = path.resolve('e2e/fixtures/site-photo.jpg');

test('a task force fills this month’s report on a phone with a photo and submits it', async ({
  page,
  request,
}) => {
  const round = await openRound(request);
  const monthNo = Number(round.month.slice(5, 7));
  await login(page, 'tf01', DEMO_PASSWORD);

  // The phone's menu (a drawer) reaches 我的填报.
  await page.getByRole('button', { name: 'menu' }).click();
  await page.getByRole('menuitem', { name: '我的填报' }).click();
  await expect(page).toHaveURL(/\/dispatch\/my$/);
  const card = page.locator('.ant-card').filter({ hasText: `${round.month.slice(0, 4)}年${monthNo}月调度` });
  await expect(card).toBeVisible();

  // A project not reported yet (未填) or still a draft.
  const line = card
    .getByTestId('my-report-project')
    .filter({ has: page.getByText(/^(未填|草稿)$/) })
    .first();
  const name = (await line.locator('strong').first().textContent())!.trim();
  await line.click();
  await expect(page).toHaveURL(new RegExp(`/dispatch/report/${round.id}/\\d+$`));
  await expect(page.getByRole('heading', { name })).toBeVisible();

  // 本月完成 in 万元; 1-N月累计 is computed, never typed.
  const ytd = page.getByTestId('report-ytd');
  await expect(ytd).toContainText(`1-${monthNo}月累计`);
  await page.getByLabel('本月完成投资').fill('12.5');
  await page.getByLabel('施工人数').fill('38');
  await page.getByLabel('形象进度').fill('主体结构施工至二层，完成钢筋绑扎');
  await page.getByRole('button', { name: '添加一条问题' }).click();
  await page.getByRole('textbox', { name: '问题 1' }).fill('施工用电增容尚未完成');

  // A photo from the camera input: its thumbnail before sending, then stored with the draft.
  await page.getByTestId('report-photo-input').setInputFiles(photo);
  await expect(
    page.getByTestId('report-photo-pending').or(page.getByTestId('report-photo-sent')),
  ).toBeVisible();
  await expect(page.getByTestId('report-save-state')).toContainText('草稿已自动保存', { timeout: 20_000 });
  await expect(page.getByTestId('report-photo-sent')).toHaveCount(1);
  await expect(page.getByTestId('report-photo-pending')).toHaveCount(0);

  // Submit (confirming the warnings if the amount raises any): 已提交.
  await page.getByRole('button', { name: '提交', exact: true }).click();
  const confirm = page.getByRole('button', { name: '确认并提交' });
  const status = page.getByTestId('report-status');
  await expect(status.filter({ hasText: '已提交' }).or(confirm)).toBeVisible({ timeout: 20_000 });
  if (await confirm.isVisible()) await confirm.click();
  await expect(status).toHaveText('已提交');
  await expect(page.getByRole('button', { name: '提交', exact: true })).toHaveCount(0);

  // Stored as typed: 12.5万元 = 125,000 元, one photo.
  const stored = (await (
    await page.request.get(`/api/dispatch/rounds/${round.id}/reports/${page.url().split('/').pop()}`)
  ).json()) as { status: string; completedThisMonth: number; workersOnSite: number; problems: string[] };
  expect(stored).toMatchObject({
    status: 'submitted',
    completedThisMonth: 125_000,
    workersOnSite: 38,
    problems: ['施工用电增容尚未完成'],
  });

  // Back in 我的填报 the project shows 已提交.
  await page.getByRole('link', { name: '返回我的填报' }).click();
  await expect(
    page.getByTestId('my-report-project').filter({ hasText: name }).first().getByText('已提交'),
  ).toBeVisible();
});
