import type { catalogueZhCN } from './catalogue.zh-CN.ts';

/** en-US keys of one feature: the project field catalogue (undated starts, reported figures). */
export const catalogueEnUS: Record<keyof typeof catalogueZhCN, string> = {
  'catalogue.startedUndated': 'Started, date not given',
  'catalogue.reported': 'Reported',
  'catalogue.reportedLine': '{ytd} completed to {asOf}',
  'catalogue.reportedProgress': 'Progress: {progress}',
  'catalogue.reportedNone': 'Nothing reported',
  'catalogue.reportedHelp': 'Figures brought in by the ledger import; monthly reports supersede them',
  'catalogue.startedUndatedHelp':
    'Tick when the project has started but its start date is unknown; an actual start date clears it',
  'form.reported': 'Reported figures',
  'importIssue.started_undated':
    'Marked as started with no start or planned start date: imported as started, date not given',
};
