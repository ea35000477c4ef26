import type { DispatchReport, DispatchReportDraft, DispatchReportSubmit } from '@guatu/contracts';

/**
 * The report outbox's queue (issue 10, item 3: the report page works without signal), free of the
 * browser: the store, the sender and the clock are given, so the unit tests drive it in memory.
 *
 * One item per report (round + project) of one user. An item is sent as: the draft (PUT, its
 * idempotency key), then each photo (its client key), then the submission — each step recorded in
 * the store as soon as the server answered, so a step is never repeated after it is known done, and
 * a step whose answer was lost is repeated safely (the server stores each key once). A later action
 * for the same report replaces the draft and keeps the photos not yet sent (they accumulate); a
 * submission stays a submission until sent. A network error, 408, 429, 5xx or 401 waits and retries
 * (backoff, the `online` event, the next start); any other 4xx stops that item with the server's
 * error, kept until the user sends an edit, retries or discards it.
 */
export type QueueError = {
  status: number;
  code: string;
  message: string;
  params: Record<string, string | number>;
  details?: unknown;
};

export type QueuedPhoto = { clientKey: string; file: Blob; fileName: string };

export type QueueAction = {
  roundId: number;
  projectId: number;
  kind: 'draft' | 'submit';
  body: DispatchReportDraft | DispatchReportSubmit;
  photos: QueuedPhoto[];
  /** The project's name, for the list of what waits. */
  title?: string;
};

export type QueueItem = {
  /** `${userId}:${roundId}:${projectId}` */
  key: string;
  userId: number;
  roundId: number;
  projectId: number;
  kind: 'draft' | 'submit';
  body: DispatchReportDraft | DispatchReportSubmit;
  title: string | null;
  /** Photos not yet stored on the server, oldest first. */
  photos: QueuedPhoto[];
  /** Order of the queue: the first time this report was queued. */
  seq: number;
  /** Bumped by every action merged into the item. */
  rev: number;
  queuedAt: string;
  /** The rev whose draft the server has stored. */
  draftSentRev: number | null;
  /** The report's version after this phone's last stored write. */
  knownVersion: number | null;
  /** A draft sent naming this version whose answer was lost (it may have been stored). */
  unsureVersion: number | null;
  /** An error that will not heal by waiting: the item is stopped until edited, retried or discarded. */
  error: QueueError | null;
  /** Failed tries in a row (network, 5xx), for the backoff. */
  attempts: number;
};

export interface OutboxStore {
  all(): Promise<QueueItem[]>;
  get(key: string): Promise<QueueItem | undefined>;
  put(item: QueueItem): Promise<void>;
  remove(key: string): Promise<void>;
}

/** The server, as the queue calls it; each call throws a `QueueError`-shaped error when refused. */
export interface OutboxTransport {
  putDraft(roundId: number, projectId: number, body: DispatchReportDraft): Promise<DispatchReport>;
  getReport(roundId: number, projectId: number): Promise<DispatchReport | null>;
  uploadPhoto(roundId: number, projectId: number, photo: QueuedPhoto): Promise<void>;
  submit(roundId: number, projectId: number, body: DispatchReportSubmit): Promise<DispatchReport>;
}

export type OutboxEnv = {
  isOnline: () => boolean;
  now: () => Date;
  /** Runs `fn` after `ms`; returns a cancel. */
  setTimer: (fn: () => void, ms: number) => () => void;
};

export type OutboxSnapshot = {
  /** This user's items, in queue order. */
  items: readonly QueueItem[];
  /** A send is under way. */
  sending: boolean;
  /** When the queue last became empty by sending (for "已全部发送"). */
  lastDrainedAt: number | null;
};

export type OutboxResult =
  { status: 'sent'; report: DispatchReport } | { status: 'queued' } | { status: 'failed'; error: QueueError };

/** Backoff of the retries: 2 s, 4 s, 8 s … at most a minute. */
export const retryDelay = (attempts: number) => Math.min(60_000, 2000 * 2 ** Math.max(0, attempts - 1));

const statusOf = (e: unknown): number =>
  e && typeof e === 'object' && typeof (e as { status?: unknown }).status === 'number'
    ? (e as { status: number }).status
    : 0;

/** Waiting may heal it: no answer (0), timeout, rate limit, server error, or a lapsed session. */
export const isTransient = (e: unknown) => {
  const s = statusOf(e);
  return s === 0 || s === 401 || s === 408 || s === 429 || s >= 500;
};

export function toQueueError(e: unknown): QueueError {
  const o = (e && typeof e === 'object' ? e : {}) as Partial<QueueError>;
  return {
    status: statusOf(e),
    code: typeof o.code === 'string' ? o.code : 'network',
    message: typeof o.message === 'string' ? o.message : String(e),
    params: o.params && typeof o.params === 'object' ? o.params : {},
    ...(o.details === undefined ? {} : { details: o.details }),
  };
}

const itemKey = (userId: number, a: { roundId: number; projectId: number }) =>
  `${userId}:${a.roundId}:${a.projectId}`;

function withoutConfirm(body: DispatchReportDraft | DispatchReportSubmit): DispatchReportDraft {
  const { confirmWarnings: _confirm, ...draft } = body as DispatchReportSubmit;
  return draft;
}

/** The version to name: the page's, or this phone's own later write of the report. */
function versionFor(body: DispatchReportDraft, known: number | null): number | undefined {
  if (known === null) return body.version;
  return body.version === undefined ? known : Math.max(body.version, known);
}

export class Outbox {
  private userId: number | null = null;
  private items: QueueItem[] = [];
  private sending = false;
  private lastDrainedAt: number | null = null;
  private seq = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private cancelRetry: (() => void) | null = null;
  private listeners = new Set<() => void>();
  private sentListeners = new Set<(report: DispatchReport) => void>();
  private snap: OutboxSnapshot = { items: [], sending: false, lastDrainedAt: null };
  /** Store writes one after another (read-modify-write of one item). */
  private lock: Promise<unknown> = Promise.resolve();
  /** Versions of this phone's own writes, kept after the item is gone (a page's later save). */
  private known = new Map<string, number>();
  /** What the last send of each item ended in, by rev. */
  private outcomes = new Map<string, { rev: number; result: OutboxResult }>();

  constructor(
    private store: OutboxStore,
    private transport: OutboxTransport,
    private env: OutboxEnv,
  ) {}

  /** Starts sending for this user (signed in): now, and on every later `kick`. */
  async start(userId: number): Promise<void> {
    if (this.userId !== userId) this.known.clear();
    this.userId = userId;
    await this.reload();
    await this.flush();
  }

  /** Signed out: nothing is sent (the items stay for the next sign-in of the same user). */
  stop(): void {
    this.userId = null;
    this.cancelRetry?.();
    this.cancelRetry = null;
    this.items = [];
    this.emit();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with the stored report each time an item has been sent (also in the background). */
  onSent(listener: (report: DispatchReport) => void): () => void {
    this.sentListeners.add(listener);
    return () => this.sentListeners.delete(listener);
  }

  snapshot(): OutboxSnapshot {
    return this.snap;
  }

  /** Keeps the action (merged into the report's item) and sends the queue when online. */
  async send(action: QueueAction): Promise<OutboxResult> {
    const userId = this.userId;
    if (userId === null) throw new Error('outbox not started');
    const item = await this.enqueue(userId, action);
    if (!this.env.isOnline()) {
      this.scheduleRetry(item.attempts);
      return { status: 'queued' };
    }
    await this.flush();
    const outcome = this.outcomes.get(item.key);
    if (!outcome || outcome.rev < item.rev) return { status: 'queued' };
    if (outcome.result.status === 'failed') {
      // Refused while the user waits: the page shows the error. Only the submission was refused
      // (draft and photos stored): nothing is left to keep on the phone.
      await this.locked(async () => {
        const it = await this.store.get(item.key);
        if (it && it.draftSentRev === it.rev && it.photos.length === 0) await this.store.remove(item.key);
      });
      await this.reload();
    }
    return outcome.result;
  }

  /** Sends every waiting item of the user in order; one run at a time (a call during a run runs again after it). */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      this.cancelRetry?.();
      this.cancelRetry = null;
      do {
        this.again = false;
        await this.pass();
      } while (this.again);
    })().finally(() => {
      this.running = null;
      this.sending = false;
      this.emit();
    });
    return this.running;
  }

  /** A stopped item sent again as it is. */
  async retry(roundId: number, projectId: number): Promise<void> {
    if (this.userId === null) return;
    const key = itemKey(this.userId, { roundId, projectId });
    await this.update(key, (it) => ({ ...it, error: null, attempts: 0 }));
    await this.flush();
  }

  /** A stopped (or waiting) item dropped from this phone. */
  async discard(roundId: number, projectId: number): Promise<void> {
    if (this.userId === null) return;
    const key = itemKey(this.userId, { roundId, projectId });
    await this.locked(() => this.store.remove(key));
    await this.reload();
  }

  private async enqueue(userId: number, a: QueueAction): Promise<QueueItem> {
    const key = itemKey(userId, a);
    const merged = await this.locked(async () => {
      const old = await this.store.get(key);
      const seen = new Set(old?.photos.map((p) => p.clientKey) ?? []);
      const photos = [...(old?.photos ?? []), ...a.photos.filter((p) => !seen.has(p.clientKey))];
      const item: QueueItem = old
        ? {
            ...old,
            // A waiting submission stays one; an edit of a stopped item is what the user sends now.
            kind: old.error === null && old.kind === 'submit' ? 'submit' : a.kind,
            body: a.body,
            title: a.title ?? old.title,
            photos,
            rev: old.rev + 1,
            error: null,
            attempts: 0,
          }
        : {
            key,
            userId,
            roundId: a.roundId,
            projectId: a.projectId,
            kind: a.kind,
            body: a.body,
            title: a.title ?? null,
            photos,
            seq: Date.now() * 1000 + (this.seq++ % 1000),
            rev: 1,
            queuedAt: this.env.now().toISOString(),
            draftSentRev: null,
            knownVersion: this.known.get(key) ?? null,
            unsureVersion: null,
            error: null,
            attempts: 0,
          };
      await this.store.put(item);
      return item;
    });
    await this.reload();
    return merged;
  }
  private async pass(): Promise<void> {
    await this.reload();
    let sent = 0;
    for (const start of this.items) {
      if (this.userId === null || start.userId !== this.userId) return;
      if (start.error) continue;
      if (!this.env.isOnline()) {
        this.scheduleRetry(start.attempts);
        return;
      }
      this.sending = true;
      this.emit();
      try {
        await this.sendItem(start.key);
        sent++;
        await this.update(start.key, (it) => ({ ...it, attempts: 0 }));
      } catch (e) {
        const now = await this.store.get(start.key);
        if (!now) continue;
        if (isTransient(e)) {
          const attempts = now.attempts + 1;
          await this.update(start.key, (it) => ({ ...it, attempts }));
          this.outcomes.set(start.key, { rev: now.rev, result: { status: 'queued' } });
          // In order: what follows waits for this one.
          this.scheduleRetry(attempts);
          return;
        }
        const error = toQueueError(e);
        await this.update(start.key, (it) => ({ ...it, error }));
        this.outcomes.set(start.key, { rev: now.rev, result: { status: 'failed', error } });
      }
    }
    await this.reload();
    if (sent > 0 && this.items.length === 0) this.lastDrainedAt = Date.now();
  }

  /** Draft, photos, submission of one item, each step recorded; repeated until the item is gone. */
  private async sendItem(key: string): Promise<void> {
    for (;;) {
      const item = await this.store.get(key);
      if (!item) return;
      const { roundId, projectId, rev } = item;
      let report: DispatchReport | null = null;
      if (item.draftSentRev !== rev) {
        report = await this.putDraft(item);
        const version = report.version;
        this.known.set(key, version);
        await this.update(key, (it) => ({
          ...it,
          knownVersion: version,
          unsureVersion: null,
          draftSentRev: it.rev === rev ? rev : it.draftSentRev,
        }));
      }
      for (const photo of item.photos) {
        await this.transport.uploadPhoto(roundId, projectId, photo);
        await this.update(key, (it) => ({
          ...it,
          photos: it.photos.filter((p) => p.clientKey !== photo.clientKey),
        }));
      }
      const now = await this.store.get(key);
      if (!now) return;
      // A later action arrived meanwhile: send its draft and photos first.
      if (now.rev !== rev || now.photos.length > 0 || now.draftSentRev !== rev) continue;
      if (now.kind === 'submit') {
        const body = now.body as DispatchReportSubmit;
        const version = versionFor(withoutConfirm(body), now.knownVersion);
        report = await this.transport.submit(roundId, projectId, {
          ...body,
          ...(version === undefined ? {} : { version }),
        });
        this.known.set(key, report.version);
      }
      report ??= await this.transport.getReport(roundId, projectId);
      const done = await this.locked(async () => {
        const latest = await this.store.get(key);
        if (!latest || latest.rev !== rev) return false;
        await this.store.remove(key);
        return true;
      });
      if (!done) continue;
      if (report) {
        this.outcomes.set(key, { rev, result: { status: 'sent', report } });
        for (const l of this.sentListeners) l(report);
      }
      return;
    }
  }

  /**
   * PUT the item's draft. A draft whose answer was lost and that named a version gets a 409 when
   * sent again if the first one was stored: the report then carries this draft's key one version on,
   * and the draft is sent again on that version.
   */
  private async putDraft(item: QueueItem): Promise<DispatchReport> {
    const draft = withoutConfirm(item.body);
    let known = item.knownVersion;
    let unsure = item.unsureVersion;
    for (let tries = 0; ; tries++) {
      const version = versionFor(draft, known);
      try {
        return await this.transport.putDraft(item.roundId, item.projectId, {
          ...draft,
          ...(version === undefined ? {} : { version }),
        });
      } catch (e) {
        if (statusOf(e) === 0 && version !== undefined) {
          await this.update(item.key, (it) => ({ ...it, unsureVersion: version }));
          throw e;
        }
        if (statusOf(e) !== 409 || unsure === null || tries > 0) throw e;
        const stored = await this.transport.getReport(item.roundId, item.projectId);
        if (!stored || stored.idempotencyKey !== draft.idempotencyKey || stored.version !== unsure + 1)
          throw e;
        known = stored.version;
        unsure = null;
        await this.update(item.key, (it) => ({ ...it, knownVersion: known, unsureVersion: null }));
      }
    }
  }

  private scheduleRetry(attempts: number): void {
    if (this.cancelRetry || this.userId === null) return;
    this.cancelRetry = this.env.setTimer(
      () => {
        this.cancelRetry = null;
        void this.flush();
      },
      retryDelay(Math.max(1, attempts)),
    );
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.lock.then(fn, fn);
    this.lock = next.catch(() => undefined);
    return next;
  }

  private async update(key: string, fn: (it: QueueItem) => QueueItem): Promise<void> {
    await this.locked(async () => {
      const it = await this.store.get(key);
      if (it) await this.store.put(fn(it));
    });
    await this.reload();
  }

  private async reload(): Promise<void> {
    const userId = this.userId;
    const all = userId === null ? [] : await this.store.all();
    this.items = all.filter((i) => i.userId === userId).sort((a, b) => a.seq - b.seq);
    this.emit();
  }

  private emit(): void {
    this.snap = { items: this.items, sending: this.sending, lastDrainedAt: this.lastDrainedAt };
    for (const l of this.listeners) l();
  }
}

/** An in-memory store (tests; a browser without IndexedDB keeps the queue for the page's life). */
export function memoryStore(): OutboxStore & { data: Map<string, QueueItem> } {
  const data = new Map<string, QueueItem>();
  return {
    data,
    all: () => Promise.resolve([...data.values()]),
    get: (key) => Promise.resolve(data.get(key)),
    put: (item) => {
      data.set(item.key, { ...item, photos: [...item.photos] });
      return Promise.resolve();
    },
    remove: (key) => {
      data.delete(key);
      return Promise.resolve();
    },
  };
}
