import { useCallback, useContext } from 'react';
import { UNSAFE_NavigationContext } from 'react-router';

/**
 * navigate(to) for an absolute path, for the shell's parts that do not show the location:
 * react-router's useNavigate reads the location, so each navigation would render its component
 * again (the whole shell, at every click on the menu). The router's navigator does not change.
 */
export function useNavigateTo(): (to: string) => void {
  const { navigator } = useContext(UNSAFE_NavigationContext);
  return useCallback((to: string) => navigator.push(to), [navigator]);
}
