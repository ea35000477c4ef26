import type { commonZhCN } from './common.zh-CN.ts';

export const commonEnUS: Record<keyof typeof commonZhCN, string> = {
  'app.title': 'Guatu · Key Project Management',
  'app.short': 'Guatu',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.edit': 'Edit',
  'common.create': 'New',
  'common.add': 'Add',
  'common.search': 'Search',
  'common.reset': 'Reset',
  'common.reload': 'Reload',
  'common.back': 'Back',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.all': 'All',
  'common.actions': 'Actions',
  'common.loading': 'Loading…',
  'common.total': '{n} in total',
  'common.saved': 'Saved',
  'common.none': '—',
  'common.forbidden': 'Forbidden',
  'common.notFound': 'Not found',
  'common.wan': '×10k ¥',
  'common.yi': '×100M ¥',
  'lang.switch': 'Language',
  'soon.title': 'Coming soon',
  'soon.subtitle': 'This feature is being built.',
  'soon.warChart':
    'The portfolio war chart: projects × 19 stages, with each stage’s latest start and finish computed by backward scheduling and coloured red/yellow/green, so late projects and stages stand out at a glance.',
  'soon.dispatch':
    'Monthly dispatch: each task force reports completed investment, a progress narrative with photos and stage progress by a deadline; missing reports raise warnings.',
  'soon.problems':
    'Problems: difficulties, choke points and blockages go through raised → analysing → consulting → answered → closed, each step with an owner and a deadline; major matters are escalated to the city.',
  'soon.assessment':
    'Assessment: a 100-point monthly score (start on time, investment, stages, problems answered, data reported), ranked by leader, task force, department and town, published in bulletins, with summons for serious issues.',
  'soon.funding':
    'Funding: central and provincial budget investment, special bonds, long-term loans and farmland funds from application to issue and spending, with demand and issued amounts per kind and batch.',
  'soon.dashboard':
    'Dashboard: projects, total investment, annual plan, start rate, warnings, investment progress and rankings of the whole city on one screen.',
  'error.title': 'Something went wrong',
  'notFound.title': 'Page not found',
};
