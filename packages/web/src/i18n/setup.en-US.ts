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
  'setup.previewProvince': '{name} {code} · {cities} cities · {towns} towns and sub-districts',
  'setup.confirm': 'Confirm',
  'setup.done': 'Regions created for {name}: {count} new regions',
  'setup.levelTown': 'Town',
  'setup.zone': 'Development zone',
  'setup.addZone': 'Add a zone',
  'setup.zoneHint': 'Development zones and industrial parks are town-level areas without an official code.',
};
