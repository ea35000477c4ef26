import type { DispatchRound } from '@guatu/contracts';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { jobCatalogue } from '../src/jobs/catalogue.ts';
import { runDueJobs } from '../src/jobs/runner.ts';
import { dispatchRemindersJob } from '../src/services/dispatch-reminders.job.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  type Session,
  type TestContext,
} from './harness.ts';

// The dispatch reminders (issue 10, item 1), fired by the job runner with a fake clock: three days
// before the deadline, on the day, and when late, to the task force of each project without a
// submitted report, each once; nothing for a round closed by hand.

describeEngines('dispatch reminders job', (engine) => {
  let ctx: TestContext;
  let fgj: Session;

  beforeEach(async () => {
    ctx = await createTestContext(engine);
    fgj = await login(ctx.app, 'fgj');
  });
  afterEach(async () => {
    await ctx.close();
  });

  const runAt = (iso: string) =>
    dispatchRemindersJob.run({ db: ctx.handle.db, config: ctx.config, now: new Date(iso), log: () => {} });
  const outbox = async (kind: string) =>
    (
      await ctx.handle.db
        .selectFrom('notificationOutbox')
        .select(['userId', 'params', 'link'])
        .where('kind', '=', kind)
        .execute()
    )
      .map((r) => {
        const p = JSON.parse(r.params) as { project: string; month: string; deadline: string };
        return `${r.userId}|${p.project}|${p.month}|${p.deadline}|${r.link}`;
      })
      .sort();

  it('reminds the task forces without a submitted report 3 days before, on the day and late, each once', async () => {
    // Deadline Monday 2026-11-30 (Asia/Shanghai); today in the tests is 2026-11-25.
    const res = await call(ctx.app, fgj, 'POST', '/api/dispatch/rounds', {
      month: '2026-11',
      deadline: '2026-11-30',
    });
    expect(res.statusCode, res.body).toBe(201);
    const round = res.json() as DispatchRound;
    // Every task-force account of the round's projects, per project.
    const members = await ctx.handle.db
      .selectFrom('dispatchRoundProjects as rp')
      .innerJoin('projects as p', 'p.id', 'rp.projectId')
      .innerJoin('projectMembers as pm', 'pm.projectId', 'rp.projectId')
      .innerJoin('people as pe', 'pe.id', 'pm.personId')
      .innerJoin('users as u', 'u.id', 'pe.userId')
      .where('rp.roundId', '=', round.id)
      .select(['rp.projectId', 'p.name', 'u.id as userId', 'u.username'])
      .orderBy('rp.projectId')
      .execute();
    expect(members.length).toBeGreaterThan(1);
    // The first such project submits its report: its task force is not reminded of it.
    const done = members[0]!;
    const sent = await call(
      ctx.app,
      await login(ctx.app, done.username),
      'POST',
      `/api/dispatch/rounds/${round.id}/reports/${done.projectId}/submit`,
      { completedThisMonth: 100_000, idempotencyKey: randomUUID(), confirmWarnings: true },
    );
    expect(sent.statusCode, sent.body).toBe(200);
    const expected = [
      ...new Set(
        members
          .filter((m) => m.projectId !== done.projectId)
          .map((m) => `${m.userId}|${m.name}|2026-11|2026-11-30|/dispatch`),
      ),
    ].sort();
    const remindedProjects = round.counts.projects - 1;

    // 2026-11-26 (4 days before): too early.
    expect(await runAt('2026-11-26T01:00:00Z')).toEqual({ rounds: 0, projects: 0, notifications: 0 });

    // The runner at 09:00 Shanghai on 2026-11-27 (30 − 3): the "before" reminder, by its cron.
    const quiet = { log: () => {} };
    expect(
      await runDueJobs(
        ctx.handle,
        ctx.config,
        new Date('2026-11-27T00:59:00Z'),
        [dispatchRemindersJob],
        quiet,
      ),
    ).toEqual([]);
    const [ran] = await runDueJobs(
      ctx.handle,
      ctx.config,
      new Date('2026-11-27T01:00:00Z'),
      [dispatchRemindersJob],
      quiet,
    );
    expect(ran).toMatchObject({
      name: 'dispatch-reminders',
      status: 'ok',
      summary: { rounds: 1, projects: remindedProjects, notifications: expected.length },
    });
    expect(await outbox('dispatch_reminder_before')).toEqual(expected);
    // Run again the same day (or by hand): nothing more.
    expect(await runAt('2026-11-27T06:00:00Z')).toEqual({ rounds: 1, projects: 0, notifications: 0 });
    expect(await runAt('2026-11-28T01:00:00Z')).toEqual({ rounds: 1, projects: 0, notifications: 0 });
    expect(await outbox('dispatch_reminder_before')).toHaveLength(expected.length);

    // On the day, two runners at once: each reminder still goes out once.
    const [x, y] = await Promise.all([runAt('2026-11-30T01:00:00Z'), runAt('2026-11-30T01:00:00Z')]);
    expect(Number(x!.projects) + Number(y!.projects)).toBe(remindedProjects);
    expect(await outbox('dispatch_reminder_due')).toEqual(expected);

    // Late: the day after, once; a week and a day after the deadline, nothing.
    expect(await runAt('2026-12-01T01:00:00Z')).toMatchObject({ projects: remindedProjects });
    expect(await runAt('2026-12-02T01:00:00Z')).toMatchObject({ projects: 0 });
    expect(await outbox('dispatch_reminder_late')).toEqual(expected);
    expect(await runAt('2026-12-08T01:00:00Z')).toEqual({ rounds: 0, projects: 0, notifications: 0 });
    expect(
      await ctx.handle.db
        .selectFrom('notificationOutbox')
        .select('id')
        .where('kind', 'like', 'dispatch_reminder_%')
        .execute(),
    ).toHaveLength(expected.length * 3);
    expect(jobCatalogue.map((j) => j.name)).toContain('dispatch-reminders');
  });

  it('sends only the stage due when the runner missed the earlier one, and nothing for a round closed by hand', async () => {
    const open = async (month: string, deadline: string) => {
      const res = await call(ctx.app, fgj, 'POST', '/api/dispatch/rounds', { month, deadline });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as DispatchRound;
    };
    const dec = await open('2026-12', '2026-12-25');
    // The runner was down from the 22nd: on the 25th only the day's reminder goes out.
    const due = await runAt('2026-12-25T01:00:00Z');
    expect(due).toMatchObject({ rounds: 1, projects: dec.counts.projects });
    expect(await outbox('dispatch_reminder_before')).toEqual([]);
    expect((await outbox('dispatch_reminder_due')).length).toBeGreaterThan(0);
    // Closed by hand: the late reminder is not sent.
    const closed = await call(ctx.app, fgj, 'POST', `/api/dispatch/rounds/${dec.id}/close`, { version: 1 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(await runAt('2026-12-26T01:00:00Z')).toEqual({ rounds: 0, projects: 0, notifications: 0 });
    expect(await outbox('dispatch_reminder_late')).toEqual([]);
  });
});
