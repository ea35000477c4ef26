import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, login } from './helpers.ts';

// The living demo (issue 9, item 6): the 乐陵 demo lives to today, so this year has a list, is the
// default year, and its war chart is drawn; 2023 as of 2023-04-13 (截止日期) still gives the
// article's figures: 103 projects, 320亿, 123.9亿, 82 / 21, 64 started, 78%.

const thisYear = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
  .format(new Date())
  .slice(0, 4);

/** The year select (年度) shows `year`年. */
async function expectYear(page: Page, year: string) {
  const select = page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '年度' }) });
  await expect(select).toContainText(`${year}年`);
}

test('the war chart opens on this year, drawn; the ledger of 2023 as of 2023-04-13 is the article’s', async ({
  page,
}) => {
  await login(page, 'fgj', DEMO_PASSWORD);

  // 挂图作战: this year selected, its chart drawn (about a hundred projects × 19 stages).
  await page.getByRole('menuitem', { name: '挂图作战' }).click();
  await expect(page).toHaveURL(/\/war-chart/);
  await expectYear(page, thisYear);
  const chart = page.getByTestId('war-chart');
  await expect(chart).toBeVisible();
  await expect(page.locator('[data-testid=war-chart] canvas')).toBeVisible();
  await expect.poll(async () => Number(await chart.getAttribute('data-projects'))).toBeGreaterThan(50);
  const api = await page.request.get(`/api/war-chart?year=${thisYear}`);
  expect(api.ok()).toBe(true);
  const body = (await api.json()) as { year: number; projects: { ids: number[] } };
  expect(body.year).toBe(Number(thisYear));
  expect(Number(await chart.getAttribute('data-projects'))).toBe(body.projects.ids.length);

  // 项目台账: this year by default too; choose 2023, then 截止日期 2023-04-13.
  await page.getByRole('menuitem', { name: '项目台账' }).click();
  await expect(page).toHaveURL(/\/projects/);
  await expectYear(page, thisYear);
  // A click that lands while the page is still settling does not open the list: retry until it does.
  const year2023 = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: '2023年' });
  await expect(async () => {
    await page.getByRole('combobox', { name: '年度' }).click();
    await expect(year2023).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await year2023.click();
  await expect(page).toHaveURL(/year=2023/);
  const summary = page.getByTestId('ledger-summary');
  // As of today every 2023 implementation project has started.
  await expect(summary).toContainText('100%');
  const asOf = page.getByPlaceholder('截至今天');
  await asOf.click();
  await asOf.fill('2023-04-13');
  await asOf.press('Enter');
  await expect(page).toHaveURL(/asOf=2023-04-13/);
  await expect(summary).toContainText('103'); // 重点项目
  await expect(summary).toContainText('320.00'); // 总投资 亿元
  await expect(summary).toContainText('123.90'); // 年度计划投资 亿元
  await expect(summary).toContainText('82 / 21'); // 实施类 / 储备类
  await expect(summary).toContainText('64'); // 已开工
  await expect(summary).toContainText('办理开工前手续 18 个');
  await expect(summary).toContainText('78%'); // 开工率
  await expect(page.getByText('共 103 项')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('ledger-2023-as-of.png'), fullPage: false });
});
