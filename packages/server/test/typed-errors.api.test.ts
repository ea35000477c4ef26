/**
 * Typed errors (issue 8 item 5): an en-US user reads no Chinese words. Errors carry their code and
 * params (contracts ErrorParams); import issues, stage warnings and the war chart's labels are
 * worded in the request's language. User data (project, stage, town and person names, cell
 * values) stays as it is, so each check removes the data a message quotes before looking for CJK.
 */
import type { ImportPreview, ImportUpload, ProjectScheduleDto, WarChartDto } from '@guatu/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badRowsLedger, multipart } from './fixtures/ledger-workbooks.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const EN = { 'accept-language': 'en-US,en;q=0.9' };
// Held up before 开工 on the test date (2026-11-25): red and overdue stages (laoling-living.ts).
const PROJECT = '大孙乡研学基地项目';

/** The words of a message: the quoted data taken out. */
const words = (message: string, ...data: Array<string | number | undefined>) =>
  data.reduce<string>((m, d) => (d === undefined || d === '' ? m : m.split(String(d)).join('')), message);

describeEngines('typed errors in en-US', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  let county: Session;
  let pid: number;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
    county = await login(ctx.app, 'fgj');
    pid = ctx.ids.projects.get(PROJECT)!;
  });
  afterAll(() => ctx.close());

  describe('version conflict', () => {
    it('names a change no user made by a code, worded "the system" in English and 系统 in Chinese', async () => {
      const read = await call(ctx.app, admin, 'GET', `/api/projects/${pid}/schedule`);
      const version = (read.json() as ProjectScheduleDto).version;
      const stale = { note: 'x', version: version + 1 };
      const en = await call(ctx.app, admin, 'PUT', `/api/projects/${pid}/stages/signing`, stale, EN);
      expect(en.statusCode).toBe(409);
      const e = en.json().error as { code: string; message: string; params: Record<string, string> };
      expect(e.code).toBe('version_conflict');
      expect(e.params).toMatchObject({ by: '', byKind: 'system' });
      expect(e.message).toMatch(/^This record was changed by the system at /);
      expect(e.message).not.toMatch(CJK);
      const zh = await call(ctx.app, admin, 'PUT', `/api/projects/${pid}/stages/signing`, stale);
      expect(zh.json().error.message).toMatch(/^该记录已被 系统 于 /);
    });

    it('names a user by name in params and keeps the English words around it', async () => {
      const read = await call(ctx.app, admin, 'GET', `/api/projects/${pid}/schedule`);
      const version = (read.json() as ProjectScheduleDto).version;
      const ok = await call(ctx.app, admin, 'PUT', `/api/projects/${pid}/stages/signing`, {
        note: 'one',
        version,
      });
      expect(ok.statusCode).toBe(200);
      const en = await call(
        ctx.app,
        admin,
        'PUT',
        `/api/projects/${pid}/stages/signing`,
        { note: 'two', version },
        EN,
      );
      expect(en.statusCode).toBe(409);
      const e = en.json().error as { message: string; params: Record<string, string> };
      expect(e.params).toMatchObject({ by: '系统管理员', byKind: 'user' });
      expect(e.params.at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      expect(e.message).toBe(
        `This record was changed by 系统管理员 at ${e.params.at}; reload and edit the latest version`,
      );
    });
  });

  describe('import', () => {
    const upload = async (data: Buffer) => {
      const body = multipart('bad.xlsx', data);
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/projects/import',
        payload: body.payload,
        headers: { ...body.headers, cookie: county.cookie, 'x-csrf-token': county.csrf, ...EN },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as ImportUpload;
    };

    it('words every row error and warning in English from its code, quoting only the cell value', async () => {
      const up = await upload(await badRowsLedger());
      const res = await call(
        ctx.app,
        county,
        'POST',
        `/api/projects/import/${up.uploadId}/preview`,
        { year: 2023 },
        EN,
      );
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json() as ImportPreview;
      const issues = [...p.issues, ...p.rows.flatMap((r) => r.issues)];
      expect(new Set(issues.map((i) => i.code))).toEqual(
        new Set([
          'bad_number',
          'bad_date',
          'bad_yes_no',
          'town_out_of_scope',
          'missing_name',
          'missing_level',
        ]),
      );
      for (const i of issues) {
        expect(Object.keys(i.params)).toEqual(['value']);
        expect(words(i.message, i.params.value), `${i.code}: ${i.message}`).not.toMatch(CJK);
      }
      const town = p.issues.find((i) => i.code === 'town_out_of_scope')!;
      expect(town.params).toEqual({ value: '津城街道' });
      expect(town.message).toBe('"津城街道" is outside your scope');
      expect(p.issues.find((i) => i.code === 'bad_yes_no')!.message).toBe('"也许" should be yes or no (Y/N)');

      const commit = await call(
        ctx.app,
        county,
        'POST',
        `/api/projects/import/${up.uploadId}/commit`,
        { year: 2023 },
        EN,
      );
      expect(commit.statusCode).toBe(422);
      expect(commit.json().error).toMatchObject({
        code: 'import_has_errors',
        params: { count: 4 },
        message: '4 rows have errors; nothing was imported. Fix them and upload again',
      });
    });

    it('words a mapping error from its reason: a field on two columns, a missing sheet', async () => {
      const up = await upload(await badRowsLedger());
      const twice = await call(
        ctx.app,
        county,
        'POST',
        `/api/projects/import/${up.uploadId}/preview`,
        { year: 2023, mapping: [{ index: 1, field: 'name' }] },
        EN,
      );
      expect(twice.statusCode).toBe(400);
      expect(twice.json().error).toMatchObject({
        code: 'import_mapping',
        params: { reason: 'field_twice', field: 'name', columns: 'A, B' },
        message: 'Invalid column mapping: the field name is mapped to several columns (A, B)',
      });
      const zh = await call(ctx.app, county, 'POST', `/api/projects/import/${up.uploadId}/preview`, {
        year: 2023,
        mapping: [{ index: 1, field: 'name' }],
      });
      expect(zh.json().error.message).toBe('列对应关系有误：“项目名称”对应了多列（A, B）');
      const sheet = await call(
        ctx.app,
        county,
        'POST',
        `/api/projects/import/${up.uploadId}/preview`,
        { sheet: '没有这张表' },
        EN,
      );
      expect(sheet.statusCode).toBe(400);
      expect(sheet.json().error.message).toBe('Invalid column mapping: there is no sheet named "没有这张表"');
    });
  });

  describe('stage warnings', () => {
    it('sends each warning’s reason and params, worded in English around the stage name', async () => {
      const res = await call(ctx.app, admin, 'GET', `/api/projects/${pid}/schedule`, undefined, EN);
      expect(res.statusCode).toBe(200);
      const s = res.json() as ProjectScheduleDto;
      const warned = s.stages.filter((x) => x.warning);
      expect(warned.some((x) => x.warning!.level === 'red')).toBe(true);
      for (const st of warned) {
        const w = st.warning!;
        expect(w.params.stage).toBe(st.name);
        expect(w.reason).toMatch(/^[a-z_]+$/);
        expect(words(w.message, st.name), w.message).not.toMatch(CJK);
      }
      const overdue = warned.find((x) => x.warning!.reason === 'overdue')!;
      const { days, latestFinish } = overdue.warning!.params;
      expect(overdue.warning!.message).toBe(
        `${overdue.name}: ${days} day(s) past the latest finish ${latestFinish}`,
      );
      const zh = (
        await call(ctx.app, admin, 'GET', `/api/projects/${pid}/schedule`)
      ).json() as ProjectScheduleDto;
      expect(zh.stages.find((x) => x.key === overdue.key)!.warning!.message).toBe(
        `${overdue.name}：已超过最迟完成 ${latestFinish} ${days} 天`,
      );
    });
  });

  describe('calendar range', () => {
    it('words a date outside the working-day calendar from its reason and dates', async () => {
      const read = await call(ctx.app, admin, 'GET', `/api/projects/${pid}/schedule`);
      const version = (read.json() as ProjectScheduleDto).version;
      const body = { actualFinish: '2019-05-01', version };
      const en = await call(ctx.app, admin, 'PUT', `/api/projects/${pid}/stages/approval`, body, EN);
      expect(en.statusCode).toBe(422);
      const e = en.json().error as { code: string; message: string; params: Record<string, string> };
      expect(e.params).toMatchObject({ reason: 'date', date: '2019-05-01', first: '2020-01-01' });
      expect(e.message).toBe(
        `A date is outside the working-day calendar; an admin can add the year: the date 2019-05-01 is outside 2020-01-01 to ${e.params.last}`,
      );
      const zh = await call(ctx.app, admin, 'PUT', `/api/projects/${pid}/stages/approval`, body);
      expect(zh.json().error.message).toBe(
        `日期 2019-05-01 超出工作日历范围 2020-01-01 至 ${e.params.last}，请在日历中添加该年份`,
      );
    });
  });

  describe('war chart', () => {
    it('labels level groups and unassigned leaders in English', async () => {
      const byLevel = await call(
        ctx.app,
        admin,
        'GET',
        '/api/war-chart?year=2023&groupBy=level',
        undefined,
        EN,
      );
      expect(byLevel.statusCode).toBe(200);
      const chart = byLevel.json() as WarChartDto;
      expect(chart.groups.map((g) => [g.key, g.label])).toEqual(
        chart.groups.map((g) => [
          g.key,
          { province: 'Provincial key projects', city: 'City key projects', county: 'County key projects' }[
            g.key
          ],
        ]),
      );
      expect(chart.groups.length).toBeGreaterThan(0);
      const zh = (
        await call(ctx.app, admin, 'GET', '/api/war-chart?year=2023&groupBy=level')
      ).json() as WarChartDto;
      expect(zh.groups.map((g) => g.label)).toContain('县级重点项目');
    });

    it('exports an .xlsx whose words follow the request’s language (names stay as they are)', async () => {
      const res = await call(
        ctx.app,
        admin,
        'GET',
        '/api/war-chart/export.xlsx?year=2023&groupBy=level',
        undefined,
        EN,
      );
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      const ws = wb.worksheets[0]!;
      expect(ws.name).toBe('War chart');
      const text = (r: number, c: number) => String(ws.getRow(r).getCell(c).value ?? '');
      // The title quotes the region's name (data) and the as-of date: for the root admin, 山东省.
      expect(text(1, 1)).toBe('山东省 2023 key projects war chart (as of 2026-11-25)');
      expect(text(2, 1)).toMatch(/^Data as of \d{4}-\d{2}-\d{2}; grouped by level; \d+ projects; /);
      expect([text(3, 1), text(3, 2), text(3, 3)]).toEqual(['No.', 'Group', 'Project']);
      expect(text(3, 4)).toBe('Landing');
      expect(text(5, 2)).not.toMatch(CJK);
      const lastRow = ws.actualRowCount;
      const legend: string[] = [];
      for (let r = lastRow - 9; r <= lastRow; r++) legend.push(text(r, 3));
      expect(legend[0]).toBe('Legend');
      for (const line of legend) expect(line).not.toMatch(CJK);
      expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
        '山东省 2023 key projects war chart (as of 2026-11-25).xlsx',
      );
    });
  });

  describe('details worded from a reason', () => {
    it('words a schedule error from its reason and the stage names', async () => {
      const templates = (await call(ctx.app, admin, 'GET', '/api/stage-templates')).json() as Array<{
        key: string;
        version: number;
        stages: Array<{ key: string; name: string }>;
      }>;
      const t = templates[0]!;
      const first = t.stages[0]!;
      // The first stage listed twice: refused, whatever the language, naming the stage and its key.
      const body = { stages: [...t.stages, first], version: t.version };
      const en = await call(ctx.app, admin, 'PUT', `/api/stage-templates/${t.key}`, body, EN);
      expect(en.statusCode).toBe(400);
      const e = en.json().error as { code: string; message: string; params: Record<string, string> };
      expect(e.code).toBe('schedule_invalid');
      expect(e.params).toMatchObject({ reason: 'duplicate_stage', stage: first.name, key: first.key });
      expect(e.message).toBe(`Invalid schedule: Stage listed twice: ${first.name} (${first.key})`);
      expect(words(e.message, first.name)).not.toMatch(CJK);
      const zh = await call(ctx.app, admin, 'PUT', `/api/stage-templates/${t.key}`, body);
      expect(zh.json().error.message).toBe(`工期计划有误：工序重复：${first.name}（${first.key}）`);
    });

    it('words a calendar entry’s field detail in English', async () => {
      const bad = { kind: 'holiday', from: '2023-05-03', to: '2023-05-01', name: 'x' };
      const en = await call(ctx.app, admin, 'POST', '/api/calendar/entries', bad, EN);
      expect(en.statusCode).toBe(400);
      expect(en.json().error.details).toEqual([
        {
          path: 'body.to',
          reason: 'calendar_to_before_from',
          params: { from: '2023-05-03', to: '2023-05-01' },
          message: 'The end date 2023-05-01 is before the start date 2023-05-03',
        },
      ]);
      const zh = await call(ctx.app, admin, 'POST', '/api/calendar/entries', bad);
      expect(zh.json().error.details[0].message).toBe('结束日期 2023-05-01 早于开始日期 2023-05-03');
    });

    it('words an upload without a file in English', async () => {
      const boundary = '----guatu-typed-errors';
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--${boundary}--\r\n`;
      const res = await call(ctx.app, county, 'POST', '/api/projects/import', payload, {
        ...EN,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).not.toMatch(CJK);
      expect(res.json().error.params.reason).toMatch(/^(no_file|not_multipart)$/);
    });
  });
});
