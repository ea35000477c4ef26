import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, login } from './helpers.ts';

/**
 * A county's first day (issue 9), on the second server started without the demo (GUATU_DEMO=0, see
 * playwright.config.ts): the first admin sets the deployment up as 乐陵市 from the division list,
 * imports the county's own ledger — title lines, a merged header, towns only inside the 建设地点
 * addresses, 10 departments and 12 leaders the system does not know — sees them under 将新建,
 * commits, and finds the summary and the towns in the ledger.
 */
const EMPTY_URL = process.env.GUATU_E2E_EMPTY_URL ?? 'http://127.0.0.1:8182';
test.use({ baseURL: EMPTY_URL });

// name, 建设地点, town, 总投资, 2023年计划投资, 是否开工, leader, department
const projects = [
  ['智能装备产业园', '乐陵市寨头堡乡', '寨头堡乡', 52_000, 12_000, '√', '王立军', '市发展和改革局'],
  ['冷链物流中心', '杨安镇政府驻地东侧', '杨安镇', 18_000, 6_000, '√', '赵海燕', '市商务局'],
  ['污水处理厂提标改造', '市中街道办事处', '市中街道', 9_500, 3_000, null, '孙志强', '市住房和城乡建设局'],
  ['朱集现代农业示范园', '朱集', '朱集镇', 12_000, 4_000, null, '周文华', '市农业农村局'],
  ['花园镇调味品产业园', '花园镇工业园', '花园镇', 30_000, 8_000, null, '吴明亮', '市工业和信息化局'],
  ['孔镇国道改建工程', '孔镇', '孔镇', 25_000, 10_000, '√', '郑晓东', '市交通运输局'],
  ['西段乡土地综合整治', '乐陵市西段乡', '西段乡', 6_000, 2_500, null, '冯国庆', '市自然资源局'],
  ['胡家街道文旅街区', '胡家街道', '胡家街道', 15_000, 5_000, null, '陈春梅', '市文化和旅游局'],
  ['云红街道社区医院', '云红街道', '云红街道', 8_000, 3_200, null, '褚卫东', '市卫生健康局'],
  ['郭家街道排涝工程', '郭家街道', '郭家街道', 4_500, 1_500, null, '卫红霞', '市水利局'],
  ['黄夹镇光伏发电', '黄夹镇', '黄夹镇', 40_000, 20_000, null, '蒋德胜', '市发展和改革局'],
  ['丁坞镇仓储物流园', '丁坞', '丁坞镇', 10_000, 4_000, null, '沈玉兰', '市商务局'],
] as const;
const departments = [...new Set(projects.map((p) => p[7]))];
const leaders = projects.map((p) => p[6]);

async function countyLedger(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('2023年重点项目');
  ws.addRow(['乐陵市2023年重点项目建设台账']);
  ws.mergeCells('A1:J1');
  ws.addRow(['填报单位：乐陵市发展和改革局', null, null, null, null, null, null, null, '单位：万元']);
  ws.addRow([
    '序号',
    '项目名称',
    '建设性质',
    '投资情况（万元）',
    null,
    '建设地点',
    '是否开工',
    '包保市领导',
    '责任单位',
    '备注',
  ]);
  ws.addRow([null, null, null, '总投资', '2023年计划投资']);
  ws.mergeCells('D3:E3');
  for (const c of ['A', 'B', 'C', 'F', 'G', 'H', 'I', 'J']) ws.mergeCells(`${c}3:${c}4`);
  ws.addRow(['一、省级重点项目（4个）']);
  projects.forEach((p, i) => {
    if (i === 4) ws.addRow(['二、市级重点项目（8个）']);
    ws.addRow([i + 1, `${p[0]}项目`, '新建', p[3], p[4], p[1], p[5], p[6], p[7], null]);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('an empty deployment sets up 乐陵市 and imports its own ledger, creating its departments and leaders', async ({
  page,
}) => {
  test.setTimeout(180_000); // setup, upload, preview and commit on two shared cores
  // This server's officers enrol their own second factor: keep its secrets apart from the demo server's.
  const demoDataDir = process.env.GUATU_E2E_DATA_DIR;
  process.env.GUATU_E2E_DATA_DIR = process.env.GUATU_E2E_EMPTY_DATA_DIR;
  try {
    await login(page, 'admin', ADMIN_PASSWORD);

    // 初始化：选择本级行政区 — search the division list, check what will be created, confirm.
    await expect(page).toHaveURL(/\/setup$/);
    const search = page.getByRole('combobox', { name: '按名称或代码搜索，如 乐陵 或 371481' });
    await search.click();
    await search.fill('乐陵');
    await page.locator('.ant-select-item-option').filter({ hasText: '山东省 德州市 乐陵市 371481' }).click();
    await expect(page.getByTestId('setup-preview')).toHaveText('乐陵市 371481 · 16 个乡镇（街道）');
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await expect(page).toHaveURL(/\/projects/);

    // 导入台账: the title names 乐陵市, the header is found, the addresses map to 建设地点.
    await page.goto('/projects/import');
    await page
      .getByTestId('import-dropzone')
      .locator('input[type=file]')
      .setInputFiles({
        name: '乐陵市2023年重点项目台账.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await countyLedger(),
      });
    await expect(page.getByTestId('import-mapping')).toBeVisible();
    await page.getByRole('button', { name: '下一步：预览' }).click();

    // 预览: every row new, none in error; 将新建 lists the 10 departments and the 12 leaders.
    const counts = page.getByTestId('import-counts');
    await expect(counts).toContainText('新增 12');
    await expect(counts).toContainText('错误 0');
    await expect(page.getByTestId('import-jurisdiction')).toContainText('山东省 德州市 乐陵市');
    const created = page.getByTestId('import-to-create');
    await expect(created).toContainText('将新建');
    await expect(page.getByTestId('import-create-departments')).toContainText('部门（10）');
    for (const d of departments) await expect(page.getByTestId('import-create-departments')).toContainText(d);
    await expect(page.getByTestId('import-create-people')).toContainText('责任领导（12）');
    for (const l of leaders) await expect(page.getByTestId('import-create-people')).toContainText(l);

    await page.getByRole('button', { name: '确认导入' }).click();
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect(page.getByText('导入完成')).toBeVisible();
    await expect(page.getByText('新增 12 个项目，更新 0 个项目')).toBeVisible();

    // The ledger: the summary counts the 12 projects, each in the town its address named.
    await page.getByRole('button', { name: '查看台账' }).click();
    await expect(page.getByText('共 12 项')).toBeVisible();
    await expect(page.getByTestId('ledger-summary')).toContainText('12');
    const table = page.locator('.ant-table-tbody');
    for (const p of projects) {
      await expect(table.locator('tr', { hasText: `${p[0]}项目` })).toContainText(p[2]);
    }
  } finally {
    process.env.GUATU_E2E_DATA_DIR = demoDataDir;
  }
});
