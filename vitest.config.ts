import { defineConfig } from 'vitest/config';

// Domain unit tests and server API/repository tests. Browser tests are Playwright's (e2e/).
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
