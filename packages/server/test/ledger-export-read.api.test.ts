// The ledger export's fast read (issue 11: 50,000 projects ≤ 5 s): fields from the portfolio
// index, the other columns read per 1,000 rows, phones masked through a cache of sealed value →
// masked form. What a user checks in the file must still be the database's state after edits:
// a changed phone (never the cached old one), a renamed project, a new total investment (and its 合计), a
// renamed leader (the index is not told of people renames).
import type { Project } from '@guatu/contracts';
import { buildLaolingDemo, maskPhone, toWan } from '@guatu/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPersonal } from '../src/crypto/personal-data.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  type Session,
  type TestContext,
} from './harness.ts';

const demo = buildLaolingDemo();

type Sheet = { header: string[]; rows: Array<Record<string, unknown>>; total: Record<string, unknown> };

describeEngines('ledger export: fast read, same content', (engine) => {
  let ctx: TestContext;
  let county: Session;
  const target = demo.projects.find((p) => p.contactPhone && p.leaderUsername)!;
  let projectId: number;

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    county = await login(ctx.app, 'fgj');
    projectId = ctx.ids.projects.get(target.name)!;
  });
  afterAll(() => ctx.close());

  /** The export read back: its header (row 4), its 合计 row (5) and its project rows (numbered). */
  async function exported(): Promise<Sheet> {
    const res = await call(ctx.app, county, 'GET', '/api/projects/export?year=2023');
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = Array.from(ws.getRow(4).values as unknown[], (v) => String(v ?? ''));
    const rowOf = (n: number) =>
      Object.fromEntries(header.map((h, i) => [h, i === 0 ? undefined : ws.getRow(n).getCell(i).value]));
    const rows: Sheet['rows'] = [];
    ws.eachRow((row, n) => {
      if (n > 5 && typeof row.getCell(1).value === 'number') rows.push(rowOf(n));
    });
    return { header, rows, total: rowOf(5) };
  }

  const rowOfTarget = (s: Sheet, name = target.name) => s.rows.find((r) => r['项目名称'] === name)!;

  it('writes every project as the database holds it: region, leader, plan in 万元, phone masked', async () => {
    const s = await exported();
    const db = await ctx.handle.db
      .selectFrom('projects as p')
      .innerJoin('projectYears as py', (j) => j.onRef('py.projectId', '=', 'p.id').on('py.year', '=', 2023))
      .innerJoin('regions as r', 'r.id', 'p.regionId')
      .leftJoin('people as l', 'l.id', 'p.leaderId')
      .select([
        'p.id',
        'p.name',
        'p.contactPhone',
        'p.address',
        'py.annualPlan',
        'r.name as town',
        'l.name as leader',
      ])
      .execute();
    expect(s.rows.length).toBe(db.length);
    for (const p of db) {
      const r = rowOfTarget(s, p.name);
      expect(r, p.name).toBeDefined();
      expect(r['所在乡镇']).toBe(p.town);
      expect(r['包保领导'] ?? null).toBe(p.leader);
      expect(r['建设地点'] ?? null).toBe(p.address);
      expect(r['2023年计划投资']).toBe(toWan(Number(p.annualPlan)));
      expect(r['联系电话'] ?? null).toBe(
        maskPhone(openPersonal('projects.contact_phone', p.contactPhone, p.id)),
      );
    }
    expect(rowOfTarget(s)['联系电话']).toBe(maskPhone(target.contactPhone));
  });

  it('shows a changed phone, not the masked form kept for the old one, and the old one again when set back', async () => {
    const before = await exported();
    expect(rowOfTarget(before)['联系电话']).toBe(maskPhone(target.contactPhone));
    let p = (await call(ctx.app, county, 'GET', `/api/projects/${projectId}`)).json() as Project;
    const changed = await call(ctx.app, county, 'PATCH', `/api/projects/${projectId}`, {
      version: p.version,
      contactPhone: '0534-6212345',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(rowOfTarget(await exported())['联系电话']).toBe('053*-***2345');

    p = changed.json() as Project;
    const back = await call(ctx.app, county, 'PATCH', `/api/projects/${projectId}`, {
      version: p.version,
      contactPhone: target.contactPhone,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(rowOfTarget(await exported())['联系电话']).toBe(maskPhone(target.contactPhone));
  });

  it('shows a renamed project with its new total investment in its row and in 合计, and a renamed leader', async () => {
    const before = await exported();
    const totalBefore = rowOfTarget(before)['总投资'] as number;
    const p = (await call(ctx.app, county, 'GET', `/api/projects/${projectId}`)).json() as Project;
    const edit = await call(ctx.app, county, 'PATCH', `/api/projects/${projectId}`, {
      version: p.version,
      name: `${target.name}（二期）`,
      totalInvestment: p.totalInvestment + 12_345_600, // +1234.56 万元
    });
    expect(edit.statusCode, edit.body).toBe(200);
    // A leader renamed outside the project (people are not in the portfolio's change log).
    const leaderId = (edit.json() as Project).leaderId!;
    await ctx.handle.db.updateTable('people').set({ name: '王新名' }).where('id', '=', leaderId).execute();

    const after = await exported();
    expect(after.rows.length).toBe(before.rows.length);
    expect(after.rows.some((r) => r['项目名称'] === target.name)).toBe(false);
    const row = rowOfTarget(after, `${target.name}（二期）`);
    expect(row['总投资']).toBeCloseTo(totalBefore + 1234.56, 6);
    expect(row['包保领导']).toBe('王新名');
    expect(after.total['总投资']).toBeCloseTo((before.total['总投资'] as number) + 1234.56, 6);
  });
});
