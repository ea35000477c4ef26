/** Structural checks of a stage list: keys, durations, predecessors and cycles. */
import { ScheduleError } from './schedule-error.ts';
import type { StageDef } from './stage-types.ts';

/** Throws a ScheduleError naming the stages when the list has a duplicate, a bad number, an unknown predecessor or a cycle. */
export function validateStages(stages: readonly StageDef[]): void {
  const byKey = new Map<string, StageDef>();
  for (const s of stages) {
    if (byKey.has(s.key))
      throw new ScheduleError('duplicate_stage', `工序重复：${s.name}（${s.key}）`, [s.key], {
        stage: s.name,
        key: s.key,
      });
    byKey.set(s.key, s);
    if (!Number.isInteger(s.duration) || s.duration < 0) {
      throw new ScheduleError(
        'invalid_stage',
        `工序「${s.name}」的工期应为非负整数个工作日：${s.duration}`,
        [s.key],
        { variant: 'bad_duration', stage: s.name, duration: String(s.duration) },
      );
    }
  }
  for (const s of stages) {
    for (const dep of s.deps) {
      const pred = byKey.get(dep.stage);
      if (!pred) {
        throw new ScheduleError(
          'unknown_stage',
          `工序「${s.name}」的前置工序「${dep.stage}」不存在`,
          [s.key, dep.stage],
          { variant: 'unknown_dependency', stage: s.name, dep: dep.stage },
        );
      }
      if (!Number.isInteger(dep.lag) || (dep.type !== 'FS' && dep.type !== 'SS')) {
        throw new ScheduleError(
          'invalid_stage',
          `工序「${s.name}」对「${pred.name}」的依赖无效（${dep.type}，间隔 ${dep.lag}）`,
          [s.key, dep.stage],
          {
            variant: 'bad_dependency',
            stage: s.name,
            dep: pred.name,
            type: String(dep.type),
            lag: String(dep.lag),
          },
        );
      }
    }
  }
  const cycle = findCycle(stages);
  if (cycle) {
    const names = cycle.map((key) => byKey.get(key)!.name);
    throw new ScheduleError('cycle', `工序存在循环依赖：${names.join(' → ')}`, cycle, {
      stages: names.join(' → '),
    });
  }
}

// Depth-first search along predecessor → dependant edges; a grey node met again closes a cycle,
// returned in dependency order with its first stage repeated at the end.
function findCycle(stages: readonly StageDef[]): string[] | null {
  const dependants = new Map<string, string[]>(stages.map((s) => [s.key, []]));
  for (const s of stages) for (const dep of s.deps) dependants.get(dep.stage)?.push(s.key);
  const colour = new Map<string, 'grey' | 'black'>();
  const path: string[] = [];
  const visit = (key: string): string[] | null => {
    colour.set(key, 'grey');
    path.push(key);
    for (const next of dependants.get(key) ?? []) {
      const c = colour.get(next);
      if (c === 'grey') return [...path.slice(path.indexOf(next)), next];
      if (c === undefined) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    colour.set(key, 'black');
    return null;
  };
  for (const s of stages) {
    if (colour.has(s.key)) continue;
    const found = visit(s.key);
    if (found) return found;
  }
  return null;
}
