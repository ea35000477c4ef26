import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, login } from './helpers';

// 一月一调度, the bureau's side (issue 10, items 2, 5, 6): the county admin (fgj) opens a round's
// 调度表, opens a submitted report, returns it with a reason and sees its status change; then opens
// 调度分析 and a figure's projects. The submitted report is made through the API by a task force.

type Api = {
  get: <T>(path: string) => Promise<T>;
  send: <T>(method: string, path: string, data: unknown) => Promise<T>;
};

/** A demo account's API session (demo accounts log in from this machine without a second factor). */
async function apiAs(request: APIRequestContext, username: string): Promise<Api> {
  const res = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers()['set-cookie']!.split(';')[0]!;
  const headers = { cookie, 'x-csrf-token': csrfToken };
  return {
    get: async <T>(path: string) => {
      const r = await request.get(`/api${path}`, { headers });
      expect(r.status(), await r.text()).toBe(200);
      return (await r.json()) as T;
    },
    send: async <T>(method: string, path: string, data: unknown) => {
      const r = await request.fetch(`/api${path}`, { method, headers, data });
      expect(r.status(), `${method} ${path}: ${await r.text()}`).toBeLessThan(300);
      return (await r.json()) as T;
    },
  };
}

type Round = { id: number; month: string; status: 'open' | 'closed'; version: number };
type Row = { projectId: number; name: string; reportStatus: string | null };

/** antd lists only a few options to assistive technology: pick the visible item. */
const pickIn =
  (page: Page) =>
  (text: string): Promise<void> =>
    page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: new RegExp(`^${text}$`) })
      .click();

const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** This month's round in 乐陵市, open (created or reopened), and one report in it submitted by a task force. */
async function submittedReport(request: APIRequestContext): Promise<{ round: Round; project: Row }> {
  const fgj = await apiAs(request, 'fgj');
  const today = shanghai(new Date());
  const month = today.slice(0, 7);
  const { items } = await fgj.get<{ items: Round[] }>(`/dispatch/rounds?year=${month.slice(0, 4)}`);
  let round = items.find((r) => r.month === month);
  if (!round)
    round = await fgj.send<Round>('POST', '/dispatch/rounds', {
      month,
      deadline: shanghai(new Date(Date.now() + 14 * 86_400_000)),
    });
  else if (round.status === 'closed')
    round = await fgj.send<Round>('POST', `/dispatch/rounds/${round.id}/reopen`, { version: round.version });
  for (let i = 1; i <= 20; i++) {
    const tf = await apiAs(request, `tf${String(i).padStart(2, '0')}`);
    const { rows } = await tf.get<{ rows: Row[] }>(`/dispatch/rounds/${round.id}/table`);
    const project = rows.find((r) => r.reportStatus === null);
    if (!project) continue;
    const draft = {
      completedThisMonth: 12_340_000,
      progressText: '主体结构施工至三层，完成钢筋绑扎',
      workersOnSite: 45,
      fundsInPlace: 50_000_000,
      problems: ['施工用电需协调'],
      nextMonthPlan: '完成主体封顶',
      idempotencyKey: crypto.randomUUID(),
    };
    const saved = await tf.send<{ version: number }>(
      'PUT',
      `/dispatch/rounds/${round.id}/reports/${project.projectId}`,
      draft,
    );
    await tf.send('POST', `/dispatch/rounds/${round.id}/reports/${project.projectId}/submit`, {
      ...draft,
      version: saved.version,
      confirmWarnings: true,
    });
    return { round, project };
  }
  throw new Error('no task force has a project without a report in this round');
}

test('the county admin returns a submitted report with a reason and opens a figure’s projects', async ({
  page,
  request,
}) => {
  // Two cores shared by the server, Chromium and the runner: pages take seconds to load here.
  test.setTimeout(240_000);
  const slow = { timeout: 30_000 };
  const pick = pickIn(page);
  const { round, project } = await submittedReport(request);
  const [year, month] = round.month.split('-');

  await login(page, 'fgj', DEMO_PASSWORD);
  await page.goto('/dispatch');
  await page.getByRole('link', { name: `${year}年${Number(month)}月`, exact: true }).click();
  await expect(page.getByText(`乐陵市${year}年${Number(month)}月重点项目调度表`)).toBeVisible(slow);
  // 合计 and 小计 by level as in the .xlsx.
  await expect(page.getByRole('cell', { name: /^合计（\d+个）$/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: /^[一二三四]、县级重点项目小计（\d+个）$/ })).toBeVisible();

  // Only the reported rows, then the task force's report.
  await page.getByLabel('填报状态').click();
  await pick('已报');
  await page.getByRole('button', { name: project.name, exact: true }).click();
  const drawer = page.locator('.review-report-drawer');
  await expect(drawer.getByText('主体结构施工至三层，完成钢筋绑扎')).toBeVisible(slow);
  await expect(drawer.getByText('1,234.00 万元')).toBeVisible();
  await expect(drawer.getByTestId('review-version')).toHaveCount(1);

  // 退回 needs a reason.
  await drawer.getByRole('button', { name: '退回' }).click();
  const dialog = page.getByRole('dialog', { name: `退回“${project.name}”的本月填报` });
  await dialog.getByRole('button', { name: '退回' }).click();
  await expect(dialog.getByText('请填写退回原因')).toBeVisible();
  await dialog.getByLabel('退回原因').fill('本月完成投资与形象进度不符，请核实');
  await dialog.getByRole('button', { name: '退回' }).click();
  await expect(page.getByText('已退回，专班将收到通知')).toBeVisible(slow);
  await expect(drawer.getByText('已退回：本月完成投资与形象进度不符，请核实')).toBeVisible();
  await expect(drawer.getByTestId('review-version')).toHaveCount(2);
  await expect(drawer.getByText('退回原因：本月完成投资与形象进度不符，请核实')).toBeVisible();
  await expect(drawer.getByRole('button', { name: '通过' })).toHaveCount(0);
  await drawer.locator('.ant-drawer-close').click();

  // The row is no longer 已报: under 退回 it is.
  await expect(page.getByRole('button', { name: project.name, exact: true })).toHaveCount(0);
  await page.getByLabel('填报状态').click();
  await pick('退回');
  await expect(page.getByRole('button', { name: project.name, exact: true })).toBeVisible();

  // 调度分析: the 退回 count opens the projects behind it, and the table filtered to them.
  await page.getByRole('button', { name: '调度分析' }).click();
  await expect(page.getByText(`乐陵市${year}年${Number(month)}月调度分析`)).toBeVisible(slow);
  await page.getByRole('button', { name: /^全部项目 退回 \d+$/ }).click();
  const projects = page.getByTestId('figure-projects');
  await expect(projects.getByRole('link', { name: project.name, exact: true })).toBeVisible(slow);
  await page.getByRole('button', { name: '在调度表中查看' }).click();
  await expect(page.getByText(/^调度分析选中的 \d+ 个项目$/)).toBeVisible(slow);
  await expect(page.getByRole('button', { name: project.name, exact: true })).toBeVisible();
});
