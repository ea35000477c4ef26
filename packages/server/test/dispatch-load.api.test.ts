import type { DispatchReport, DispatchRound, DispatchTable } from '@guatu/contracts';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/services/audit.service.ts';
import { buildProject, buildUser, type BuiltUser } from './factories.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  type Session,
  type TestContext,
} from './harness.ts';

// Load and faults of the monthly dispatch (issue 10, item 8): 100 task forces submitting in the
// same minute lose nothing and duplicate nothing; the same offline draft or submission sent twice at
// once is stored once; a stale edit gets 409 version_conflict. Both engines.

const N = 100;

describeEngines('dispatch load and faults API', (engine) => {
  let ctx: TestContext;
  let fgj: Session;

  beforeEach(async () => {
    ctx = await createTestContext(engine);
    fgj = await login(ctx.app, 'fgj');
  });
  afterEach(async () => {
    await ctx.close();
  });

  /** `n` task-force users of 乐陵市, each the task force of a project of his own; a round on them. */
  async function setUp(n: number) {
    const laoling = ctx.ids.regions.get('laoling')!;
    const force = async () => {
      const user = await buildUser(ctx, { roles: ['task_force'], regionId: laoling });
      const built = await buildProject(ctx, {
        regionId: laoling,
        departmentId: null,
        leaderId: null,
        taskForceIds: [user.personId!],
      });
      return { user, projectId: built.id };
    };
    // The first alone (the factories' officer sessions log in once), then ten at a time.
    const forces: Array<{ user: BuiltUser; projectId: number }> = [await force()];
    while (forces.length < n)
      forces.push(...(await Promise.all(Array.from({ length: Math.min(10, n - forces.length) }, force))));
    const opened = await call(ctx.app, fgj, 'POST', '/api/dispatch/rounds', {
      month: '2026-11',
      deadline: '2026-11-30',
      projectIds: forces.map((f) => f.projectId),
    });
    expect(opened.statusCode, opened.body).toBe(201);
    return { forces, round: opened.json() as DispatchRound };
  }
  const report = (i: number, over: Record<string, unknown> = {}) => ({
    completedThisMonth: 100_000 + i,
    progressText: `第${i}号项目主体施工`,
    stages: [{ key: 'signing', actualStart: '2026-11-02', actualFinish: '2026-11-02' }],
    idempotencyKey: randomUUID(),
    ...over,
  });
  const count = async (table: 'dispatchReports' | 'dispatchReportVersions') =>
    Number(
      (
        await ctx.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audit = (entity: string, action: string) =>
    ctx.handle.db
      .selectFrom('auditLog')
      .select(['entityId'])
      .where('entity', '=', entity)
      .where('action', '=', action)
      .execute();

  it(`takes ${N} task forces submitting in the same minute: ${N} reports, ${N} submit audit rows, no duplicate`, async () => {
    const { forces, round } = await setUp(N);
    const sent = await Promise.all(
      forces.map((f, i) =>
        call(
          ctx.app,
          f.user.session,
          'POST',
          `/api/dispatch/rounds/${round.id}/reports/${f.projectId}/submit`,
          report(i),
        ),
      ),
    );
    expect(sent.map((r) => r.statusCode)).toEqual(Array.from({ length: N }, () => 200));
    expect(sent.map((r) => (r.json() as DispatchReport).status)).toEqual(
      Array.from({ length: N }, () => 'submitted'),
    );

    const rows = await ctx.handle.db
      .selectFrom('dispatchReports')
      .select(['projectId', 'status', 'version', 'completedThisMonth'])
      .where('roundId', '=', round.id)
      .orderBy('projectId')
      .execute();
    expect(rows.length).toBe(N);
    expect(new Set(rows.map((r) => r.projectId)).size).toBe(N);
    expect(rows.every((r) => r.status === 'submitted' && r.version === 1)).toBe(true);
    expect(await count('dispatchReports')).toBe(N);
    expect(await count('dispatchReportVersions')).toBe(N);
    const submits = await audit('dispatch_report', 'submit');
    expect(submits.length).toBe(N);
    expect(new Set(submits.map((a) => a.entityId)).size).toBe(N);
    // Each schedule got its stage once: 100 stage rows audited, every project's version 2.
    expect((await audit('project_stage', 'update')).length).toBe(N);
    const versions = await ctx.handle.db
      .selectFrom('projectSchedules')
      .select('version')
      .where(
        'projectId',
        'in',
        forces.map((f) => f.projectId),
      )
      .execute();
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: N }, () => 2));
    // The audit chain stays whole under the concurrent writes.
    expect((await verifyAuditChain(ctx.handle.db)).ok).toBe(true);

    // The table sums every month's amount: Σ(100,000 + i) for i < 100 = 10,000,000 + 4,950.
    const res = await call(ctx.app, fgj, 'GET', `/api/dispatch/rounds/${round.id}/table`);
    expect(res.statusCode, res.body).toBe(200);
    const table = res.json() as DispatchTable;
    expect(table.totals).toMatchObject({ projects: N, completedThisMonth: 10_004_950 });
    expect(table.round.counts).toEqual({ projects: N, reported: N, missing: 0, late: 0, returned: 0 });
    // Signing done on every project: the 当前工序 is the next one, 企业注册.
    expect(new Set(table.rows.map((r) => r.currentStage))).toEqual(new Set(['企业注册']));
  }, 600_000);

  it('stores the same offline draft sent twice at once once, and the same submission sent twice at once once', async () => {
    const { forces, round } = await setUp(1);
    const { user, projectId } = forces[0]!;
    const url = `/api/dispatch/rounds/${round.id}/reports/${projectId}`;
    const draft = report(0);
    const [a, b] = await Promise.all([
      call(ctx.app, user.session, 'PUT', url, draft),
      call(ctx.app, user.session, 'PUT', url, draft),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(await count('dispatchReports')).toBe(1);
    const stored = await ctx.handle.db
      .selectFrom('dispatchReports')
      .select(['status', 'idempotencyKey', 'completedThisMonth'])
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'draft', idempotencyKey: draft.idempotencyKey });
    expect(Number(stored.completedThisMonth)).toBe(100_000);

    // The submission of that draft, sent twice at once (a retry over a dropped connection).
    const submission = { ...draft, completedThisMonth: 120_000 };
    const [s1, s2] = await Promise.all([
      call(ctx.app, user.session, 'POST', `${url}/submit`, submission),
      call(ctx.app, user.session, 'POST', `${url}/submit`, submission),
    ]);
    expect([s1.statusCode, s2.statusCode], `${s1.body}\n${s2.body}`).toEqual([200, 200]);
    expect((s1.json() as DispatchReport).version).toBe((s2.json() as DispatchReport).version);
    expect(await count('dispatchReports')).toBe(1);
    expect(await count('dispatchReportVersions')).toBe(1);
    expect((await audit('dispatch_report', 'submit')).length).toBe(1);
    expect((await audit('project_stage', 'update')).length).toBe(1);
    // And once more later: still once.
    const later = await call(ctx.app, user.session, 'POST', `${url}/submit`, submission);
    expect(later.statusCode).toBe(200);
    expect(await count('dispatchReportVersions')).toBe(1);
    expect((await audit('dispatch_report', 'submit')).length).toBe(1);
  });

  it('answers a stale edit with 409 version_conflict, and one of two edits of the same version', async () => {
    const { forces, round } = await setUp(1);
    const { user, projectId } = forces[0]!;
    const url = `/api/dispatch/rounds/${round.id}/reports/${projectId}`;
    const first = await call(ctx.app, user.session, 'PUT', url, report(0));
    expect(first.statusCode, first.body).toBe(200);
    expect((first.json() as DispatchReport).version).toBe(1);
    // Another phone (its own draft key) edits on version 1: saved as version 2.
    const phone = await call(ctx.app, user.session, 'PUT', url, report(1, { version: 1 }));
    expect(phone.statusCode, phone.body).toBe(200);
    expect((phone.json() as DispatchReport).version).toBe(2);
    // A third device still on version 1: 409, naming who changed it.
    const stale = await call(ctx.app, user.session, 'PUT', url, report(2, { version: 1 }));
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'version_conflict',
      details: { currentVersion: 2, updatedBy: user.user.displayName },
    });
    // Two devices submitting on version 2 at once: one 200, one 409.
    const both = await Promise.all([
      call(ctx.app, user.session, 'POST', `${url}/submit`, report(3, { version: 2 })),
      call(ctx.app, user.session, 'POST', `${url}/submit`, report(4, { version: 2 })),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await count('dispatchReportVersions')).toBe(1);
    expect((await audit('dispatch_report', 'submit')).length).toBe(1);
    expect((await audit('project_stage', 'update')).length).toBe(1);
  });
});
