import { describe, expect, it } from 'vitest';
import { currentStageKey } from './current-stage.ts';

const stages = [
  { key: 'signing' },
  { key: 'approval' },
  { key: 'energy', notApplicable: true },
  { key: 'land' },
  { key: 'permit' },
  { key: 'start' },
];
const of =
  (dates: Record<string, [string | null, string | null]>) =>
  (key: string): { start: string | null; finish: string | null } | undefined =>
    dates[key] ? { start: dates[key][0], finish: dates[key][1] } : undefined;

describe('current stage (当前工序)', () => {
  it('is the stage in progress', () => {
    expect(
      currentStageKey({
        stages,
        actual: of({ signing: ['2023-01-05', '2023-01-10'], approval: ['2023-02-01', null] }),
      }),
    ).toBe('approval');
  });
  it('is the latest started of several in progress, the later stage on the same day', () => {
    const actual = of({
      signing: ['2023-01-05', null],
      approval: ['2023-03-01', null],
      land: ['2023-02-10', null],
    });
    expect(currentStageKey({ stages, actual })).toBe('approval');
    const sameDay = of({ signing: ['2023-03-01', null], land: ['2023-03-01', null] });
    expect(currentStageKey({ stages, actual: sameDay })).toBe('land');
  });
  it('else is the first not started in template order, skipping what does not apply', () => {
    // signing and approval done, energy not applicable: land is next (permit's finish alone counts as done).
    const actual = of({
      signing: ['2023-01-05', '2023-01-10'],
      approval: ['2023-01-11', '2023-02-01'],
      permit: [null, '2023-02-20'],
    });
    expect(currentStageKey({ stages, actual })).toBe('land');
    expect(currentStageKey({ stages, actual: of({}) })).toBe('signing');
  });
  it('is null when every stage is done or there is none', () => {
    const done = Object.fromEntries(stages.map((s) => [s.key, ['2023-01-01', '2023-01-02']])) as Record<
      string,
      [string, string]
    >;
    expect(currentStageKey({ stages, actual: of(done) })).toBeNull();
    expect(currentStageKey({ stages: [], actual: of({}) })).toBeNull();
  });
});
