/**
 * 当前工序 of each row of a round's dispatch table (issue 10, item 6), from the schedule: the stage
 * in progress, else the next not started, in the order of the project's stage list (the template in
 * force in its region, its plan's edits applied) — the domain's currentStageKey — named in the
 * reader's language as the war chart and the Gantt name stages (stageDisplayName). Two queries for
 * the whole round (findRoundStagePlans) and one stage list per distinct region template and edits,
 * so the table of 50,000 projects stays one pass.
 */
import {
  applyProjectEdits,
  currentStageKey,
  stageDisplayName,
  type ProjectEdit,
  type StageDef,
} from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import type { Lang } from '../messages.ts';
import { findRoundStagePlans, type RoundProjectRow } from '../repositories/dispatch.repository.ts';
import { DEFAULT_TEMPLATE } from './schedule-plan.ts';
import {
  templateRowsInForce,
  templatesFor,
  type Templates,
  type TemplateKey,
} from './stage-template.service.ts';

type Dates = { start: string | null; finish: string | null };

/** 'key,start,finish;…' → stage key → dates. */
function unpack(text: string | undefined): Map<string, Dates> {
  const out = new Map<string, Dates>();
  if (!text) return out;
  for (const item of text.split(';')) {
    const [key = '', start = '', finish = ''] = item.split(',');
    out.set(key, { start: start || null, finish: finish || null });
  }
  return out;
}

/** The current stage's name of each project (by id), null when it has none. */
export async function currentStagesOf(
  db: Db,
  roundId: number,
  projects: readonly Pick<RoundProjectRow, 'projectId' | 'regionPath'>[],
  lang: Lang,
): Promise<Map<number, string | null>> {
  const [{ plans, packed }, templateRows] = await Promise.all([
    // A page of the table: its projects' rows only; the whole table: the round's.
    findRoundStagePlans(db, roundId, projects.length <= 1000 ? projects.map((p) => p.projectId) : undefined),
    templateRowsInForce(db),
  ]);
  const templatesOf = new Map<string, Templates>();
  const lists = new Map<string, { stages: readonly StageDef[]; names: Map<string, string> }>();
  const out = new Map<number, string | null>();
  for (const p of projects) {
    const plan = plans.get(p.projectId);
    const templateKey = (plan?.templateKey ?? DEFAULT_TEMPLATE) as TemplateKey;
    const edits = plan?.edits ?? '[]';
    const listKey = `${p.regionPath}|${templateKey}|${edits}`;
    let list = lists.get(listKey);
    if (!list) {
      let templates = templatesOf.get(p.regionPath);
      if (!templates) templatesOf.set(p.regionPath, (templates = templatesFor(templateRows, p.regionPath)));
      const template = templates[templateKey] ?? templates[DEFAULT_TEMPLATE];
      let stages: readonly StageDef[];
      try {
        stages = applyProjectEdits(template.stages, JSON.parse(edits) as ProjectEdit[]);
      } catch {
        stages = template.stages; // a plan its template no longer takes: the template's own order
      }
      list = { stages, names: new Map(stages.map((s) => [s.key, stageDisplayName(s, lang)])) };
      lists.set(listKey, list);
    }
    const dates = unpack(packed.get(p.projectId));
    const key = currentStageKey({ stages: list.stages, actual: (k) => dates.get(k) });
    out.set(p.projectId, key === null ? null : (list.names.get(key) ?? null));
  }
  return out;
}
