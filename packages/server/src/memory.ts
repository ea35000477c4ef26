import v8 from 'node:v8';

/**
 * How far V8 lets the JavaScript heap grow past what was live at the last full collection before it
 * collects again (issue 11: server RSS ≤ 500 MiB with 50,000 projects). V8 picks the factor itself,
 * up to 4× when a process allocates fast and may use gigabytes: a server whose live heap is ~150 MiB
 * (two years' portfolios, the war chart) then sat at 450–600 MiB of RSS after a burst of list
 * requests, a war chart computed or an export, most of it garbage not yet collected. A fixed factor
 * of 1 + percent/100 keeps the heap near what is live; the collections it adds are mostly done
 * concurrently on another core. Set once, before the first large allocation (`serve`).
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
