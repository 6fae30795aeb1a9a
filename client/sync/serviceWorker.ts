/** Hashed build files this page has loaded so far (entry, lazy chunks, styles). */
function loadedAssets(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => new URL(url).origin === window.location.origin && new URL(url).pathname.startsWith('/assets/'));
}

/**
 * Registers the service worker that keeps the app shell for offline reloads (client/public/sw.js),
 * and hands it the files this page loaded before it took control. Only in a production build:
 * in `vite dev` it would serve stale modules.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const keep = (): void => registration.active?.postMessage({ type: 'keep-assets', urls: loadedAssets() });
        keep();
        // Lazy chunks (the board page, panels) arrive later; hand them over as they load.
        new PerformanceObserver(keep).observe({ type: 'resource', buffered: false });
      })
      .catch((error: unknown) => {
        console.warn('Discern: offline reloads are unavailable', error);
      });
  });
}
