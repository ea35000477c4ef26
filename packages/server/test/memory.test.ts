import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

const fixture = path.join(import.meta.dirname, 'fixtures/heap-growth.ts');

type Run = { maxHeapMiB: number; liveMiB: number; kept: number };
const run = (percent: number): Run =>
  JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', fixture, String(percent)], {
      encoding: 'utf8',
      timeout: 60_000,
    }),
  ) as Run;

describe('the heap growth limit (issue 11: server RSS)', () => {
  it('GUATU_HEAP_GROWTH_PERCENT: 50 unless set; 0 leaves it to V8; nonsense falls back to 50', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(50);
    expect(loadConfig({ GUATU_HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(loadConfig({ GUATU_HEAP_GROWTH_PERCENT: '100' }).heapGrowthPercent).toBe(100);
    expect(loadConfig({ GUATU_HEAP_GROWTH_PERCENT: '-5' }).heapGrowthPercent).toBe(50);
    expect(loadConfig({ GUATU_HEAP_GROWTH_PERCENT: 'lots' }).heapGrowthPercent).toBe(50);
  });

  it('set at run time, it keeps the heap near what is live: ≤ 1.5 × live + the young generation', () => {
    const v8Own = run(0);
    const limited = run(50);
    expect(limited.kept).toBe(400);
    // Both end with the same live data (300 arrays of 10,000 doubles = 22.9 MiB, plus the ring).
    expect(Math.abs(limited.liveMiB - v8Own.liveMiB)).toBeLessThan(5);
    // 1.5 × live for the old generation, plus up to 2 × 16 MiB of young generation and ~32 MiB of
    // code, large-object and map space: without the limit V8 let this workload grow to ~4× live.
    expect(limited.maxHeapMiB).toBeLessThanOrEqual(1.5 * limited.liveMiB + 64);
    expect(limited.maxHeapMiB).toBeLessThan(v8Own.maxHeapMiB);
  }, 120_000);
});
