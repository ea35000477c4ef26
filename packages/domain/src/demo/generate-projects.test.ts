import { describe, expect, it } from 'vitest';
import { generateProjects } from './generate-projects.ts';

const args = [
  ['r1', 'r2', 'r3'],
  ['leader1', 'leader2'],
  ['tf01', 'tf02', 'tf03'],
  ['zrzy', 'zjj'],
] as const;
const generate = (count: number, seed: number) =>
  generateProjects(count, seed, [...args[0]], [...args[1]], [...args[2]], [...args[3]]);

describe('generateProjects', () => {
  it('is deterministic per seed', () => {
    expect(generate(200, 7)).toEqual(generate(200, 7));
    expect(generate(200, 8)).not.toEqual(generate(200, 7));
  });

  it('generates 50,000 projects fast, with unique names and codes', () => {
    const started = Date.now();
    const projects = generate(50_000, 1);
    // About 0.3 s on a 2-core machine; the bound leaves room for a loaded CI runner.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(projects).toHaveLength(50_000);
    expect(new Set(projects.map((p) => p.name)).size).toBe(50_000);
    const codes = projects.flatMap((p) => (p.code === null ? [] : [p.code]));
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes.slice(0, 1000)) expect(code).toMatch(/^[0-9A-Za-z-]{24}$/);
  });

  it('uses only the given regions, people and departments', () => {
    for (const p of generate(300, 3)) {
      expect(args[0]).toContain(p.regionKey);
      expect(args[1]).toContain(p.leaderUsername);
      expect(p.taskForceUsernames.length).toBeGreaterThanOrEqual(1);
      for (const tf of p.taskForceUsernames) expect(args[2]).toContain(tf);
      if (p.departmentKey !== null) expect(args[3]).toContain(p.departmentKey);
      const current = p.years.find((y) => y.year === 2023)!;
      if (current.category === 'reserve') expect(p.actualStart).toBeNull();
      expect(current.annualPlan).toBeLessThanOrEqual(p.totalInvestment);
    }
  });
});
