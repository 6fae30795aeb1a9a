/** Longest wait for an idle moment before the work runs anyway (a busy page is never idle). */
const IDLE_TIMEOUT_MS = 3000;

/**
 * Runs `work` after `delayMs` (default 0), at the first moment the browser has nothing better to do
 * (requestIdleCallback, or a timer where it is missing). Used to fetch code that is not needed for
 * the first paint but should be there before it is shown, and kept by the service worker for offline
 * reloads. Returns a cancel function.
 */
export function whenIdle(work: () => unknown, delayMs = 0): () => void {
  let cancelIdle: (() => void) | null = null;
  const run = (): void => {
    // A failed fetch here is not an error to show: the same import runs again when the part is shown.
    void Promise.resolve()
      .then(work)
      .catch(() => undefined);
  };
  const timer = window.setTimeout(() => {
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
      cancelIdle = () => window.cancelIdleCallback(handle);
    } else run();
  }, delayMs);
  return () => {
    window.clearTimeout(timer);
    cancelIdle?.();
  };
}
