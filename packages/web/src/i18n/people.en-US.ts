import type { peopleZhCN } from './people.zh-CN.ts';

/** en-US keys of one feature: people (leaders and task-force members are people, not accounts). */
export const peopleEnUS: Record<keyof typeof peopleZhCN, string> = {
  'people.title': 'People',
  'people.hint':
    'Leaders and task-force members are people who need not have an account; the security administrator may link an account to a person, and the account then sees the projects that person leads or serves on.',
  'people.create': 'New person',
  'people.edit': 'Edit person',
  'people.delete': 'Delete',
  'people.deleteConfirm': 'Delete {name}?',
  'people.deleted': 'Deleted',
  'people.saved': 'Saved',
  'people.name': 'Name',
  'people.titleField': 'Post',
  'people.unit': 'Unit',
  'people.phone': 'Phone',
  'people.region': 'Region',
  'people.account': 'Linked account',
  'people.noAccount': 'No account',
  'people.projects': 'Leads / serves',
  'people.projectsCount': 'leads {leads} · serves {serves}',
  'people.search': 'Name, post or unit',
  'people.linked': 'Account',
  'people.linkedYes': 'Linked to an account',
  'people.linkedNo': 'No account',
  'people.export': 'Export to Excel',
  'people.exportFile': 'People',
  'people.pick': 'Search a person by name',
  'people.linkedPerson': 'Linked person',
  'people.linkedPersonHint': 'A leader or task-force account sees the projects of the person it is linked to',
};
