import type { setupZhCN } from './setup.zh-CN.ts';

/** en-US keys of one feature: set-up from the divisions and development zones (exactly the zh-CN keys). */
export const setupEnUS: Record<keyof typeof setupZhCN, string> = {
  'setup.title': 'Set-up: choose this system’s division',
  'setup.intro':
    'Choose the province, city or county this system serves. The region tree is created from the official division codes (GB/T 2260), towns included; development zones are added under Regions.',
  'setup.cascader': 'Province / city / county',
  'setup.search': 'Search by name or code, e.g. 乐陵 or 371481',
  'setup.preview': '{name} {code} · {towns} towns and sub-districts',
  'setup.previewCity': '{name} {code} · {counties} counties · {towns} towns and sub-districts',
  'setup.confirm': 'Confirm',
  'setup.done': 'Regions created for {name}: {count} new regions',
  'setup.levelTown': 'Town',
  'setup.zone': 'Development zone',
  'setup.addZone': 'Add a zone',
  'setup.zoneHint': 'Development zones and industrial parks are town-level areas without an official code.',
  'error.region_zone':
    'A development zone is a town-level area under a county or a city, without an official code',
  'error.division_unknown':
    'No administrative division "{query}": give the code (e.g. 371481) or official name (e.g. 乐陵市) of a province, city or county',
  'error.division_ambiguous': '"{query}" names {count} divisions; give the code of one of them',
  'error.division_outside': '{name} ({code}) is not inside this system’s division {root}',
  'error.division_parent_missing': 'Add the parent division {parent} first, then {name}',
  'error.setup_other_tree':
    'This system is set up as {name} ({code}); it cannot be set up as another division',
  'error.setup_has_projects':
    'The system already holds {count} projects; it can no longer be set up from the divisions',
};
