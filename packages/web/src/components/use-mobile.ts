import { Grid } from 'antd';

/** True under antd's md breakpoint (768 px): phones get drawers and card lists. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  // before the first measurement every key is undefined: assume desktop only if wide
  if (screens.md === undefined) return typeof window !== 'undefined' && window.innerWidth < 768;
  return !screens.md;
}
