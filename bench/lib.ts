// Shared helpers for the benchmarks: child processes, ports, temporary directories, HTTP, tables.
// Benchmarks only talk to 127.0.0.1 and print figures; they assert nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HOST = '127.0.0.1';
export const SERVER_CLI = path.join(ROOT, 'packages/server/src/cli.ts');

/** What a benchmark section file (`bench/<name>.bench.ts`) exports as default. */
export interface BenchSection {
  /** Short name used by `--only`. */
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<void>;
}

export interface BenchContext {
  /** Parsed `--key value` / `--flag` options from the command line. */
  options: Record<string, string | true>;
  /** A fresh temporary directory, removed at the end unless `--keep`. */
  tmpDir(prefix: string): string;
  numberOption(name: string, fallback: number): number;
}

// ---- cleanup ---------------------------------------------------------------------------------

const cleanups: (() => void)[] = [];
/** Register a synchronous cleanup, run once at the end, on error, on Ctrl-C or on the time limit. */
export function onCleanup(fn: () => void): void {
  cleanups.push(fn);
}
export function runCleanups(): void {
  while (cleanups.length > 0) {
    const fn = cleanups.pop()!;
    try {
      fn();
    } catch {
      // best effort
    }
  }
}

export function makeTmpDir(prefix: string, keep: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `guatu-bench-${prefix}-`));
  if (!keep) onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// ---- processes -------------------------------------------------------------------------------

/** The bench admin's password (GUATU_BENCH_ADMIN_PASSWORD overrides it). */
export const BENCH_PASSWORD = process.env.GUATU_BENCH_ADMIN_PASSWORD ?? 'Bench@12345';

/**
 * The environment of a bench server on a SQLite data directory: the bench admin, no second factor
 * (the benchmarks measure the API, not the officers' TOTP), no demo loaded at start, production.
 */
export function benchEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  return serverEnv({
    GUATU_DATA_DIR: dataDir,
    GUATU_DEMO: '0',
    GUATU_ADMIN_PASSWORD: BENCH_PASSWORD,
    GUATU_MFA_REQUIRED: '0',
    PORT: String(port),
    HOST,
    NODE_ENV: 'production',
  });
}

/** Environment for the server: this process's, minus any database URL (benchmarks use SQLite files). */
export function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  delete env.GUATU_TEST_PG_URL;
  return env;
}

export interface Spawned {
  child: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
  /** SIGTERM the whole process group, SIGKILL after `graceMs`; resolves when it is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawn a long-running process in its own process group (so that grandchildren, e.g. what
 * scripts/start.mjs starts, are stopped with it), its output going to a log file.
 */
export function spawnLogged(cmd: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Spawned {
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', fd, fd], detached: true });
  fs.closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let alive = true;
  void exited.then(() => {
    alive = false;
  });
  const killGroup = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  onCleanup(() => {
    if (alive) killGroup('SIGKILL');
  });
  return {
    child,
    logFile,
    exited,
    async stop(graceMs = 10_000) {
      if (!alive) return;
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      killGroup('SIGKILL'); // stragglers in the group
    },
  };
}

/** The SQLite file of a data directory (`guatu.db` in it, or in its `data/`), if there is one. */
export function sqliteFile(dataDir: string): string | null {
  for (const f of [path.join(dataDir, 'guatu.db'), path.join(dataDir, 'data', 'guatu.db')]) {
    if (fs.existsSync(f)) return f;
  }
  return null;
}

/** Size in MiB of the SQLite file with its WAL, or null. */
export function sqliteMiB(dataDir: string): number | null {
  const f = sqliteFile(dataDir);
  if (!f) return null;
  let bytes = fs.statSync(f).size;
  if (fs.existsSync(`${f}-wal`)) bytes += fs.statSync(`${f}-wal`).size;
  return bytes / 1048576;
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export interface RunResult {
  code: number | null;
  output: string;
  ms: number;
}

/** Run a command to completion (bounded by `timeoutMs`), capturing its output. */
export function runToEnd(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  echo = false,
): Promise<RunResult> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const chunks: Buffer[] = [];
    const collect = (b: Buffer): void => {
      chunks.push(b);
      if (echo) process.stdout.write(b);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const kill = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    };
    onCleanup(kill);
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`timed out after ${timeoutMs} ms: ${cmd} ${args.join(' ')}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 });
    });
  });
}

/** `tsx packages/server/src/cli.ts ...args`, in one node process (node --import tsx). */
export function cliArgs(...args: string[]): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', SERVER_CLI, ...args]];
}

/** The built server, what `npm start` serves (scripts/build-server.mjs). */
export const BUILT_CLI = path.join(ROOT, 'packages/server/dist/cli.mjs');
let built: Promise<number> | null = null;

/**
 * `node packages/server/dist/cli.mjs …`, the server built from the current sources first (once
 * per bench run): timings are of what a deployment runs, not of tsx.
 */
export async function builtServerArgs(...args: string[]): Promise<[string, string[]]> {
  built ??= import(pathToFileURL(path.join(ROOT, 'scripts/build-server.mjs')).href).then(
    (m: { buildServer: () => Promise<number> }) => m.buildServer(),
  );
  const ms = await built;
  if (ms >= 0) console.log(`  (server built into packages/server/dist in ${Math.round(ms)} ms)`);
  built = Promise.resolve(-1);
  return [process.execPath, [BUILT_CLI, ...args]];
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  const [cmd, argv] = cliArgs(...args);
  const r = await runToEnd(cmd, argv, env, timeoutMs);
  if (r.code !== 0) {
    throw new Error(`guatu ${args.join(' ')} exited with ${r.code}:\n${r.output.slice(-3000)}`);
  }
  return r;
}

export function serverCliExists(): boolean {
  return fs.existsSync(SERVER_CLI);
}

// ---- network ---------------------------------------------------------------------------------

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Poll `url` until it answers 200; returns the milliseconds since `since` (a performance.now()).
 * Fails early when `exited` settles first.
 */
export async function waitFor200(
  url: string,
  opts: {
    since: number;
    timeoutMs: number;
    exited?: Promise<unknown>;
    logFile?: string;
    intervalMs?: number;
  },
): Promise<number> {
  let gone = false;
  void opts.exited?.then(() => {
    gone = true;
  });
  const interval = opts.intervalMs ?? 20;
  for (;;) {
    if (gone) {
      throw new Error(
        `server exited before ${url} answered 200${opts.logFile ? `:\n${tail(opts.logFile)}` : ''}`,
      );
    }
    if (performance.now() - opts.since > opts.timeoutMs) {
      throw new Error(
        `no 200 from ${url} within ${opts.timeoutMs} ms${opts.logFile ? `:\n${tail(opts.logFile)}` : ''}`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - opts.since;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Log in through the API; returns the Cookie header to send (all cookies set by the response). */
export async function login(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`login as ${username} failed: HTTP ${res.status} ${text.slice(0, 500)}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!.trim());
  if (!cookies.some((c) => c.startsWith('guatu_session='))) {
    throw new Error(
      `login answered ${res.status} but set no guatu_session cookie (got: ${cookies.join(', ')})`,
    );
  }
  return cookies.join('; ');
}

// ---- load ------------------------------------------------------------------------------------

export interface LoadFigures {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
  mbPerSec: number;
}

export async function load(
  label: string,
  url: string,
  opts: { connections: number; durationS: number; headers?: Record<string, string>; warmupS?: number },
): Promise<LoadFigures> {
  const base = { url, connections: opts.connections, headers: opts.headers ?? {} };
  if (opts.warmupS && opts.warmupS > 0) await autocannon({ ...base, duration: opts.warmupS });
  const r = await autocannon({ ...base, duration: opts.durationS });
  return {
    label,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    total: r.requests.total,
    mbPerSec: r.throughput.average / 1024 / 1024,
  };
}

// ---- output ----------------------------------------------------------------------------------

/** Display width, counting CJK as two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = rows.map((r) => r.map((c) => String(c)));
  const widths = header.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i] ?? ''))));
  const fmt = (r: string[]): string =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(widths[i]! - width(c));
        return i === 0 ? c + pad : pad + c; // first column left, figures right
      })
      .join('  ');
  console.log(`\n${title}`);
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells) console.log(fmt(r));
}

export const fmtMs = (ms: number): string =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Resident memory of every process in a process group, in MiB (Linux /proc), or NaN. */
export function groupRssMiB(pgid: number | undefined): number {
  if (pgid === undefined) return Number.NaN;
  let kb = 0;
  try {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[2]) !== pgid) continue; // field 5: pgrp
        const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
        const m = /VmRSS:\s+(\d+) kB/.exec(status);
        if (m) kb += Number(m[1]);
      } catch {
        // process ended meanwhile
      }
    }
  } catch {
    return Number.NaN;
  }
  return kb / 1024;
}

// ---- Chromium ------------------------------------------------------------------------------------

/** Debian's Chromium, headless, as the browser benchmarks drive it. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---- the built server ------------------------------------------------------------------------

/** The built server on a data directory, answering, with the admin signed in. */
export async function serveBuilt(
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<{ server: Spawned; base: string; cookie: string }> {
  const [cmd, args] = await builtServerArgs('serve');
  const t0 = performance.now();
  const server = spawnLogged(cmd, args, env, logFile);
  const base = `http://${HOST}:${env.PORT}`;
  try {
    await waitFor200(`${base}/api/health`, {
      since: t0,
      timeoutMs: 120_000,
      exited: server.exited,
      logFile: server.logFile,
    });
    const cookie = await login(base, process.env.GUATU_BENCH_USERNAME ?? 'admin', BENCH_PASSWORD);
    return { server, base, cookie };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

// ---- province scale (issue 11) -----------------------------------------------------------------

/** One line of `npm run bench -- --only province`: the figure, the goal and whether it was met. */
export interface GoalRow {
  /** What was measured, e.g. 'war-chart API, all projects (median)'. */
  target: string;
  /** The measured figure as printed, e.g. '212 ms (5.4 MB)'. */
  figure: string;
  /** The goal as printed, e.g. '≤ 300 ms'. */
  goal: string;
  met: boolean;
}

/**
 * The server the province section measures: the built server (packages/server/dist/cli.mjs)
 * serving one seeded data directory (~50,000 generated projects in the 2023 list + the 乐陵 demo),
 * signed in as the province admin. Row functions (`provinceRows` exported by a bench file) read
 * through it and must not change data other rows read (exports and reads only).
 */
export interface ProvinceServer {
  base: string;
  /** Cookie header of the signed-in admin (no second factor: GUATU_MFA_REQUIRED=0). */
  cookie: string;
  /** CSRF token of that session, for the few POSTs a row may need. */
  csrf?: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Process group of the server, for RSS (groupRssMiB). */
  pgid: number | undefined;
  projects: number;
  ctx: BenchContext;
}

/** What a bench file exports for the province section. */
export type ProvinceRows = (server: ProvinceServer) => Promise<GoalRow[]>;
