import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { asFgj, openRound } from './dispatch-helpers';
import { DEMO_PASSWORD, login } from './helpers';

// 一月一调度 without signal (issue 10, item 3) on a phone (375 × 812): a task force (tf01) opens a
// report, loses the connection, fills it with a photo and submits — the page says it waits on the
// phone; the connection returns and it is sent once (one submission, one photo, one version). The
// county admin (fgj) returns it with a reason; the task force fixes and resubmits; the dispatch table
// shows the figure. Then: after one visit with signal, the installed app opens with no connection on
// what the phone kept (its session, 我的填报, the report), a report filled there is sent once back online.

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

const photo = path.resolve('e2e/fixtures/site-photo.jpg');
/** Submits on the page, confirming the warnings if the server raises any. */
async function submit(page: Page): Promise<void> {
  // 重新提交 after a return.
  await page.getByRole('button', { name: /^(重新)?提交$/ }).click();
  const confirm = page.getByRole('button', { name: '确认并提交' });
  const status = page.getByTestId('report-status');
  await expect(status.filter({ hasText: '已提交' }).or(confirm)).toBeVisible({ timeout: 20_000 });
  if (await confirm.isVisible()) await confirm.click();
  await expect(status).toHaveText('已提交');
}

test.describe('dispatch report without signal', () => {
  // The journey drives the outbox; the service worker is checked on its own below.
  test.use({ serviceWorkers: 'block' });

  test('a report filled and submitted offline is sent once when the connection returns, returned, fixed and resubmitted', async ({
    page,
    context,
    request,
  }) => {
    test.setTimeout(180_000);
    const round = await openRound(request);
    await login(page, 'tf01', DEMO_PASSWORD);
    await page.goto('/dispatch/my');
    const monthNo = Number(round.month.slice(5, 7));
    const card = page
      .locator('.ant-card')
      .filter({ hasText: `${round.month.slice(0, 4)}年${monthNo}月调度` });
    const line = card
      .getByTestId('my-report-project')
      .filter({ has: page.getByText(/^(未填|草稿)$/) })
      .first();
    const name = (await line.locator('strong').first().textContent())!.trim();
    await line.click();
    await expect(page).toHaveURL(new RegExp(`/dispatch/report/${round.id}/\\d+$`));
    await expect(page.getByRole('heading', { name })).toBeVisible();
    const projectId = Number(page.url().split('/').pop());
    const api = `/api/dispatch/rounds/${round.id}/reports/${projectId}`;

    // No signal at the site: fill the report, take a photo, submit.
    await context.setOffline(true);
    await page.getByLabel('本月完成投资').fill('1.5');
    await page.getByLabel('施工人数').fill('26');
    await page.getByLabel('形象进度').fill('基础施工完成，正在绑扎地梁钢筋');
    await page.getByTestId('report-photo-input').setInputFiles(photo);
    await page.getByRole('button', { name: '提交', exact: true }).click();
    // The page says plainly that it waits on the phone.
    await expect(page.getByText('已存在本机，联网后自动提交')).toBeVisible();
    const banner = page.getByTestId('pending-banner');
    await expect(banner).toContainText('1 份填报待发送（无网络），含 1 张照片');
    // Kept across a wait: nothing reached the server.
    await page.waitForTimeout(3000);
    await expect(banner).toContainText('待发送');

    // The connection returns: sent by itself, once.
    await context.setOffline(false);
    await expect(banner).toContainText('已全部发送', { timeout: 30_000 });
    const stored = (await (await page.request.get(api)).json()) as {
      status: string;
      completedThisMonth: number;
      workersOnSite: number;
      progressText: string;
      version: number;
    };
    expect(stored).toMatchObject({
      status: 'submitted',
      completedThisMonth: 15_000,
      workersOnSite: 26,
      progressText: '基础施工完成，正在绑扎地梁钢筋',
    });
    const photos = (await (await page.request.get(`${api}/photos`)).json()) as {
      items: { fileName: string }[];
    };
    expect(photos.items).toHaveLength(1);
    const versions = async () =>
      (
        (await (await page.request.get(`${api}/versions`)).json()) as { items: { status: string }[] }
      ).items.map((v) => v.status);
    expect(await versions()).toEqual(['submitted']);

    // The county admin returns it with a reason.
    const fgj = await asFgj(request);
    const back = await request.post(`${api}/return`, {
      headers: fgj,
      data: { reason: '照片看不清施工部位，请补充说明', version: stored.version },
    });
    expect(back.status(), await back.text()).toBe(200);

    // The task force sees the reason, fixes the report and resubmits (online).
    await page.reload();
    await expect(page.getByText('照片看不清施工部位，请补充说明')).toBeVisible();
    await page.getByLabel('本月完成投资').fill('2');
    await page.getByLabel('形象进度').fill('基础施工完成，地梁钢筋绑扎完成 60%');
    await submit(page);
    expect(await versions()).toEqual(['submitted', 'returned', 'submitted']);
    expect(
      ((await (await page.request.get(`${api}/photos`)).json()) as { items: unknown[] }).items,
    ).toHaveLength(1);

    // The dispatch table shows the figure.
    await page.goto(`/dispatch/rounds/${round.id}`);
    const row = page.getByTestId('dispatch-row-card').filter({ hasText: name });
    await expect(row).toContainText('本月完成 2.00 万元');
    await expect(row).toContainText('地梁钢筋绑扎完成 60%');
  });
});

test('the installed app opens with no connection after one online visit: 我的填报 and the report from what the phone kept, sent once back online', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(180_000);
  const round = await openRound(request);
  await page.goto('/login');
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  // The manifest starts at 我的填报, standalone.
  const manifest = (await (await page.request.get('/manifest.webmanifest')).json()) as Record<
    string,
    unknown
  >;
  expect(manifest).toMatchObject({
    name: '挂图作战 Guatu',
    start_url: '/dispatch/my',
    display: 'standalone',
  });
  // The service worker precached the app and controls the page.
  // (Evaluated as text: the specs are typed without the DOM.)
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  await page.reload();
  await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);

  // One visit with signal: signed in, 我的填报 and the report opened (the phone keeps what it read).
  await login(page, 'tf01', DEMO_PASSWORD);
  await page.goto('/dispatch/my');
  const monthNo = Number(round.month.slice(5, 7));
  const card = () =>
    page.locator('.ant-card').filter({ hasText: `${round.month.slice(0, 4)}年${monthNo}月调度` });
  const line = card()
    .getByTestId('my-report-project')
    .filter({ has: page.getByText(/^(未填|草稿)$/) })
    .first();
  const name = (await line.locator('strong').first().textContent())!.trim();
  await line.click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  const projectId = Number(page.url().split('/').pop());
  const api = `/api/dispatch/rounds/${round.id}/reports/${projectId}`;
  await expect(page.getByLabel('本月完成投资')).toBeVisible();

  // At the site, no signal, the app opened afresh: 我的填报 from what the phone kept.
  await context.setOffline(true);
  const res = await page.goto('/dispatch/my');
  expect(res?.fromServiceWorker()).toBe(true);
  await card().getByTestId('my-report-project').filter({ hasText: name }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await page.getByLabel('本月完成投资').fill('3.25');
  await page.getByLabel('形象进度').fill('无信号时填报：主体结构施工中');
  await page.getByTestId('report-photo-input').setInputFiles(photo);
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await expect(page.getByText('已存在本机，联网后自动提交')).toBeVisible();
  const banner = page.getByTestId('pending-banner');
  await expect(banner).toContainText('1 份填报待发送（无网络），含 1 张照片');

  // The connection returns: the session is confirmed by the server, then the report is sent once.
  await context.setOffline(false);
  await expect(banner).toContainText('已全部发送', { timeout: 60_000 });
  const stored = (await (await page.request.get(api)).json()) as Record<string, unknown>;
  expect(stored).toMatchObject({
    status: 'submitted',
    completedThisMonth: 32_500,
    progressText: '无信号时填报：主体结构施工中',
  });
  const photos = (await (await page.request.get(`${api}/photos`)).json()) as { items: unknown[] };
  expect(photos.items).toHaveLength(1);
  const versions = (await (await page.request.get(`${api}/versions`)).json()) as {
    items: { status: string }[];
  };
  expect(versions.items.map((v) => v.status)).toEqual(['submitted']);
});
