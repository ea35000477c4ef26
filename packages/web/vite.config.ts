import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * react-router's package exports send every bundler to its development build (extra checks and
 * warnings); the production build takes its production build (`vite dev` keeps the warnings).
 */
function reactRouterProduction(): Plugin {
  const pkg = createRequire(import.meta.url).resolve('react-router/package.json');
  return {
    name: 'guatu-react-router-production',
    apply: 'build',
    config: () => ({
      resolve: {
        alias: [
          { find: /^react-router$/, replacement: path.join(path.dirname(pkg), 'dist/production/index.mjs') },
        ],
      },
    }),
  };
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file of the build (once, at the
 * highest levels), so the server sends them with `Content-Encoding` instead of compressing per request.
 * A sibling is kept only when it is smaller than the file.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'guatu-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = fs
        .readdirSync(outDir, { recursive: true, encoding: 'utf8' })
        // not .vite/ (the manifest, read at build time only)
        .filter((f) => !f.startsWith('.vite') && /\.(js|mjs|css|html|svg|json|txt|ico|webmanifest)$/.test(f))
        .map((f) => path.join(outDir, f));
      await Promise.all(
        files.map(async (file) => {
          const data = fs.readFileSync(file);
          if (data.length < 256) return;
          const [br, gz] = await Promise.all([
            brotli(data, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
              },
            }),
            gzip(data, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          if (br.length < data.length) fs.writeFileSync(`${file}.br`, br);
          if (gz.length < data.length) fs.writeFileSync(`${file}.gz`, gz);
        }),
      );
    },
  };
}

/**
 * The installable app (issue 10, item 3: the report page works without signal): the web manifest
 * (start at 我的填报) and a service worker (Workbox, generated at build) that precaches the app shell
 * and every chunk, so the app opens offline after one online visit. API answers are never cached
 * by it (/api is network only; the report outbox keeps what waits in IndexedDB). Registered by
 * src/offline/register-sw.ts: no inline script, under the CSP's script-src 'self'. The server
 * sends /sw.js, /manifest.webmanifest and /icons/* from dist (packages/server/src/app.ts).
 */
const pwa = () =>
  VitePWA({
    injectRegister: null,
    registerType: 'autoUpdate',
    manifestFilename: 'manifest.webmanifest',
    includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon.png'],
    manifest: {
      name: '挂图作战 Guatu',
      short_name: '挂图作战',
      description: '重点项目挂图作战平台：月度调度填报（无网络时先保存在手机上）',
      lang: 'zh-CN',
      start_url: '/dispatch/my',
      scope: '/',
      display: 'standalone',
      theme_color: '#1f5fbf',
      background_color: '#ffffff',
      icons: [
        { src: '/icons/pwa-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icons/pwa-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icons/pwa-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
      globIgnores: ['**/*.br', '**/*.gz', '.vite/**'],
      navigateFallback: '/index.html',
      navigateFallbackDenylist: [/^\/api\//],
      // The largest chunks (antd, the dictionaries) are well under this.
      maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      inlineWorkboxRuntime: true,
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
      runtimeCaching: [],
    },
  });

export default defineConfig({
  plugins: [react(), reactRouterProduction(), pwa(), precompress()],
  build: {
    outDir: 'dist',
    // dist/.vite/manifest.json: the chunk graph, read by bench/bundle.bench.ts to weigh each route.
    manifest: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      treeshake: {
        // @rc-component/form (and its validator) declare no `sideEffects`, so every antd popup
        // (Select, Tooltip, Dropdown: antd's ContextIsolator imports the form context) kept the whole
        // form library: ≈ 12 kB gzip on the ledger, which has no form. Its modules only define things.
        moduleSideEffects: (id) =>
          /node_modules\/@rc-component\/(form|async-validator)\//.test(id) ? false : undefined,
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
