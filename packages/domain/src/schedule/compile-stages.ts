/**
 * A stage list compiled once for the scheduler: applicable stages in topological order and
 * their links as typed arrays (CSR), so that scheduling a project touches no objects or maps.
 */
import { withoutNotApplicable } from './project-edits.ts';
import type { StageDef } from './stage-types.ts';
import { validateStages } from './validate-stages.ts';

export type CompiledStages = {
  /** Applicable stages in topological order; position i of every array below is stages[i]. */
  stages: StageDef[];
  /** The not-applicable stages, for reporting. */
  notApplicable: StageDef[];
  /** Every stage in the order given, for display. */
  displayOrder: StageDef[];
  positionOf: ReadonlyMap<string, number>;
  count: number;
  duration: Int32Array;
  /** 1 when the duration is positive: a stage's finish date is its exclusive end − 1, a milestone's is its end. */
  finishShift: Int32Array;
  predStart: Int32Array;
  predStage: Int32Array;
  predLag: Int32Array;
  /** 1 for start-to-start, 0 for finish-to-start. */
  predSS: Uint8Array;
  succStart: Int32Array;
  succStage: Int32Array;
  succLag: Int32Array;
  succSS: Uint8Array;
};

/** Validates a stage list and compiles it for `schedule` and `scheduleMany`; do this once per template. */
export function compileStages(stages: readonly StageDef[]): CompiledStages {
  validateStages(stages);
  const applicable = withoutNotApplicable(stages);
  const ordered = topologicalOrder(applicable);
  const positionOf = new Map(ordered.map((s, i) => [s.key, i]));
  const count = ordered.length;
  const duration = Int32Array.from(ordered, (s) => s.duration);
  const finishShift = Int32Array.from(ordered, (s) => (s.duration > 0 ? 1 : 0));

  const links = ordered.flatMap((s, to) =>
    s.deps.map((d) => ({ from: positionOf.get(d.stage)!, to, lag: d.lag, ss: d.type === 'SS' ? 1 : 0 })),
  );
  const csr = (side: 'to' | 'from') => {
    const other = side === 'to' ? 'from' : 'to';
    const sorted = [...links].sort((a, b) => a[side] - b[side] || a[other] - b[other]);
    const start = new Int32Array(count + 1);
    for (const l of sorted) start[l[side] + 1]!++;
    for (let i = 0; i < count; i++) start[i + 1]! += start[i]!;
    return {
      start,
      stage: Int32Array.from(sorted, (l) => l[other]),
      lag: Int32Array.from(sorted, (l) => l.lag),
      ss: Uint8Array.from(sorted, (l) => l.ss),
    };
  };
  const preds = csr('to');
  const succs = csr('from');
  return {
    stages: ordered,
    notApplicable: stages.filter((s) => s.notApplicable),
    displayOrder: [...stages],
    positionOf,
    count,
    duration,
    finishShift,
    predStart: preds.start,
    predStage: preds.stage,
    predLag: preds.lag,
    predSS: preds.ss,
    succStart: succs.start,
    succStage: succs.stage,
    succLag: succs.lag,
    succSS: succs.ss,
  };
}

// Kahn's algorithm taking the earliest-listed ready stage first, so that the order (and every
// result built on it) is deterministic and close to the list an admin wrote.
function topologicalOrder(stages: StageDef[]): StageDef[] {
  const remaining = new Map(stages.map((s) => [s.key, new Set(s.deps.map((d) => d.stage))]));
  const ordered: StageDef[] = [];
  while (ordered.length < stages.length) {
    const next = stages.find((s) => remaining.get(s.key)?.size === 0)!;
    remaining.delete(next.key);
    for (const waiting of remaining.values()) waiting.delete(next.key);
    ordered.push(next);
  }
  return ordered;
}
