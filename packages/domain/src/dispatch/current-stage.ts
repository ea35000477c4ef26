/**
 * 当前工序 of a project in the dispatch table (issue 10, item 6): the stage in progress (started,
 * not finished; the latest started when several are), else the first stage not started yet, in
 * the order of the project's stage list (its template, edits applied); a stage that does not apply
 * is skipped. null when every stage is done (or the list is empty).
 */
export type CurrentStageInput = {
  /** The project's stages in template order. */
  stages: ReadonlyArray<{ key: string; notApplicable?: boolean }>;
  /** Recorded actual dates by stage key (ISO dates; a stage absent has none). */
  actual: (key: string) => { start: string | null; finish: string | null } | undefined;
};

/** The key of the project's current stage, or null. */
export function currentStageKey({ stages, actual }: CurrentStageInput): string | null {
  let running: string | null = null;
  let runningStart = '';
  let next: string | null = null;
  for (const s of stages) {
    if (s.notApplicable) continue;
    const a = actual(s.key);
    const start = a?.start ?? null;
    const finish = a?.finish ?? null;
    if (start !== null && finish === null) {
      // The latest start wins; on the same day, the later stage of the list.
      if (running === null || start >= runningStart) {
        running = s.key;
        runningStart = start;
      }
    } else if (start === null && finish === null && next === null) next = s.key;
  }
  return running ?? next;
}
