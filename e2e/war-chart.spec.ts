import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, login } from './helpers.ts';
import { cellStatus, cellStatusOf } from '../packages/domain/src/war-chart-cell.ts';

const unfinished: number[] = [cellStatus.not_started, cellStatus.in_progress, cellStatus.late];

// 挂图作战 (issue 4): open the war chart on the demo data, filter to one town, open a project from an
// unfinished cell, record that stage's actual finish, come back and see the cell turn "done"
// (its code in the chart's data attribute and its pixel colour on the canvas) and the forecast move.

type Canvas2D = {
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
};
type Layout = { nameW: number; cellW: number; rowH: number; headH: number };

async function layout(page: Page): Promise<Layout> {
  return JSON.parse((await page.getByTestId('war-chart').getAttribute('data-layout'))!) as Layout;
}

/** Hovers the cell (row, col) of the canvas and returns its code (the contract's cell codec). */
async function hoverCell(page: Page, row: number, col: number): Promise<number | null> {
  const l = await layout(page);
  const box = (await page.locator('[data-testid=war-chart] canvas').boundingBox())!;
  await page.mouse.move(
    box.x + l.nameW + col * l.cellW + l.cellW / 2,
    box.y + l.headH + row * l.rowH + l.rowH / 2,
  );
  const code = await page.getByTestId('war-chart').getAttribute('data-hover-code');
  return code === null ? null : Number(code);
}

/** The canvas colour at the centre-bottom of a cell (clear of the warning corner and the flag). */
async function cellColour(page: Page, row: number, col: number): Promise<string> {
  const l = await layout(page);
  return page.locator('[data-testid=war-chart] canvas').evaluate(
    (canvas, p) => {
      const dpr = (globalThis as { devicePixelRatio?: number }).devicePixelRatio || 1;
      const x = Math.round((p.l.nameW + p.col * p.l.cellW + p.l.cellW * 0.6) * dpr);
      const y = Math.round((p.l.headH + p.row * p.l.rowH + p.l.rowH - 5) * dpr);
      const d = (canvas as unknown as Canvas2D).getContext('2d')!.getImageData(x, y, 1, 1).data;
      return `rgb(${d[0]},${d[1]},${d[2]})`;
    },
    { l, row, col },
  );
}

test('war chart: filter to a town, record a stage, see the cell and the forecast change', async ({
  page,
}) => {
  await login(page, 'fgj', DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: '挂图作战' }).click();
  await expect(page).toHaveURL(/\/war-chart/);
  const chart = page.getByTestId('war-chart');
  await expect(chart).toBeVisible();
  const allProjects = Number(await chart.getAttribute('data-projects'));
  expect(allProjects).toBeGreaterThan(10);

  // group by town, then filter to one town
  await page.getByRole('combobox', { name: '分组' }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: '按乡镇' }).click();
  await expect(page).toHaveURL(/groupBy=town/);
  // the grouping list must have closed, or its options would be taken for the town list's
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await page.getByRole('combobox', { name: '乡镇' }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await expect(page).toHaveURL(/regionId=\d+/);
  await expect.poll(async () => Number(await chart.getAttribute('data-projects'))).toBeLessThan(allProjects);
  const url = page.url();

  // row 0 is the town's header, row 1 its first project: find an unfinished stage (not started, in progress, late)
  await expect(page.locator('[data-testid=war-chart] canvas')).toBeVisible();
  let col = -1;
  let before = 0;
  let row = 1;
  for (; row <= 3 && col < 0; row++) {
    for (let c = 0; c < 19; c++) {
      const code = await hoverCell(page, row, c);
      if (code !== null && unfinished.includes(cellStatusOf(code))) {
        col = c;
        before = code;
        break;
      }
    }
  }
  row--;
  expect(col, 'an unfinished stage in the first projects of the town').toBeGreaterThanOrEqual(0);
  const stage = (await chart.getAttribute('data-hover-stage'))!;
  const projectId = await chart.getAttribute('data-hover-project');
  await expect(page.getByTestId('war-chart-live')).toContainText('：');
  const colourBefore = await cellColour(page, row, col);

  // the click opens the project's schedule at that stage
  await hoverCell(page, row, col);
  await page.mouse.down();
  await page.mouse.up();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/schedule\\?stage=${stage}`));
  const forecast = page.getByTestId(`forecast-${stage}`);
  await expect(forecast).toBeVisible();
  const forecastBefore = (await forecast.textContent())!;
  const today = /\d{4}-\d{2}-\d{2}/.exec((await page.getByText(/计算日期/).textContent())!)![0];
  // a finish date different from the forecast one, so that the forecast visibly moves
  const finish = forecastBefore === today ? dayBefore(today) : today;

  // record the actual finish
  await page.locator(`tr[data-stage="${stage}"]`).getByRole('button', { name: /填报/ }).click();
  const dialog = page.getByRole('dialog');
  const finishInput = dialog.getByLabel('实际完成');
  await finishInput.click();
  await finishInput.fill(finish);
  await finishInput.press('Enter');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(forecast).toHaveText(finish);
  expect(finish).not.toBe(forecastBefore);
  await expect(page.locator(`tr[data-stage="${stage}"]`)).toContainText('已完成');

  // back on the war chart the cell is done, drawn in the "done" colour
  await page.goBack();
  await expect(page).toHaveURL(url);
  await expect(chart).toBeVisible();
  await expect.poll(async () => cellStatusOf((await hoverCell(page, row, col)) ?? 0)).toBe(cellStatus.done);
  expect(cellStatusOf((await hoverCell(page, row, col)) ?? 0)).not.toBe(cellStatusOf(before));
  await page.mouse.move(0, 0);
  await expect.poll(() => cellColour(page, row, col)).toBe('rgb(82,196,26)');
  expect(colourBefore).not.toBe('rgb(82,196,26)');
});

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
