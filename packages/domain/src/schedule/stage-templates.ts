/**
 * The stage templates. The 19 default stages are PRODUCT.md's table, which is the single
 * source; the other templates are the default with edits, so a change here flows to them.
 */
import { applyProjectEdits } from './project-edits.ts';
import type { DependencyType, StageDef, StageGroup, StageTemplate, StageTemplateKey } from './stage-types.ts';

function stage(key: string, name: string, group: StageGroup, duration: number, after: string[]): StageDef {
  const type: DependencyType = 'FS';
  return {
    key,
    name,
    group,
    duration,
    deps: after.map((s) => ({ stage: s, type, lag: 0 })),
    milestone: duration === 0,
  };
}

/** 产业类: the 19 stages of PRODUCT.md, from 项目签约 to 投产运营. */
export const defaultStageTemplate: StageTemplate = {
  key: 'industrial',
  name: '产业项目',
  stages: [
    stage('signing', '项目签约', 'landing', 1, []),
    stage('registration', '企业注册', 'landing', 10, ['signing']),
    stage('approval', '立项（审批/核准/备案，赋项目代码）', 'procedures', 15, ['registration']),
    stage('site', '规划选址与用地预审', 'procedures', 20, ['approval']),
    stage('energy', '节能审查（能评）', 'procedures', 20, ['approval']),
    stage('environment', '环境影响评价（环评）', 'procedures', 30, ['approval']),
    stage('land', '土地招拍挂（摘牌）与出让合同', 'procedures', 30, ['site']),
    stage('title', '不动产权证', 'procedures', 10, ['land']),
    stage('landPlanning', '建设用地规划许可证', 'procedures', 10, ['land']),
    stage('worksPlanning', '建设工程规划许可证', 'procedures', 15, ['landPlanning']),
    stage('drawings', '施工图审查', 'procedures', 20, ['worksPlanning']),
    stage('permit', '建筑工程施工许可证', 'procedures', 10, ['title', 'drawings', 'energy', 'environment']),
    stage('start', '开工', 'construction', 0, ['permit']),
    stage('statistics', '入库纳统', 'construction', 40, ['start']),
    stage('structure', '主体施工', 'construction', 120, ['start']),
    stage('topping', '主体封顶', 'construction', 0, ['structure']),
    stage('equipment', '设备安装调试', 'construction', 60, ['topping']),
    stage('acceptance', '竣工验收', 'completion', 20, ['equipment']),
    stage('operation', '投产运营', 'completion', 0, ['acceptance']),
  ],
};

/** 基础设施类 (roads, pipes, water): the owner is an existing platform company, so no 企业注册; a longer build, less equipment. */
export const infrastructureStageTemplate: StageTemplate = {
  key: 'infrastructure',
  name: '基础设施项目',
  stages: applyProjectEdits(defaultStageTemplate, [
    { kind: 'not_applicable', stage: 'registration' },
    { kind: 'duration', stage: 'structure', duration: 180 },
    { kind: 'duration', stage: 'equipment', duration: 30 },
  ]),
};

/**
 * 社会民生类 (schools, hospitals, housing): government-owned, so no 企业注册; their energy use is
 * below the threshold of a separate 节能审查 (an energy commitment suffices), so that stage is off.
 */
export const socialStageTemplate: StageTemplate = {
  key: 'social',
  name: '社会民生项目',
  stages: applyProjectEdits(defaultStageTemplate, [
    { kind: 'not_applicable', stage: 'registration' },
    { kind: 'not_applicable', stage: 'energy' },
    { kind: 'duration', stage: 'equipment', duration: 30 },
  ]),
};

/**
 * The English names of the 19 default stages, short enough for a war-chart column. Shown in
 * en-US only while a stage keeps its default Chinese name (a renamed or added stage shows its own).
 */
export const defaultStageNamesEn: Record<string, string> = {
  signing: 'Signing',
  registration: 'Company registration',
  approval: 'Project approval',
  site: 'Site selection',
  energy: 'Energy review',
  environment: 'Environmental impact',
  land: 'Land auction and contract',
  title: 'Property title',
  landPlanning: 'Land-use planning permit',
  worksPlanning: 'Works planning permit',
  drawings: 'Drawing review',
  permit: 'Construction permit',
  start: 'Start of works',
  statistics: 'Statistics entry',
  structure: 'Main structure',
  topping: 'Topping out',
  equipment: 'Equipment installation',
  acceptance: 'Completion acceptance',
  operation: 'Operation',
};

const defaultStageNamesZh = new Map(defaultStageTemplate.stages.map((s) => [s.key, s.name]));

/** A stage's name in a language: the English name of a default stage that kept its Chinese name, else its own. */
export function stageDisplayName(stage: { key: string; name: string }, language: string): string {
  if (!language.startsWith('en')) return stage.name;
  const en = defaultStageNamesEn[stage.key];
  return en !== undefined && defaultStageNamesZh.get(stage.key) === stage.name ? en : stage.name;
}

export const stageTemplates: Record<StageTemplateKey, StageTemplate> = {
  industrial: defaultStageTemplate,
  infrastructure: infrastructureStageTemplate,
  social: socialStageTemplate,
};
