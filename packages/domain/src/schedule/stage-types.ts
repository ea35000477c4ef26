/** The vocabulary of stages (工序) and templates, shared by templates, edits and the scheduler. */

/** 落地 / 手续 / 建设 / 竣工. */
export const stageGroups = ['landing', 'procedures', 'construction', 'completion'] as const;
export type StageGroup = (typeof stageGroups)[number];

/** FS: the stage starts after the predecessor finishes; SS: it starts after the predecessor starts. */
export type DependencyType = 'FS' | 'SS';

/** A predecessor link; `lag` is in working days after the predecessor's finish (FS) or start (SS). */
export type StageDependency = { stage: string; type: DependencyType; lag: number };

export type StageDef = {
  key: string;
  name: string;
  group: StageGroup;
  /** Working days; 0 for a milestone. */
  duration: number;
  deps: StageDependency[];
  milestone: boolean;
  /** Set by a per-project edit or a template: kept for display, skipped by the scheduler. */
  notApplicable?: boolean;
};

export type StageTemplateKey = 'industrial' | 'infrastructure' | 'social';

export type StageTemplate = { key: StageTemplateKey; name: string; stages: StageDef[] };
