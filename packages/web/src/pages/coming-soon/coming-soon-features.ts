import type { MessageKey } from '../../i18n/index.tsx';

export type ComingSoon = { path: string; title: MessageKey; text: MessageKey };

/** The capabilities of PRODUCT.md that are named in the menu before they are built. */
export const comingSoon: ComingSoon[] = [
  { path: 'war-chart', title: 'menu.warChart', text: 'soon.warChart' },
  { path: 'dispatch', title: 'menu.dispatch', text: 'soon.dispatch' },
  { path: 'problems', title: 'menu.problems', text: 'soon.problems' },
  { path: 'assessment', title: 'menu.assessment', text: 'soon.assessment' },
  { path: 'funding', title: 'menu.funding', text: 'soon.funding' },
  { path: 'dashboard', title: 'menu.dashboard', text: 'soon.dashboard' },
];
