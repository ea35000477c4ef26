/**
 * Registers the service worker of the built app (vite.config.ts, `pwa`): the app shell and its
 * chunks precached, so the report page opens without signal after one online visit. Not in
 * development (Vite serves modules, there is no /sw.js).
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // no service worker (an old browser, a private window): the app works online as before
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
