import type { exportsZhCN } from './exports.zh-CN.ts';

export const exportsEnUS: Record<keyof typeof exportsZhCN, string> = {
  'exports.warChartPrintTitle': '{jurisdiction} {year} key projects war chart ({grouping}, as of {date})',
  'exports.stageDepartment': 'Department in charge',
  'exports.stageDepartmentPlaceholder': 'None',
  'exports.stageDepartmentHint':
    "The department in charge may record the stage's actual dates (matched by name in the project's region and above)",
};
