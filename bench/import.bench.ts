// (c) Excel ledger: end-to-end import of a generated 10,000-row ledger through the API (upload +
// parse, preview, commit; goal ≤ 3 s on this machine), the same file again, and the export.
// The measurement runs in its own process (packages/server/test/fixtures/import-bench.ts).
import path from 'node:path';
import { ROOT, runToEnd, type BenchSection } from './lib.ts';

const ROWS = 10_000;

/** Prints the import time of a generated 10,000-row ledger and the export time. */
export async function run(rows = ROWS): Promise<void> {
  const script = path.join(ROOT, 'packages/server/test/fixtures/import-bench.ts');
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const r = await runToEnd(process.execPath, ['--import', 'tsx', script, String(rows)], env, 600_000);
  if (r.code !== 0) throw new Error(`import bench exited with ${r.code}:\n${r.output.slice(-3000)}`);
  process.stdout.write(r.output);
}

const section: BenchSection = {
  name: 'import',
  title: '(c) Excel ledger: import a 10,000-row ledger end to end (goal ≤ 3 s) and export it',
  run: (ctx) => run(ctx.numberOption('import-rows', ROWS)),
};
export default section;
