import type { accountsZhCN } from './accounts.zh-CN.ts';

export const accountsEnUS: Record<keyof typeof accountsZhCN, string> = {
  'accounts.demo.banner':
    'This system holds demo data and demo accounts sharing a published password; demo accounts log in only on this machine. Before real use, run npm run guatu -- demo --remove to delete the demo data and accounts.',
  'accounts.demo.tag': 'Demo environment',
  'accounts.demo.passwordHint':
    'Password of the demo accounts (e.g. fgj, mayor, leader1, tf01, viewer): {password}',
  'accounts.mustChange.title': 'Change your password first',
  'accounts.mustChange.hint':
    'You are using an initial password or one reset by the security administrator: change it to one only you know before going on.',
  'accounts.separation.title': 'Separation of duties',
  'accounts.separation.help':
    'The system administrator, security administrator and auditor roles exclude each other: an account holds at most one of them and no other role. The system administrator manages regions, departments and project data; the security administrator manages accounts, roles and passwords; the auditor reads every action of the other two.',
  'accounts.separation.officerAlone': 'An officer role ({role}) is chosen: no other role can be added',
  'accounts.separation.officerDisabled':
    'Business roles are chosen: an officer role needs an account of its own',
  'accounts.user.mustChange': 'Must change password',
  'accounts.user.demo': 'Demo',
  'accounts.user.self': 'You',
  'accounts.user.ownRoles': 'You cannot change your own roles; another security administrator must do it',
  'accounts.user.resetHint': 'The user must change this password at the next login.',
  'accounts.user.createHint': 'An initial password you set: the user must change it at the first login.',
};
