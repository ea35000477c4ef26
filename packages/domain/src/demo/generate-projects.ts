/**
 * A fast deterministic project generator for benchmarks and load tests: any
 * number of projects with unique names, spread over the given regions and people.
 */
import { addMonths } from '../dates.ts';
import { natures } from '../vocabulary.ts';
import type { Category, Level } from '../vocabulary.ts';
import { createRandom, type Random } from './random.ts';
import type { DemoProject, DemoProjectYear } from './types.ts';

const industries = [
  '先进制造',
  '新能源',
  '现代农业',
  '商贸物流',
  '文化旅游',
  '城市更新',
  '交通',
  '教育',
  '医疗卫生',
  '水利',
  '民生',
];
const qualifiers = ['智能', '绿色', '高端', '数字', '现代', '生态', '综合', '新型', '特色', '精密'];
const subjects = [
  '装备制造',
  '新材料',
  '食品加工',
  '仓储物流',
  '光伏发电',
  '储能',
  '文旅融合',
  '片区更新',
  '道路提升',
  '学校',
  '医院',
  '供水',
  '污水处理',
  '农产品加工',
  '电商',
];
const kinds = ['产业园', '基地', '中心', '工程', '示范区', '综合体', '生产线'];

/** Generates `count` deterministic projects with unique names for benchmarks (50,000 in well under a second). */
export function generateProjects(
  count: number,
  seed: number,
  regionKeys: string[],
  leaderUsernames: string[],
  taskForceUsernames: string[],
  departmentKeys: string[],
): DemoProject[] {
  if (regionKeys.length === 0) throw new RangeError('generateProjects needs at least one region key');
  const rng = createRandom(seed);
  const width = Math.max(6, String(count).length);
  // Precomputed strings keep the loop allocation-light: with 50,000 live objects the collector dominates.
  const months = Array.from({ length: 12 }, (_, m) => `2023-${String(m + 1).padStart(2, '0')}`);
  const finishes = months.map((month) => Array.from({ length: 25 }, (_, k) => addMonths(month, 12 + k)));
  const days = Array.from({ length: 28 }, (_, d) => String(d + 1).padStart(2, '0'));
  const projects: DemoProject[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng.next();
    const level: Level = r < 0.06 ? 'province' : r < 0.26 ? 'city' : 'county';
    const category: Category = rng.chance(0.8) ? 'implementation' : 'reserve';
    const total = rng.int(5, 5_000) * 1_000_000;
    const month = rng.int(0, 11);
    const startMonth = months[month]!;
    const actualStart =
      category === 'implementation' && rng.chance(0.78) ? `${startMonth}-${rng.pick(days)}` : null;
    const annualPlan =
      Math.round((total * (category === 'reserve' ? 0.05 : rng.between(0.2, 0.6))) / 10_000) * 10_000;
    const current: DemoProjectYear = { year: 2023, level, category, annualPlan };
    const serial = String(i + 1).padStart(width, '0');
    projects.push({
      // Region 371400 (德州市本级) so that generated codes never collide with the 乐陵 demo's 371481.
      code:
        i < 999_999 && rng.chance(0.6)
          ? `23${startMonth.slice(5)}-371400-${rng.int(10, 99)}-03-${serial.slice(-6)}`
          : null,
      name: `${rng.pick(qualifiers)}${rng.pick(subjects)}${rng.pick(kinds)}项目（G${serial}）`,
      nature: rng.pick(natures),
      industry: rng.pick(industries),
      ownerUnit: null,
      regionKey: rng.pick(regionKeys),
      address: null,
      longitude: Math.round((117.216 + rng.between(-0.2, 0.2)) * 1e6) / 1e6,
      latitude: Math.round((37.73 + rng.between(-0.15, 0.15)) * 1e6) / 1e6,
      content: null,
      totalInvestment: total,
      plannedStart: startMonth,
      plannedFinish: finishes[month]![rng.int(0, 24)]!,
      actualStart,
      statsIncluded: actualStart !== null,
      statsCode: null,
      statsDate: actualStart,
      leaderUsername: leaderUsernames.length === 0 ? null : rng.pick(leaderUsernames),
      taskForceUsernames: pickDistinct(rng, taskForceUsernames, rng.int(1, 3)),
      departmentKey: departmentKeys.length === 0 || rng.chance(0.4) ? null : rng.pick(departmentKeys),
      contactName: null,
      contactPhone: null,
      notes: null,
      years: rng.chance(0.3)
        ? [{ year: 2022, level, category, annualPlan: Math.round(annualPlan / 2) }, current]
        : [current],
    });
  }
  return projects;
}

/** Up to `n` distinct items, in pick order. */
function pickDistinct(rng: Random, items: readonly string[], n: number): string[] {
  const result: string[] = [];
  for (let k = 0; k < n && items.length > 0; k++) {
    const item = rng.pick(items);
    if (!result.includes(item)) result.push(item);
  }
  return result;
}
