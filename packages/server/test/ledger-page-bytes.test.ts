import { describe, expect, it } from 'vitest';
import { PortfolioIndex, type PortfolioRow } from '../src/portfolio/portfolio-index.ts';
import { ledgerPageBytes } from '../src/services/ledger-page-bytes.ts';
import type { ProjectGrant } from '../src/policies/project.policy.ts';

// GET /api/projects sends each row's JSON encoded once and kept (ledger-page-bytes.ts): the bytes
// must be exactly JSON.stringify of the LedgerPage the index gives, for any page, and a row's
// kept bytes must follow the day (started) and a change (a new row object).

const NAMES = ['精密新材料基地项目', 'Alpha "大道"', 'back\\slash', 'line\u2028sep', '😀 emoji', 'tab\there'];
const DATES = [null, '2025-12-31', '2026-03', '2026-06-15', '2026-11-25', '2027-02-01'];

function rowOf(id: number): PortfolioRow {
  const pick = <T>(list: readonly T[], k: number): T => list[(id * 7 + k) % list.length]!;
  return {
    id,
    name: `${pick(NAMES, 0)} ${id}`,
    code: id % 5 === 0 ? null : `2305-371400-${id}`,
    ownerUnit: id % 3 === 0 ? null : '乐陵市城投',
    regionId: 1 + (id % 3),
    regionPath: `/1/${1 + (id % 3)}/`,
    regionName: pick(['乐陵市', '市中街道', '郑店镇'], 1),
    nature: pick(['new', 'continuing'], 2),
    level: pick(['province', 'city', 'county'], 3),
    category: pick(['implementation', 'reserve'], 4),
    industry: pick(['工业', null, '交通'], 5),
    totalInvestment: id * 1_000_003,
    annualPlan: id * 10_007,
    plannedStart: pick(DATES, 6),
    plannedFinish: pick(DATES, 7),
    actualStart: pick(DATES, 8),
    startedUndated: id % 11 === 0,
    statsIncluded: id % 2 === 0,
    leaderId: id % 4 === 0 ? null : 10 + (id % 4),
    leaderName: id % 4 === 0 ? null : '张三',
    departmentId: id % 6 === 0 ? null : 20,
    departmentName: id % 6 === 0 ? null : '发改局',
    archived: id % 13 === 0,
    updatedAt: '2026-11-01T00:00:00.000Z',
    version: 1 + (id % 9),
    memberIds: [],
  };
}

const grants: ProjectGrant[] = [{ kind: 'region', path: '/1/' }];

function expected(
  index: PortfolioIndex,
  year: number,
  today: string,
  q: Parameters<typeof ledgerPageBytes>[4],
) {
  const filter = { archived: 'no' as const, today };
  const { items, total } = index.ledgerPage(filter, grants, q);
  return JSON.stringify({ year, items, total, page: q.page, pageSize: q.pageSize });
}

describe('ledger page bytes', () => {
  const rows = Array.from({ length: 240 }, (_, i) => rowOf(i + 1));
  const index = new PortfolioIndex(rows);
  const sorts = ['level', 'name', 'totalInvestment', 'plannedStart', 'actualStart', 'updatedAt'] as const;

  it('writes exactly JSON.stringify of the LedgerPage, for every sort, order and page, twice (kept bytes)', () => {
    for (const sort of sorts)
      for (const order of ['asc', 'desc'] as const)
        for (const [page, pageSize] of [
          [1, 20],
          [3, 50],
          [12, 20],
          [99, 20],
        ] as const)
          for (let round = 0; round < 2; round++) {
            const q = { sort, order, page, pageSize };
            const filter = { archived: 'no' as const, today: '2026-11-29' };
            const got = ledgerPageBytes(index, 2026, filter, grants, q);
            expect(got.toString('utf8')).toBe(expected(index, 2026, '2026-11-29', q));
          }
  });

  it('a page past the end is an empty list with the total', () => {
    const q = { sort: 'level' as const, order: 'asc' as const, page: 99, pageSize: 20 };
    const got = JSON.parse(
      ledgerPageBytes(index, 2026, { archived: 'no', today: '2026-11-29' }, grants, q).toString('utf8'),
    );
    expect(got).toEqual({ year: 2026, items: [], total: 222, page: 99, pageSize: 20 });
  });

  it("a row's kept bytes follow the day: started turns true on its actual start", () => {
    const one = new PortfolioIndex([{ ...rowOf(1), actualStart: '2026-06-15', startedUndated: false }]);
    const q = { sort: 'level' as const, order: 'asc' as const, page: 1, pageSize: 20 };
    const read = (today: string) =>
      JSON.parse(ledgerPageBytes(one, 2026, { archived: 'all', today }, grants, q).toString('utf8')).items[0]
        .started;
    expect(read('2026-06-14')).toBe(false);
    expect(read('2026-06-15')).toBe(true);
    expect(read('2026-06-14')).toBe(false);
  });

  it('a changed project (a new row object in a new index) is written anew', () => {
    const q = { sort: 'level' as const, order: 'asc' as const, page: 1, pageSize: 20 };
    const f = { archived: 'all' as const, today: '2026-11-29' };
    const before = new PortfolioIndex([rowOf(1)]);
    expect(ledgerPageBytes(before, 2026, f, grants, q).toString('utf8')).toContain('"version":2');
    const after = new PortfolioIndex([{ ...rowOf(1), name: '改名 "新"', version: 3 }]);
    const text = ledgerPageBytes(after, 2026, f, grants, q).toString('utf8');
    expect(text).toBe(expected(after, 2026, '2026-11-29', q));
    expect(JSON.parse(text).items[0]).toMatchObject({ name: '改名 "新"', version: 3 });
  });
});
