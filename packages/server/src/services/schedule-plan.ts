/**
 * A project's plan as the scheduler takes it: template, per-project edits and finish-by targets.
 * A project nobody planned yet uses the 'industrial' template and the ledger's dates — 计划开工
 * on 开工 and 计划竣工 on 投产运营, a month ('2023-03') meaning its last day.
 */
import {
  daysInMonth,
  isValidIsoDate,
  monthPrecision,
  type ProjectEdit,
  type StageActual,
  type StageTarget,
} from '@guatu/domain';
import { LEDGER_TARGET_STAGES, type TemplateKey } from './stage-template.service.ts';

export type Plan = {
  templateKey: TemplateKey;
  edits: ProjectEdit[];
  /** The targets scheduled against: the planner's own, else the ledger's. */
  targets: StageTarget[];
  /** The planner's own targets; null while the plan follows the ledger. */
  explicitTargets: StageTarget[] | null;
};

export const DEFAULT_TEMPLATE: TemplateKey = 'industrial';

/** 'YYYY-MM-DD' as is, 'YYYY-MM' as the month's last day; null for anything else. */
export function targetDateOf(value: string | null): string | null {
  if (value === null) return null;
  if (isValidIsoDate(value)) return value;
  if (!monthPrecision(value)) return null;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  return `${value}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/** The ledger's 计划开工 and 计划竣工 as targets (either may be missing). */
export function ledgerTargets(plannedStart: string | null, plannedFinish: string | null): StageTarget[] {
  const out: StageTarget[] = [];
  const start = targetDateOf(plannedStart);
  const finish = targetDateOf(plannedFinish);
  if (start) out.push({ stage: LEDGER_TARGET_STAGES.start, finishBy: start });
  if (finish) out.push({ stage: LEDGER_TARGET_STAGES.finish, finishBy: finish });
  return out;
}

export type StoredPlan = { templateKey: string; edits: string; targets: string | null };

export function planOf(
  row: StoredPlan | null | undefined,
  project: { plannedStart: string | null; plannedFinish: string | null },
): Plan {
  const explicitTargets = row?.targets ? (JSON.parse(row.targets) as StageTarget[]) : null;
  return {
    templateKey: (row?.templateKey as TemplateKey | undefined) ?? DEFAULT_TEMPLATE,
    edits: row ? (JSON.parse(row.edits) as ProjectEdit[]) : [],
    targets: explicitTargets ?? ledgerTargets(project.plannedStart, project.plannedFinish),
    explicitTargets,
  };
}

export function actualsOf(
  rows: ReadonlyArray<{ stageKey: string; actualStart: string | null; actualFinish: string | null }>,
): Record<string, StageActual> {
  const out: Record<string, StageActual> = {};
  for (const r of rows) {
    if (r.actualStart === null && r.actualFinish === null) continue;
    out[r.stageKey] = {
      ...(r.actualStart === null ? {} : { start: r.actualStart }),
      ...(r.actualFinish === null ? {} : { finish: r.actualFinish }),
    };
  }
  return out;
}
