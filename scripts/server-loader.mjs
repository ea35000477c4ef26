#!/usr/bin/env node
// packages/server/dist/cli.mjs (copied there by scripts/build-server.mjs): runs the built server
// (server.cjs, one CommonJS bundle) through V8's code cache (issue 11: start-up). Node 20 has no
// compile cache for modules (module.enableCompileCache came with Node 22.1), and compiling the
// 6 MB bundle and the functions a start runs was about a third of the start; with the cache V8
// takes their bytecode as it was. `serve` writes the cache a few seconds after it started (or at
// exit if sooner), when the file holds no cache V8 accepts; V8 rejects a cache of another build,
// Node or V8 flags (it is then written again), and its name carries the build's mtime and size
// and a hash of node's flags.
// Every other command reads it only. Without it (first start, read-only dist) the server runs
// the same, compiled from the source. Stack traces through the bundle name the TypeScript
// sources (server.cjs.map, read on the first stack that needs it).
import { isAscii } from 'node:buffer';
import fs from 'node:fs';
import { createRequire, SourceMap } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

const dir = import.meta.dirname;
const file = path.join(dir, 'server.cjs');
// The build writes ASCII only: read as Latin-1 (a one-byte string, no UTF-8 decoding). The
// hashbang (kept by esbuild from cli.ts) is not JavaScript inside the wrapper: a comment instead,
// the lines as they are (the source map's). Wrapped here rather than written wrapped by the
// build: compiled from the string as read (6 MB, which Node keeps outside V8's heap) instead of
// this flat copy, the bundle's evaluation measured ~30 ms slower.
const bytes = fs.readFileSync(file);
const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8').replace(/^#!/, '//');
const stat = fs.statSync(file);
// V8 takes a cache only under the flags it was made with: servers started with other node flags
// (NODE_OPTIONS, a profiler, a heap size) each keep their own cache, named by a hash of the
// flags, instead of rejecting and rewriting one another's.
const flags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
let flagHash = 5381;
for (let i = 0; i < flags.length; i++) flagHash = (Math.imul(flagHash, 33) + flags.charCodeAt(i)) >>> 0;
const build = `server.cjs.${Math.trunc(stat.mtimeMs)}-${stat.size}-${process.version}-${process.arch}`;
const cacheName = `${build}-${flagHash.toString(36)}.v8-cache`;
const cacheFile = path.join(dir, cacheName);
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}

// V8 takes a code cache only under the V8 flags it was made with. `serve` sets
// --heap-growing-percent (packages/server/src/memory.ts) once it listens, so the cache it writes
// carries that flag: set here too while the bundle is compiled, by the same rule (config.ts:
// GUATU_HEAP_GROWTH_PERCENT, 0 = V8's own, default 50), or no start would take the cache; then back
// to V8's own until the server sets it (the bundle's evaluation under it took ~80 ms more, its
// collections started early).
const growth = process.env.GUATU_HEAP_GROWTH_PERCENT;
const growthNumber = growth === undefined || growth === '' ? NaN : Number(growth);
const growthPercent =
  growth === '0' || `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`.includes('heap-growing')
    ? 0
    : Number.isInteger(growthNumber) && growthNumber > 0
      ? growthNumber
      : 50;
if (growthPercent > 0) v8.setFlagsFromString(`--heap-growing-percent=${growthPercent}`);

// CommonJS's own wrapper, on the first line: the bundle's other lines keep their numbers.
const PREFIX = '(function (exports, require, module, __filename, __dirname) { ';
const script = new vm.Script(`${PREFIX}${source}\n})`, {
  filename: file,
  cachedData,
});
if (growthPercent > 0) v8.setFlagsFromString('--heap-growing-percent=0');
const accepted = cachedData !== undefined && !script.cachedDataRejected;
if (process.env.GUATU_DEBUG_CODE_CACHE === '1')
  console.error(
    `[guatu] code cache ${cachedData === undefined ? 'none' : accepted ? 'used' : 'rejected'}: ${cacheFile}`,
  );

let saved = accepted || process.argv[2] !== 'serve';
const save = () => {
  if (saved) return;
  saved = true;
  try {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, cacheFile); // atomic: another server reading it sees the old or the new
    for (const f of fs.readdirSync(dir))
      if (f.startsWith('server.cjs.') && f.endsWith('.v8-cache') && !f.startsWith(`${build}-`))
        fs.rmSync(path.join(dir, f), { force: true });
  } catch {
    // A read-only dist: no cache, the next start compiles again.
  }
};
if (!saved) {
  setTimeout(save, 5000).unref();
  process.once('exit', save);
}

// Stack frames in server.cjs are given their TypeScript source, line and column.
let map;
const original = (site) => {
  if (site.getFileName() !== file) return null;
  map ??= new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
  const line = site.getLineNumber() - 1;
  const column = site.getColumnNumber() - 1 - (line === 0 ? PREFIX.length : 0);
  const entry = map.findEntry(line, column);
  if (!entry?.originalSource) return null;
  const where = `${path.resolve(dir, entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  const name = site.getFunctionName();
  const type = site.getTypeName();
  const method = site.getMethodName();
  const call =
    name && type && method && !site.isToplevel() && name !== method
      ? `${type}.${name} [as ${method}]`
      : name && type && !site.isToplevel() && !site.isConstructor()
        ? `${type}.${name}`
        : name;
  return `${site.isAsync() ? 'async ' : ''}${site.isConstructor() ? 'new ' : ''}${call ? `${call} (${where})` : where}`;
};
Error.prepareStackTrace = (error, sites) => {
  let head;
  try {
    head = Error.prototype.toString.call(error);
  } catch {
    head = '<error>';
  }
  const lines = sites.map((site) => {
    try {
      return `    at ${original(site) ?? String(site)}`;
    } catch {
      return `    at ${String(site)}`;
    }
  });
  return [head, ...lines].join('\n');
};

// `require('lazy:<id>')` (scripts/build-server.mjs, LAZY_BUILTINS): the built-in module <id>,
// loaded when a property of it is first read.
const nodeRequire = createRequire(file);
const lazyModule = (id) => {
  let real;
  const load = () => (real ??= nodeRequire(id));
  return new Proxy(
    {},
    {
      get: (_, key) => load()[key],
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(load(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
};
const lazyModules = new Map();
const require = Object.assign((id) => {
  if (typeof id !== 'string' || !id.startsWith('lazy:')) return nodeRequire(id);
  if (!lazyModules.has(id)) lazyModules.set(id, lazyModule(id.slice('lazy:'.length)));
  return lazyModules.get(id);
}, nodeRequire);
const module = { exports: {} };
script.runInThisContext().call(module.exports, module.exports, require, module, file, dir);
