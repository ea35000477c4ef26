/**
 * The living demo's monthly dispatch (issue 10, item 7): 乐陵市's rounds from January 2023 to last
 * month (TEST_TODAY 2026-11-25 → October 2026) with their reports, seeded as the demo seeds them
 * (withLaolingDispatch), read back through the dispatch API: the rounds, their counts, the table
 * against the ledger's figures, the kept versions; and `demo --remove` takes them away.
 */
import type {
  DispatchPhotoList,
  DispatchReportVersionList,
  DispatchRoundList,
  DispatchTable,
  Project,
} from '@guatu/contracts';
import { buildLaolingDemo, roundCounts, withLaolingDispatch } from '@guatu/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDataset } from '../src/seed/demo.ts';
import { removeDemo } from '../src/services/accounts.service.ts';
import { fileStoreOf } from '../src/storage/index.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  TEST_TODAY,
  type Session,
  type TestContext,
} from './harness.ts';

const demo = withLaolingDispatch(buildLaolingDemo(TEST_TODAY));
const dispatch = demo.dispatch!;
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

describeEngines('living demo dispatch', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  let rounds: DispatchRoundList['items'];
  beforeAll(async () => {
    // On disk: the demo's photos go to the file store the app serves them from.
    ctx = await createTestContext(engine, {}, { demo: false, onDisk: true });
    ctx.ids = await seedDataset(ctx.handle.db, demo, fileStoreOf(ctx.config));
    admin = await loginAdmin(ctx.app);
    rounds = (await get<DispatchRoundList>('/api/dispatch/rounds?year=2026')).items;
  }, 120_000);
  afterAll(() => ctx.close());

  const get = async <T>(url: string, who: Session = admin): Promise<T> => {
    const res = await call(ctx.app, who, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };
  const roundOf = (month: string) => rounds.find((r) => r.month === month)!;

  it('lists exactly January–October for 2026, each closed past its deadline the 25th', () => {
    expect(rounds.map((r) => r.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    expect(rounds.every((r) => r.deadline === `${r.month}-25` && r.status === 'closed')).toBe(true);
    expect(rounds.every((r) => r.regionName === '乐陵市')).toBe(true);
  });

  it('lists twelve rounds for each of 2023–2025, as the 乐陵 admin (发改局) sees them too', async () => {
    const fgj = await login(ctx.app, 'fgj');
    for (const year of [2023, 2024, 2025]) {
      const items = (await get<DispatchRoundList>(`/api/dispatch/rounds?year=${year}`, fgj)).items;
      expect(items).toHaveLength(12);
    }
  });

  it('counts each 2026 round as the domain does; October: 82 = 76 reported + 3 returned + 3 missing, 2 late', () => {
    for (const r of rounds) {
      const mine = dispatch.reports.filter((x) => x.month === r.month);
      const projects = dispatch.rounds.find((x) => x.month === r.month)!.projectNames.length;
      expect(r.counts).toEqual(
        roundCounts(
          projects,
          mine.map((x) => ({ status: x.status, late: x.late })),
        ),
      );
    }
    expect(roundOf('2026-10').counts).toEqual({
      projects: 82,
      reported: 76,
      missing: 3,
      late: 2,
      returned: 3,
    });
  });

  it('totals the October table as the ledger’s 累计完成投资 of those projects (5,793,260,000 元)', async () => {
    const table = await get<DispatchTable>(`/api/dispatch/rounds/${roundOf('2026-10').id}/table`);
    expect(table.rows).toHaveLength(82);
    let ledgerYtd = 0;
    let ledgerPlan = 0;
    for (const row of table.rows) {
      const project = await get<Project>(`/api/projects/${row.projectId}`);
      const year = project.years.find((y) => y.year === 2026)!;
      // Each row: 1-10月累计 = the ledger's figure of the project (none counted: no figure, 0).
      expect(row.completedYtd, project.name).toBe(year.reportedYtd ?? 0);
      expect(row.annualPlan).toBe(year.annualPlan);
      ledgerYtd += year.reportedYtd ?? 0;
      ledgerPlan += year.annualPlan;
    }
    // Σ ledger figures = Σ table rows = the domain's Σ counted reports of January–October.
    expect(table.totals.completedYtd).toBe(ledgerYtd);
    expect(ledgerYtd).toBe(5_793_260_000);
    expect(table.totals.annualPlan).toBe(ledgerPlan);
    // 本月完成: October's counted reports only (76 of 82): 747,510,000 元.
    expect(table.totals.completedThisMonth).toBe(747_510_000);
    const oct = dispatch.reports.filter((r) => r.month === '2026-10');
    expect(sum(oct.filter((r) => r.counted).map((r) => r.values.completedThisMonth))).toBe(747_510_000);
    // The rows say which are returned, late or missing.
    expect(table.rows.filter((r) => r.reportStatus === 'returned')).toHaveLength(3);
    expect(table.rows.filter((r) => r.reportStatus === null)).toHaveLength(3);
    expect(table.rows.filter((r) => r.reportStatus === null).every((r) => r.reportingWarning === 'red')).toBe(
      true,
    );
  });

  it('makes September’s 1-9月累计 from the reports alone: the ledger’s figure covers October', async () => {
    const table = await get<DispatchTable>(`/api/dispatch/rounds/${roundOf('2026-09').id}/table`);
    const ids = new Map([...ctx.ids.projects].map(([name, id]) => [id, name]));
    for (const row of table.rows) {
      const name = ids.get(row.projectId)!;
      const counted = dispatch.reports.filter(
        (r) => r.projectName === name && r.month >= '2026-01' && r.month <= '2026-09' && r.counted,
      );
      expect(row.completedYtd, name).toBe(sum(counted.map((r) => r.values.completedThisMonth)));
    }
  });

  it('keeps the four versions of a report returned and resubmitted, with the reason and both amounts', async () => {
    const r = dispatch.reports.find(
      (x) =>
        x.month.startsWith('2026-') &&
        x.month < '2026-10' &&
        x.versions.length === 4 &&
        x.versions[0]!.values.completedThisMonth !== x.values.completedThisMonth,
    )!;
    const roundId = roundOf(r.month).id;
    const projectId = ctx.ids.projects.get(r.projectName)!;
    const versions = await get<DispatchReportVersionList>(
      `/api/dispatch/rounds/${roundId}/reports/${projectId}/versions`,
    );
    expect(versions.items.map((v) => v.status)).toEqual(['submitted', 'returned', 'submitted', 'accepted']);
    expect(versions.items[1]!.returnReason).toBe('本月完成投资与形象进度不符，请核实后重报');
    expect(versions.items[0]!.completedThisMonth).toBe(r.versions[0]!.values.completedThisMonth);
    expect(versions.items[2]!.completedThisMonth).toBe(r.values.completedThisMonth);
    expect(versions.items[0]!.byName).toBe(versions.items[2]!.byName);
    expect(versions.items[1]!.byName).toBe('孟庆华'); // fgj, 发改局
    const report = await get<{ status: string; version: number; late: boolean; completedThisMonth: number }>(
      `/api/dispatch/rounds/${roundId}/reports/${projectId}`,
    );
    expect(report).toMatchObject({
      status: 'accepted',
      version: 4,
      late: r.late,
      completedThisMonth: r.values.completedThisMonth,
    });
  });

  it('shows the photos on their reports: drawn JPEGs with the EXIF time and place, no warning, the report as it was', async () => {
    expect(dispatch.photos).toHaveLength(14);
    for (const ph of dispatch.photos) {
      const roundId = roundOf(ph.month).id;
      const projectId = ctx.ids.projects.get(ph.projectName)!;
      const { items } = await get<DispatchPhotoList>(
        `/api/dispatch/rounds/${roundId}/reports/${projectId}/photos`,
      );
      expect(items).toHaveLength(1);
      const [photo] = items;
      expect(photo).toMatchObject({ fileName: ph.fileName, width: 640, height: 480, warnings: [] });
      // EXIF DateTimeOriginal is China time: 8 hours ahead of the ISO instant.
      expect(new Date(Date.parse(photo!.takenAt!) + 8 * 3_600_000).toISOString().slice(0, 19)).toBe(
        ph.takenAt,
      );
      expect(photo!.latitude).toBeCloseTo(ph.latitude, 4);
      expect(photo!.longitude).toBeCloseTo(ph.longitude, 4);
      const report = dispatch.reports.find((r) => r.month === ph.month && r.projectName === ph.projectName)!;
      expect(
        await get<{ status: string; version: number }>(
          `/api/dispatch/rounds/${roundId}/reports/${projectId}`,
        ),
      ).toMatchObject({
        status: report.status,
        version: report.versions.length,
      });
    }
    const first = (
      await get<DispatchPhotoList>(
        `/api/dispatch/rounds/${roundOf('2026-10').id}/reports/${ctx.ids.projects.get(dispatch.photos.find((p) => p.month === '2026-10')!.projectName)!}/photos`,
      )
    ).items[0]!;
    const thumb = await call(ctx.app, admin, 'GET', first.thumbnailUrl);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
  });

  it('leaves nothing of the dispatch (nor its photos) after demo --remove', async () => {
    await removeDemo(ctx.handle, null);
    const db = ctx.handle.db;
    const count = async (
      t:
        | 'dispatchRounds'
        | 'dispatchReports'
        | 'dispatchReportVersions'
        | 'dispatchRoundProjects'
        | 'dispatchPhotos'
        | 'attachments',
    ) =>
      Number(
        (
          await db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect([
      await count('dispatchRounds'),
      await count('dispatchRoundProjects'),
      await count('dispatchReports'),
      await count('dispatchReportVersions'),
      await count('dispatchPhotos'),
      await count('attachments'),
    ]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
