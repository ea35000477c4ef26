import {
  cellFlag,
  cellFlagOf,
  cellStatus,
  cellStatusOf,
  shownFlag,
  type WarChartDto,
} from '@guatu/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  call,
  createTestContext,
  describeEngines,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

// Issue 9 item 7: a flag on nearly every cell said nothing. The answer names the milestones, and the
// Excel chart flags (⚑) only what the screen flags: a milestone on time, a stage finished late.
describeEngines('war-chart flags', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
  });
  afterAll(() => ctx.close());

  it('names the three milestones of the default template', async () => {
    const res = await call(ctx.app, admin, 'GET', '/api/war-chart?year=2023');
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json() as WarChartDto;
    expect(w.stages.filter((s) => s.milestone).map((s) => s.key)).toEqual(['start', 'topping', 'operation']);
  });

  it('puts ⚑ in the Excel chart only on a milestone finished on time or a stage finished late', async () => {
    const w = (
      await call(ctx.app, admin, 'GET', '/api/war-chart?year=2023&groupBy=town')
    ).json() as WarChartDto;
    const res = await call(ctx.app, admin, 'GET', '/api/war-chart/export.xlsx?year=2023&groupBy=town');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0]!;
    const width = w.stages.length;
    let onTimeOrdinary = 0;
    for (let p = 0; p < w.projects.ids.length; p++)
      for (let s = 0; s < width; s++) {
        const code = w.cells[p * width + s]!;
        const text = String(ws.getRow(5 + p).getCell(4 + s).value ?? '');
        const milestone = w.stages[s]!.milestone;
        expect(text.includes('⚑'), `${w.projects.names[p]} · ${w.stages[s]!.key}`).toBe(
          shownFlag(code, milestone) !== 'none',
        );
        // what the old chart flagged red and this one does not: an ordinary stage done on time
        if (cellStatusOf(code) === cellStatus.done && cellFlagOf(code) === cellFlag.red && !milestone) {
          onTimeOrdinary++;
          expect(text).not.toContain('⚑');
        }
      }
    expect(onTimeOrdinary).toBeGreaterThan(0);
  });
});
