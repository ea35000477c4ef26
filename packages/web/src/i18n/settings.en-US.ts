import type { settingsZhCN } from './settings.zh-CN.ts';

export const settingsEnUS: Record<keyof typeof settingsZhCN, string> = {
  'settings.own': 'Own setting',
  'settings.inheritedFrom': 'Inherited from {region}',
  'settings.builtIn': 'Built-in default',
  'settings.regionOf': 'Settings of {region}',
  'settings.source': 'Source',
  'settings.restore': 'Inherit again',
  'settings.restoreTitle': 'Inherit the {what} again?',
  'settings.restoreConfirm':
    "{region}'s own {what} will be deleted; the parent region's (or the built-in) setting applies again.",
  'settings.restored': 'Inheriting again',
  'settings.readOnly': "This is a parent region's setting; saving makes it {region}'s own.",
  'settings.cannotEdit': "You cannot change {region}'s settings",
  'settings.ownCopyHint':
    "Saving makes it {region}'s own setting, for the projects of {region} and below only.",
  'settings.what.template': 'stage template',
  'settings.what.rules': 'warning rules',
  'settings.calendarHint':
    "Statutory holidays are national; entries added here (stop periods etc.) hold for {region} and the regions below it, on top of the parent regions' entries.",
  'settings.yearsRootOnly': 'New years (statutory holidays) are added by the top region’s admin.',
};
