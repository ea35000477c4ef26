/**
 * GET /api/war-chart in the web app's binary form (issue 11, contracts/war-chart-binary.ts): asked
 * for with `Accept: application/vnd.guatu.war-chart+bin`, the same chart as the JSON answer —
 * decoded, field for field what JSON.parse gives — for every grouping, filters, readers of other
 * scopes and an empty chart; after a rename (names with quotes, emoji and CJK) both forms show the
 * new name; every other request gets the JSON as before.
 */
import { gunzipSync } from 'node:zlib';
import {
  decodeWarChartBinary,
  isWarChartBinary,
  WAR_CHART_BINARY_TYPE,
  type WarChartDto,
} from '@guatu/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

const BINARY = { accept: WAR_CHART_BINARY_TYPE };

/** The decoded binary chart with plain arrays, as JSON.parse gives it. */
function plain(bytes: Uint8Array): WarChartDto {
  const b = decodeWarChartBinary(bytes);
  return {
    ...b,
    projects: {
      ids: Array.from(b.projects.ids),
      names: b.projects.names,
      group: Array.from(b.projects.group),
    },
    cells: Array.from(b.cells),
  };
}

describeEngines('war chart API, binary form', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
  });
  afterAll(() => ctx.close());

  /** Both forms of one request: the JSON (as parsed) and the binary's bytes (gunzipped if need be). */
  const both = async (qs: string, s = admin) => {
    const json = await call(ctx.app, s, 'GET', `/api/war-chart?${qs}`);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const bin = await call(ctx.app, s, 'GET', `/api/war-chart?${qs}`, undefined, {
      ...BINARY,
      'accept-encoding': 'gzip, deflate, br',
    });
    expect(bin.statusCode, bin.body).toBe(200);
    const raw = bin.headers['content-encoding'] === 'gzip' ? gunzipSync(bin.rawPayload) : bin.rawPayload;
    return { json: json.json() as WarChartDto, bin, bytes: new Uint8Array(raw) };
  };

  it('is the JSON chart, decoded, for each grouping and filter', async () => {
    for (const qs of [
      'year=2023',
      'year=2023&groupBy=town',
      'year=2023&groupBy=leader',
      'year=2023&groupBy=department',
      'year=2023&category=reserve',
      'year=2024&groupBy=town&archived=no',
    ]) {
      const { json, bin, bytes } = await both(qs);
      expect(bin.headers['content-type']).toBe(WAR_CHART_BINARY_TYPE);
      expect(String(bin.headers.vary)).toBe('accept, accept-encoding');
      expect(isWarChartBinary(bytes)).toBe(true);
      expect(plain(bytes), qs).toEqual(json);
    }
    const all = await both('year=2023');
    expect(all.json.projects.ids).toHaveLength(103);
    expect(all.json.stages).toHaveLength(19);
    // one byte a cell, four an id, instead of the digits and commas of the JSON
    expect(all.bytes.length).toBeLessThan(Buffer.byteLength(JSON.stringify(all.json)));
  });

  it('is the JSON chart for readers of other scopes, and for an empty chart', async () => {
    const fgj = await login(ctx.app, 'fgj');
    const tf = await login(ctx.app, 'tf07');
    for (const [s, qs] of [
      [fgj, 'year=2023'],
      [tf, 'year=2023&groupBy=leader'],
      [admin, 'year=2023&q=no-such-project-anywhere'],
    ] as const) {
      const { json, bytes } = await both(qs, s);
      expect(plain(bytes)).toEqual(json);
    }
    const empty = await both('year=2023&q=no-such-project-anywhere');
    expect(empty.json.projects.ids).toEqual([]);
    expect(plain(empty.bytes).cells).toEqual([]);
  });

  it('shows a renamed project under its new name in both forms', async () => {
    const before = await both('year=2023');
    const id = before.json.projects.ids[7]!;
    const name = '新名"项目" 🚧 ],} \\ 中心';
    await ctx.handle.db.updateTable('projects').set({ name }).where('id', '=', id).execute();
    const after = await both('year=2023');
    expect(plain(after.bytes)).toEqual(after.json);
    const decoded = decodeWarChartBinary(after.bytes);
    expect(decoded.projects.names[decoded.projects.ids.indexOf(id)]).toBe(name);
  });

  it('keeps the JSON for every other client', async () => {
    for (const accept of ['application/json', '*/*', 'application/vnd.guatu.war-chart+binary']) {
      const res = await call(ctx.app, admin, 'GET', '/api/war-chart?year=2023', undefined, { accept });
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect((res.json() as WarChartDto).projects.ids).toHaveLength(103);
    }
  });
});
