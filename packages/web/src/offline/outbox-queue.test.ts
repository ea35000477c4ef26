// The report outbox's queue against an in-memory store and a fake server: kept while offline, sent
// in order once online, each draft / photo / submission stored once, refusals kept with their message.
import { describe, expect, it } from 'vitest';
import type { DispatchReport, DispatchReportDraft, DispatchReportSubmit } from '@guatu/contracts';
import { memoryStore, Outbox, retryDelay, type OutboxTransport, type QueuedPhoto } from './outbox-queue.ts';

const KEY_A = '11111111-1111-4111-8111-111111111111';
const KEY_B = '22222222-2222-4222-8222-222222222222';

const draft = (over: Partial<DispatchReportDraft> = {}): DispatchReportDraft => ({
  completedThisMonth: 1_200_000,
  progressText: '主体结构施工',
  workersOnSite: 40,
  fundsInPlace: null,
  statsIncluded: null,
  statsCode: null,
  statsDate: null,
  problems: [],
  nextMonthPlan: null,
  stages: [],
  idempotencyKey: KEY_A,
  ...over,
});
const photo = (clientKey: string): QueuedPhoto => ({
  clientKey,
  file: new Blob(['jpeg']),
  fileName: `${clientKey}.jpg`,
});

type Call = { op: string; projectId: number; key?: string; version?: number | undefined };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

/** A server keeping one report per project, each key / client key once, with a version check. */
function fakeServer() {
  const reports = new Map<number, DispatchReport>();
  const photos = new Map<number, string[]>();
  const calls: Call[] = [];
  const state = {
    down: false,
    lose: [] as string[],
    refuse: null as HttpError | null,
    refuseSubmit: null as HttpError | null,
  };
  const report = (
    projectId: number,
    d: DispatchReportDraft,
    status: 'draft' | 'submitted',
    version: number,
  ) =>
    ({
      ...d,
      id: projectId,
      roundId: 7,
      projectId,
      status,
      submittedAt: null,
      late: false,
      returnReason: null,
      issues: [],
      updatedAt: '2026-11-29T00:00:00.000Z',
      version,
      stages: [],
    }) as unknown as DispatchReport;
  const net = () => {
    if (state.down) throw new HttpError(0, 'network', '无法连接服务器');
  };
  /** The server did it, but the answer never reached the phone. */
  const lost = (op: string) => {
    if (state.lose[0] === op) {
      state.lose.shift();
      throw new HttpError(0, 'network', '无法连接服务器');
    }
  };
  const transport: OutboxTransport = {
    putDraft: async (_r, projectId, body) => {
      calls.push({ op: 'put', projectId, key: body.idempotencyKey, version: body.version });
      net();
      if (state.refuse) throw state.refuse;
      const old = reports.get(projectId);
      if (old?.status === 'submitted') return old;
      const sameKey = old?.idempotencyKey === body.idempotencyKey;
      const read = body.version ?? (sameKey ? old!.version : 0);
      if (old && read !== old.version) throw new HttpError(409, 'version_conflict', '已被修改');
      const r = report(projectId, body, 'draft', (old?.version ?? 0) + 1);
      reports.set(projectId, r);
      lost('put');
      return r;
    },
    getReport: async (_r, projectId) => {
      calls.push({ op: 'get', projectId });
      net();
      return reports.get(projectId) ?? null;
    },
    uploadPhoto: async (_r, projectId, p) => {
      calls.push({ op: 'photo', projectId, key: p.clientKey });
      net();
      if (!reports.has(projectId)) throw new HttpError(404, 'not_found', '填报不存在');
      const list = photos.get(projectId) ?? [];
      if (!list.includes(p.clientKey)) list.push(p.clientKey);
      photos.set(projectId, list);
      lost('photo');
    },
    submit: async (_r, projectId, body: DispatchReportSubmit) => {
      calls.push({ op: 'submit', projectId, key: body.idempotencyKey, version: body.version });
      net();
      if (state.refuseSubmit) throw state.refuseSubmit;
      const old = reports.get(projectId);
      if (old?.status === 'submitted' && old.idempotencyKey === body.idempotencyKey) return old;
      if (old && body.version !== old.version) throw new HttpError(409, 'version_conflict', '已被修改');
      const r = report(projectId, body, 'submitted', (old?.version ?? 0) + 1);
      reports.set(projectId, r);
      lost('submit');
      return r;
    },
  };
  return { reports, photos, calls, state, transport };
}

function setup() {
  const server = fakeServer();
  const store = memoryStore();
  const env = { online: true, timers: [] as Array<{ fn: () => void; ms: number }> };
  const outbox = new Outbox(store, server.transport, {
    isOnline: () => env.online,
    now: () => new Date('2026-11-29T08:00:00.000Z'),
    setTimer: (fn, ms) => {
      const t = { fn, ms };
      env.timers.push(t);
      return () => (env.timers = env.timers.filter((x) => x !== t));
    },
  });
  /** The phone's connection comes back: what the `online` event does. */
  const reconnect = async () => {
    env.online = true;
    server.state.down = false;
    await outbox.flush();
  };
  return { server, store, env, outbox, reconnect };
}

describe('report outbox queue', () => {
  it('keeps a submission with its photo while offline, then sends draft, photo and submission once', async () => {
    const { server, store, env, outbox, reconnect } = setup();
    await outbox.start(5);
    env.online = false;
    const res = await outbox.send({
      roundId: 7,
      projectId: 1,
      kind: 'submit',
      body: { ...draft(), confirmWarnings: true },
      photos: [photo('p1')],
    });
    expect(res).toEqual({ status: 'queued' });
    expect(server.calls).toEqual([]);
    expect(outbox.snapshot().items.map((i) => [i.projectId, i.kind, i.photos.length])).toEqual([
      [1, 'submit', 1],
    ]);
    // A retry is planned (2 s), but nothing goes while offline.
    expect(env.timers.map((t) => t.ms)).toEqual([2000]);

    const sent: string[] = [];
    outbox.onSent((r) => sent.push(`${r.projectId}:${r.status}:${r.version}`));
    await reconnect();
    expect(sent).toEqual(['1:submitted:2']);
    expect(server.calls.map((c) => c.op)).toEqual(['put', 'photo', 'submit']);
    // The draft carries no confirmation; the submission names the version the draft got.
    expect(server.calls[2]).toMatchObject({ key: KEY_A, version: 1 });
    expect(server.reports.get(1)?.status).toBe('submitted');
    expect(server.reports.get(1)?.version).toBe(2);
    expect(server.photos.get(1)).toEqual(['p1']);
    expect(store.data.size).toBe(0);
    expect(outbox.snapshot().items).toEqual([]);
    expect(outbox.snapshot().lastDrainedAt).not.toBeNull();

    // The online event again, or another start: nothing left to send.
    await reconnect();
    await outbox.start(5);
    expect(server.calls).toHaveLength(3);
  });

  it('answers sent with the stored report when online', async () => {
    const { server, outbox } = setup();
    await outbox.start(5);
    // Nothing was sent yet: no "all sent".
    expect(outbox.snapshot().lastDrainedAt).toBeNull();
    const res = await outbox.send({ roundId: 7, projectId: 1, kind: 'draft', body: draft(), photos: [] });
    expect(res.status).toBe('sent');
    expect(res.status === 'sent' && res.report.version).toBe(1);
    expect(outbox.snapshot().lastDrainedAt).not.toBeNull();
    expect(server.calls.map((c) => c.op)).toEqual(['put']);
  });

  it('replaces the queued draft with a later action for the same report; photos accumulate; the submission stays', async () => {
    const { server, outbox, env, reconnect } = setup();
    await outbox.start(5);
    env.online = false;
    const send = (kind: 'draft' | 'submit', amount: number, photos: QueuedPhoto[]) =>
      outbox.send({ roundId: 7, projectId: 1, kind, body: draft({ completedThisMonth: amount }), photos });
    await send('draft', 100, [photo('p1')]);
    await send('submit', 200, [photo('p2')]);
    // An autosave after the submission, with the same photo offered again.
    await send('draft', 300, [photo('p2'), photo('p3')]);
    const [item] = outbox.snapshot().items;
    expect(item).toMatchObject({ kind: 'submit', rev: 3 });
    expect(item!.photos.map((p) => p.clientKey)).toEqual(['p1', 'p2', 'p3']);

    await reconnect();
    expect(server.calls.map((c) => c.op)).toEqual(['put', 'photo', 'photo', 'photo', 'submit']);
    expect(server.reports.get(1)).toMatchObject({ status: 'submitted', completedThisMonth: 300 });
    expect(server.photos.get(1)).toEqual(['p1', 'p2', 'p3']);
  });

  it('sends the reports in the order they were queued', async () => {
    const { server, outbox, env, reconnect } = setup();
    await outbox.start(5);
    env.online = false;
    for (const projectId of [3, 1, 2])
      await outbox.send({
        roundId: 7,
        projectId,
        kind: 'draft',
        body: draft({ idempotencyKey: `${KEY_B.slice(0, -1)}${projectId}` }),
        photos: [],
      });
    await reconnect();
    expect(server.calls.map((c) => c.projectId)).toEqual([3, 1, 2]);
  });

  it('stores each step once when answers are lost on the way back, and retries with backoff', async () => {
    const { server, outbox, env } = setup();
    await outbox.start(5);
    // Online, but the photo's and then the submission's answers are lost (the server stored them).
    const first = await outbox.send({ roundId: 7, projectId: 1, kind: 'draft', body: draft(), photos: [] });
    expect(first.status).toBe('sent');
    server.state.lose = ['put'];
    const res = await outbox.send({
      roundId: 7,
      projectId: 1,
      kind: 'submit',
      body: { ...draft({ version: 1 }), confirmWarnings: false },
      photos: [photo('p1')],
    });
    // The draft's answer was lost: queued, a retry planned after 2 s.
    expect(res).toEqual({ status: 'queued' });
    expect(env.timers.map((t) => t.ms)).toEqual([2000]);
    expect(server.reports.get(1)?.version).toBe(2);

    // The retry: the draft again on version 1 is a 409, the report holds this draft's key one
    // version on, so the draft goes again on version 2; then the photo and the submission.
    server.state.lose = ['photo']; // the photo's answer is lost too
    env.timers.shift()!.fn();
    await outbox.flush();
    // A second failure in a row: 4 s.
    expect(env.timers.map((t) => t.ms)).toEqual([4000]);
    env.timers.shift()!.fn();
    await outbox.flush();
    expect(server.calls.map((c) => `${c.op}${c.version ?? ''}`)).toEqual([
      'put', // the first, online draft
      'put1', // answer lost
      'put1', // 409
      'get',
      'put2',
      'photo', // answer lost
      'photo', // sent again: stored once
      'submit3',
    ]);
    expect(server.photos.get(1)).toEqual(['p1']);
    expect(server.reports.get(1)).toMatchObject({ status: 'submitted', version: 4 });
    expect(outbox.snapshot().items).toEqual([]);
  });

  it('sends a submission whose answer was lost again and stores it once', async () => {
    const { server, outbox, env } = setup();
    await outbox.start(5);
    server.state.lose = ['submit'];
    const res = await outbox.send({
      roundId: 7,
      projectId: 1,
      kind: 'submit',
      body: { ...draft(), confirmWarnings: true },
      photos: [],
    });
    expect(res).toEqual({ status: 'queued' });
    expect(server.reports.get(1)).toMatchObject({ status: 'submitted', version: 2 });
    env.timers.shift()!.fn();
    await outbox.flush();
    // The draft is not sent again (stored, answered); the submission is, and is answered as stored.
    expect(server.calls.map((c) => c.op)).toEqual(['put', 'submit', 'submit']);
    expect(server.reports.get(1)).toMatchObject({ status: 'submitted', version: 2 });
    expect(outbox.snapshot().items).toEqual([]);
  });

  it('backs off 2 s, 4 s, 8 s … up to a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map(retryDelay)).toEqual([
      2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000,
    ]);
  });

  it('stops an item the server refuses (4xx), keeps it with the message, sends the next, and sends it again after an edit', async () => {
    const { server, outbox, env, reconnect } = setup();
    await outbox.start(5);
    env.online = false;
    await outbox.send({ roundId: 7, projectId: 1, kind: 'draft', body: draft(), photos: [photo('p1')] });
    await outbox.send({
      roundId: 7,
      projectId: 2,
      kind: 'draft',
      body: draft({ idempotencyKey: KEY_B }),
      photos: [],
    });
    server.state.refuse = new HttpError(409, 'dispatch_round_closed', '2026年11月调度已关闭', {
      month: '2026年11月',
    });
    await outbox.flush(); // still offline: nothing
    expect(server.calls).toEqual([]);
    env.online = true;
    await outbox.flush();
    server.state.refuse = null;
    // Both were refused (the round closed); neither is lost.
    const items = outbox.snapshot().items;
    expect(items.map((i) => [i.projectId, i.error?.code, i.error?.message, i.photos.length])).toEqual([
      [1, 'dispatch_round_closed', '2026年11月调度已关闭', 1],
      [2, 'dispatch_round_closed', '2026年11月调度已关闭', 0],
    ]);
    // A refused item is not retried by the online event.
    await reconnect();
    expect(server.calls.map((c) => c.op)).toEqual(['put', 'put']);
    // The user edits report 1 (sent again), retries report 2.
    const res = await outbox.send({
      roundId: 7,
      projectId: 1,
      kind: 'draft',
      body: draft({ progressText: '改' }),
      photos: [],
    });
    expect(res.status).toBe('sent');
    expect(server.photos.get(1)).toEqual(['p1']);
    await outbox.retry(7, 2);
    expect(outbox.snapshot().items).toEqual([]);
    expect(server.reports.get(2)?.status).toBe('draft');
  });

  it('answers failed when the server refuses while the user waits: keeps what was not delivered, nothing else', async () => {
    const { server, store, outbox } = setup();
    await outbox.start(5);
    // The submission is refused (warnings not confirmed) after the draft and photo were stored.
    server.state.refuseSubmit = new HttpError(
      422,
      'dispatch_report_invalid',
      '填报有 0 处错误、1 处待确认的提醒',
    );
    const refused = await outbox.send({
      roundId: 7,
      projectId: 1,
      kind: 'submit',
      body: { ...draft(), confirmWarnings: false },
      photos: [photo('p1')],
    });
    expect(refused).toMatchObject({
      status: 'failed',
      error: { status: 422, code: 'dispatch_report_invalid' },
    });
    expect(server.photos.get(1)).toEqual(['p1']);
    expect(store.data.size).toBe(0);

    // The draft itself is refused: the draft and its photo stay on the phone until discarded.
    server.state.refuse = new HttpError(409, 'version_conflict', '已被修改');
    const stale = await outbox.send({
      roundId: 7,
      projectId: 2,
      kind: 'draft',
      body: draft({ idempotencyKey: KEY_B }),
      photos: [photo('p9')],
    });
    expect(stale).toMatchObject({ status: 'failed', error: { status: 409 } });
    expect([...store.data.values()].map((i) => [i.projectId, i.photos.length, i.error?.code])).toEqual([
      [2, 1, 'version_conflict'],
    ]);
    await outbox.discard(7, 2);
    expect(store.data.size).toBe(0);
  });

  it('sends nothing of another user signed in on the same phone', async () => {
    const { server, outbox, env, store } = setup();
    await outbox.start(5);
    env.online = false;
    await outbox.send({ roundId: 7, projectId: 1, kind: 'draft', body: draft(), photos: [] });
    await outbox.start(6); // another user signs in on this phone
    env.online = true;
    await outbox.flush();
    expect(server.calls).toEqual([]);
    expect(outbox.snapshot().items).toEqual([]);
    expect(store.data.size).toBe(1);
    await outbox.start(5);
    expect(server.calls.map((c) => c.op)).toEqual(['put']);
    expect(store.data.size).toBe(0);
  });

  it('waits on a server error (5xx) and keeps the order behind it', async () => {
    const { server, outbox, env } = setup();
    await outbox.start(5);
    env.online = false;
    await outbox.send({ roundId: 7, projectId: 1, kind: 'draft', body: draft(), photos: [] });
    await outbox.send({
      roundId: 7,
      projectId: 2,
      kind: 'draft',
      body: draft({ idempotencyKey: KEY_B }),
      photos: [],
    });
    env.online = true;
    server.state.refuse = new HttpError(503, 'http_503', 'Service Unavailable');
    await outbox.flush();
    expect(server.calls.map((c) => c.projectId)).toEqual([1]);
    expect(outbox.snapshot().items.map((i) => [i.projectId, i.error, i.attempts])).toEqual([
      [1, null, 1],
      [2, null, 0],
    ]);
    server.state.refuse = null;
    env.timers.shift()!.fn();
    await outbox.flush();
    expect(server.calls.map((c) => c.projectId)).toEqual([1, 1, 2]);
    expect(outbox.snapshot().items).toEqual([]);
  });
});
