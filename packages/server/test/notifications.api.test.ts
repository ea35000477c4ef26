import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NotificationPage } from '@guatu/contracts';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runDueJobs } from '../src/jobs/runner.ts';
import { deliverNotificationsJob, MAX_DELIVERY_ATTEMPTS } from '../src/notifications/deliver.job.ts';
import { enqueueNotification } from '../src/notifications/outbox.ts';
import { findDeliveries, findOutboxRows } from '../src/repositories/notification.repository.ts';
import { dingtalkSignedUrl } from '../src/notifications/webhooks.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  type Session,
  type TestContext,
} from './harness.ts';

describeEngines('notifications API', (engine) => {
  let ctx: TestContext;
  let viewer: Session;
  let mayor: Session;
  let fgj: Session;
  const userId = async (username: string) =>
    (
      await ctx.handle.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
  // Each test on its own fresh database: the outbox and the delivery job are global, so no test
  // may see another's notifications (any test passes alone and in any order).
  beforeEach(async () => {
    ctx = await createTestContext(engine);
    viewer = await login(ctx.app, 'viewer');
    mayor = await login(ctx.app, 'mayor');
    fgj = await login(ctx.app, 'fgj');
  });
  afterEach(() => ctx.close());

  const deliver = (now: Date) =>
    deliverNotificationsJob.run({ db: ctx.handle.db, config: ctx.config, now, log: () => {} });
  const list = async (s: Session, query = '') => {
    const res = await call(ctx.app, s, 'GET', `/api/notifications${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as NotificationPage;
  };
  const outboxCount = async () => (await findOutboxRows(ctx.handle.db)).length;

  it('writes nothing when the transaction that notifies rolls back', async () => {
    const before = await outboxCount();
    const viewerId = await userId('viewer');
    await expect(
      ctx.handle.db.transaction().execute(async (trx) => {
        await enqueueNotification(trx, { userIds: [viewerId], kind: 'test.rolled_back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await outboxCount()).toBe(before);
    expect(await deliver(new Date('2026-11-25T02:01:00Z'))).toEqual({
      delivered: 0,
      failed: 0,
      gaveUp: 0,
      webhookSent: 0,
      webhookFailed: 0,
    });
    expect((await list(viewer)).items).toEqual([]);
  });

  it('delivers to the recipients only, newest first, with the exact unread count', async () => {
    const [viewerId, mayorId] = [await userId('viewer'), await userId('mayor')];
    await ctx.handle.db.transaction().execute(async (trx) => {
      await enqueueNotification(
        trx,
        {
          userIds: [viewerId, mayorId, viewerId],
          kind: 'test.hello',
          params: { name: '乐陵', n: 3 },
          link: '/projects',
        },
        new Date('2026-11-25T02:00:00Z'),
      );
    });
    // Not delivered yet: the outbox is not the list.
    expect(await list(viewer)).toEqual({ items: [], total: 0, unread: 0 });
    const runAt = (iso: string) =>
      runDueJobs(ctx.handle, ctx.config, new Date(iso), [deliverNotificationsJob], { log: () => {} });
    expect(await runAt('2026-11-25T02:00:30Z')).toEqual([]); // first seen: due at the next minute
    const outcome = await runAt('2026-11-25T02:01:00Z');
    expect(outcome).toMatchObject([
      {
        name: 'deliver-notifications',
        status: 'ok',
        summary: { delivered: 2, failed: 0, gaveUp: 0, webhookSent: 0, webhookFailed: 0 },
      },
    ]);
    const mine = await list(viewer);
    expect(mine.total).toBe(1);
    expect(mine.unread).toBe(1);
    expect(mine.items).toEqual([
      {
        id: expect.any(Number),
        kind: 'test.hello',
        params: { name: '乐陵', n: 3 },
        link: '/projects',
        createdAt: '2026-11-25T02:00:00.000Z',
        readAt: null,
      },
    ]);
    expect((await list(mayor)).items.map((n) => n.kind)).toEqual(['test.hello']);
    expect(await list(fgj)).toEqual({ items: [], total: 0, unread: 0 });
    // Delivered once: a second pass finds nothing to do.
    expect(await deliver(new Date('2026-11-25T02:02:00Z'))).toEqual({
      delivered: 0,
      failed: 0,
      gaveUp: 0,
      webhookSent: 0,
      webhookFailed: 0,
    });
    const rows = (await findOutboxRows(ctx.handle.db)).filter((r) => r.kind === 'test.hello');
    expect(rows.map((r) => [r.userId, r.status, r.attempts, r.deliveredAt])).toEqual([
      [viewerId, 'delivered', 1, '2026-11-25T02:01:00.000Z'],
      [mayorId, 'delivered', 1, '2026-11-25T02:01:00.000Z'],
    ]);
    expect((await findDeliveries(ctx.handle.db, rows[0]!.id)).map((d) => [d.channel, d.ok, d.error])).toEqual(
      [['in_app', 1, null]],
    );

    // Written by an app server whose clock runs an hour ahead: still delivered at the next pass.
    for (const kind of ['test.second', 'test.third', 'test.fourth'])
      await enqueueNotification(
        ctx.handle.db,
        { userIds: [viewerId], kind },
        new Date('2026-11-25T03:02:00Z'),
      );
    expect(await deliver(new Date('2026-11-25T02:03:00Z'))).toMatchObject({ delivered: 3, failed: 0 });
    const all = await list(viewer);
    expect(all.items.map((n) => n.kind)).toEqual(['test.fourth', 'test.third', 'test.second', 'test.hello']);
    expect([all.total, all.unread]).toEqual([4, 4]);
    const page2 = await list(viewer, '?page=2&pageSize=3');
    expect(page2.items.map((n) => n.kind)).toEqual(['test.hello']);
    expect([page2.total, page2.unread]).toEqual([4, 4]);
  });

  it('marks one read (one’s own only: another user’s is 404), then all read', async () => {
    // Its own notifications: four for viewer (one of them also for mayor), delivered.
    const [viewerId, mayorId] = [await userId('viewer'), await userId('mayor')];
    await enqueueNotification(
      ctx.handle.db,
      { userIds: [viewerId, mayorId], kind: 'test.hello' },
      ctx.clock.now,
    );
    for (const kind of ['test.second', 'test.third', 'test.fourth']) {
      ctx.clock.advanceMinutes(1);
      await enqueueNotification(ctx.handle.db, { userIds: [viewerId], kind }, ctx.clock.now);
    }
    expect(await deliver(ctx.clock.now)).toMatchObject({ delivered: 5, failed: 0 });
    const before = await list(viewer);
    expect(before.items.map((n) => n.kind)).toEqual([
      'test.fourth',
      'test.third',
      'test.second',
      'test.hello',
    ]);
    expect(before.unread).toBe(4);
    const [newest, second] = before.items;
    const read = await call(ctx.app, viewer, 'POST', `/api/notifications/${second!.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({ ok: true });
    let after = await list(viewer);
    expect(after.unread).toBe(3);
    expect(after.items.find((n) => n.id === second!.id)!.readAt).toBe(ctx.clock.now.toISOString());
    // Reading again keeps the first time.
    ctx.clock.advanceMinutes(1);
    expect((await call(ctx.app, viewer, 'POST', `/api/notifications/${second!.id}/read`)).statusCode).toBe(
      200,
    );
    expect((await list(viewer)).items.find((n) => n.id === second!.id)!.readAt).toBe(
      new Date(ctx.clock.now.getTime() - 60_000).toISOString(),
    );

    const unreadOnly = await list(viewer, '?unreadOnly=true');
    expect(unreadOnly.items.map((n) => n.id)).not.toContain(second!.id);
    expect(unreadOnly.total).toBe(3);

    for (const s of [mayor, fgj]) {
      const foreign = await call(ctx.app, s, 'POST', `/api/notifications/${newest!.id}/read`);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().error.code).toBe('not_found');
    }
    expect((await call(ctx.app, viewer, 'POST', '/api/notifications/2147483647/read')).statusCode).toBe(404);
    expect((await call(ctx.app, viewer, 'POST', '/api/notifications/2147483648/read')).statusCode).toBe(400);
    const noCsrf = await ctx.app.inject({
      method: 'POST',
      url: `/api/notifications/${newest!.id}/read`,
      headers: { cookie: viewer.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    after = await list(viewer);
    expect(after.items.find((n) => n.id === newest!.id)!.readAt).toBeNull();
    const mayorBefore = await list(mayor);

    const all = await call(ctx.app, viewer, 'POST', '/api/notifications/read-all');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toEqual({ updated: 3 });
    expect((await list(viewer)).unread).toBe(0);
    expect((await list(mayor)).unread).toBe(mayorBefore.unread);
    expect(mayorBefore.unread).toBe(1);
    expect((await call(ctx.app, null, 'GET', '/api/notifications')).statusCode).toBe(401);
  });

  it('retries a failed delivery after 1, 2, 4 … minutes, records each attempt, and gives up after the last', async () => {
    await enqueueNotification(
      ctx.handle.db,
      { userIds: [999_999], kind: 'test.nobody' },
      new Date('2026-11-26T00:00:00Z'),
    );
    const row = () =>
      findOutboxRows(ctx.handle.db).then((rows) => rows.find((r) => r.kind === 'test.nobody')!);
    let t = new Date('2026-11-26T00:00:00Z').getTime();
    expect(await deliver(new Date(t))).toEqual({
      delivered: 0,
      failed: 1,
      gaveUp: 0,
      webhookSent: 0,
      webhookFailed: 0,
    });
    expect(await row()).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: '2026-11-26T00:01:00.000Z',
      deliveredAt: null,
    });
    expect((await row()).lastError).toBeTruthy();
    expect(await deliver(new Date(t + 59_000))).toEqual({
      delivered: 0,
      failed: 0,
      gaveUp: 0,
      webhookSent: 0,
      webhookFailed: 0,
    });
    const waits: number[] = [];
    for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      const next = Date.parse((await row()).nextAttemptAt!);
      waits.push((next - t) / 60_000);
      t = next;
      const out = await deliver(new Date(t));
      expect(out).toEqual({
        delivered: 0,
        failed: 1,
        gaveUp: attempt === MAX_DELIVERY_ATTEMPTS ? 1 : 0,
        webhookSent: 0,
        webhookFailed: 0,
      });
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60]);
    const last = await row();
    expect(last).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, nextAttemptAt: null });
    const attempts = await findDeliveries(ctx.handle.db, last.id);
    expect(attempts).toHaveLength(MAX_DELIVERY_ATTEMPTS);
    expect(attempts.every((a) => a.ok === 0 && a.channel === 'in_app' && a.error)).toBe(true);
    expect(await deliver(new Date(t + 24 * 3600_000))).toEqual({
      delivered: 0,
      failed: 0,
      gaveUp: 0,
      webhookSent: 0,
      webhookFailed: 0,
    });
  });

  it('refuses an enqueue whose kind or link is not a key or a path', async () => {
    const viewerId = await userId('viewer');
    await expect(
      enqueueNotification(ctx.handle.db, { userIds: [viewerId], kind: '项目已变更' }),
    ).rejects.toThrow();
    await expect(
      enqueueNotification(ctx.handle.db, {
        userIds: [viewerId],
        kind: 'test.x',
        link: 'https://evil.example/',
      }),
    ).rejects.toThrow();
    await expect(
      enqueueNotification(ctx.handle.db, { userIds: [viewerId], kind: 'test.x', link: '//evil.example/' }),
    ).rejects.toThrow();
  });

  it('sends each notification once to the WeCom robot and the signed DingTalk robot, retrying a failed one', async () => {
    type Hit = { path: string; query: URLSearchParams; body: { msgtype: string; text: { content: string } } };
    const hits: Hit[] = [];
    let dingtalkFailures = 1;
    const receiver = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        const u = new URL(req.url!, 'http://127.0.0.1');
        hits.push({ path: u.pathname, query: u.searchParams, body: JSON.parse(data) as Hit['body'] });
        res.setHeader('Content-Type', 'application/json');
        const fail = u.pathname === '/dingtalk' && dingtalkFailures-- > 0;
        res.end(
          JSON.stringify(fail ? { errcode: 310000, errmsg: 'sign not match' } : { errcode: 0, errmsg: 'ok' }),
        );
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const config = {
      ...ctx.config,
      webhooks: {
        wecom: `${base}/wecom?key=k1`,
        dingtalk: `${base}/dingtalk?access_token=t1`,
        dingtalkSecret: 'SECabc',
      },
    };
    const run = (now: Date) => deliverNotificationsJob.run({ db: ctx.handle.db, config, now, log: () => {} });
    try {
      const t0 = new Date('2026-11-27T00:00:00Z');
      await enqueueNotification(
        ctx.handle.db,
        {
          userIds: [await userId('viewer'), await userId('mayor')],
          kind: 'security_event',
          params: { event: 'account_locked', user: '孟庆华', ip: '10.0.0.8' },
          link: '/admin/security-events',
        },
        t0,
      );
      expect(await run(t0)).toEqual({ delivered: 2, failed: 0, gaveUp: 0, webhookSent: 1, webhookFailed: 1 });
      const text = '【挂图作战】安全事件：账号因连续登录失败被锁定（用户：孟庆华，IP：10.0.0.8）';
      const wecom = hits.filter((h) => h.path === '/wecom');
      expect(wecom.map((h) => [h.query.get('key'), h.body])).toEqual([
        ['k1', { msgtype: 'text', text: { content: text } }],
      ]);
      const [ding] = hits.filter((h) => h.path === '/dingtalk');
      expect(ding!.query.get('access_token')).toBe('t1');
      const ts = ding!.query.get('timestamp')!;
      expect(Math.abs(Number(ts) - Date.now())).toBeLessThan(60_000);
      expect(ding!.query.get('sign')).toBe(
        createHmac('sha256', 'SECabc').update(`${ts}\nSECabc`).digest('base64'),
      );
      expect(ding!.body.text.content).toBe(text);

      const row = async () =>
        (await findOutboxRows(ctx.handle.db)).find(
          (r) => r.kind === 'security_event' && r.webhookStatus !== null,
        )!;
      expect(await row()).toMatchObject({
        webhookStatus: 'pending',
        webhookAttempts: 1,
        webhookNextAt: '2026-11-27T00:01:00.000Z',
      });
      expect(await run(new Date('2026-11-27T00:00:30Z'))).toMatchObject({ webhookSent: 0, webhookFailed: 0 });
      expect(await run(new Date('2026-11-27T00:01:00Z'))).toEqual({
        delivered: 0,
        failed: 0,
        gaveUp: 0,
        webhookSent: 1,
        webhookFailed: 0,
      });
      // WeCom, already served, is not sent the message again.
      expect(hits.map((h) => h.path)).toEqual(['/wecom', '/dingtalk', '/dingtalk']);
      const done = await row();
      expect(done).toMatchObject({ webhookStatus: 'sent', webhookAttempts: 2, webhookNextAt: null });
      expect((await findDeliveries(ctx.handle.db, done.id)).map((d) => [d.channel, d.ok, d.error])).toEqual([
        ['in_app', 1, null],
        ['wecom', 1, null],
        ['dingtalk', 0, 'errcode 310000: sign not match'],
        ['dingtalk', 1, null],
      ]);
      expect(await run(new Date('2026-11-27T01:00:00Z'))).toMatchObject({ webhookSent: 0, webhookFailed: 0 });
      expect(hits).toHaveLength(3);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
    const signed = new URL(
      dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=x', 'S+/=', 1700000000000),
    );
    expect(signed.searchParams.get('timestamp')).toBe('1700000000000');
    expect(signed.searchParams.get('sign')).toBe(
      createHmac('sha256', 'S+/=').update('1700000000000\nS+/=').digest('base64'),
    );
    expect(signed.search).not.toContain('+');
  });
});
