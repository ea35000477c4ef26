/**
 * Per-project edits of a template. A project stores its template key and a list of edits, so
 * undoing an edit is removing it from the list and applying the rest again.
 */
import { ScheduleError } from './schedule-error.ts';
import type { StageDef, StageDependency, StageTemplate } from './stage-types.ts';
import { validateStages } from './validate-stages.ts';

export type ProjectEdit =
  /** 不适用: the stage stays in the list (shown as such); its dependants inherit its predecessors. */
  | { kind: 'not_applicable'; stage: string }
  | { kind: 'duration'; stage: string; duration: number }
  /** Replaces a stage's predecessors. */
  | { kind: 'dependencies'; stage: string; deps: StageDependency[] }
  /** Adds a stage after its deps; the stages in `before` then also wait for it (FS, no lag). */
  | { kind: 'add'; stage: StageDef; before?: string[] };

/** A template's stages with the edits applied in order, rewired and validated. */
export function applyProjectEdits(
  template: StageTemplate | readonly StageDef[],
  edits: readonly ProjectEdit[],
): StageDef[] {
  let stages: StageDef[] = ('stages' in template ? template.stages : template).map(copyStage);
  for (const edit of edits) {
    const find = (key: string): StageDef => {
      const s = stages.find((x) => x.key === key);
      if (!s) throw new ScheduleError('unknown_stage', `工序「${key}」不存在`, [key], { stage: key });
      return s;
    };
    switch (edit.kind) {
      case 'not_applicable':
        find(edit.stage).notApplicable = true;
        stages = rewireAround(stages, edit.stage);
        break;
      case 'duration': {
        const s = find(edit.stage);
        s.duration = edit.duration;
        s.milestone = edit.duration === 0;
        break;
      }
      case 'dependencies':
        find(edit.stage).deps = edit.deps.map((d) => ({ ...d }));
        break;
      case 'add':
        stages = addStage(stages, copyStage(edit.stage), edit.before ?? [], find);
        break;
      default:
        assertUnreachable(edit);
    }
  }
  // A stage added or relinked after a not-applicable edit may point at it: rewire once more.
  for (const s of stages) if (s.notApplicable) stages = rewireAround(stages, s.key);
  validateStages(stages);
  return stages;
}

/** The applicable stages only, every link through a not-applicable stage rewired to its predecessors. */
export function withoutNotApplicable(stages: readonly StageDef[]): StageDef[] {
  let result = stages.map(copyStage);
  for (const s of stages) if (s.notApplicable) result = rewireAround(result, s.key);
  return result.filter((s) => !s.notApplicable);
}

// A not-applicable stage takes no time, so P →(t1, l1) X →(t2, l2) D becomes P →(t1, l1 + l2) D:
// with X's duration 0 the link from X's start and from its finish coincide, so the first type wins.
function rewireAround(stages: StageDef[], key: string): StageDef[] {
  const removed = stages.find((s) => s.key === key);
  if (!removed) return stages;
  return stages.map((s) => {
    if (!s.deps.some((d) => d.stage === key)) return s;
    const deps: StageDependency[] = [];
    for (const d of s.deps) {
      if (d.stage !== key) deps.push(d);
      else for (const p of removed.deps) deps.push({ stage: p.stage, type: p.type, lag: p.lag + d.lag });
    }
    return { ...s, deps: dedupe(deps) };
  });
}

// Two links to the same predecessor of the same type: only the longer lag can bind.
function dedupe(deps: StageDependency[]): StageDependency[] {
  const kept = new Map<string, StageDependency>();
  for (const d of deps) {
    const id = `${d.type}:${d.stage}`;
    const prior = kept.get(id);
    if (!prior || d.lag > prior.lag) kept.set(id, d);
  }
  return [...kept.values()];
}

function addStage(
  stages: StageDef[],
  added: StageDef,
  before: string[],
  find: (key: string) => StageDef,
): StageDef[] {
  if (stages.some((s) => s.key === added.key)) {
    throw new ScheduleError('duplicate_stage', `工序重复：${added.name}（${added.key}）`, [added.key], {
      stage: added.name,
      key: added.key,
    });
  }
  for (const key of before) {
    const s = find(key);
    s.deps = dedupe([...s.deps, { stage: added.key, type: 'FS', lag: 0 }]);
  }
  // Shown right after the last of its predecessors in the list, or at the end.
  const at = Math.max(-1, ...added.deps.map((d) => stages.findIndex((s) => s.key === d.stage)));
  const position = at >= 0 ? at + 1 : stages.length;
  return [
    ...stages.slice(0, position),
    { ...added, milestone: added.duration === 0 },
    ...stages.slice(position),
  ];
}

function copyStage(s: StageDef): StageDef {
  return { ...s, deps: s.deps.map((d) => ({ ...d })) };
}

function assertUnreachable(value: never): never {
  throw new Error(`unexpected edit: ${JSON.stringify(value)}`);
}
