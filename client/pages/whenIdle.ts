/** Longest wait for an idle moment before the work runs anyway (a busy page is never idle). */
const IDLE_TIMEOUT_MS = 3000;

/**
 * Runs `work` once the browser has nothing better to do (requestIdleCallback, or a timer where it is
 * missing). Used to fetch code that is not needed for the first paint but should be there before it
 * is shown, and kept by the service worker for offline reloads. Returns a cancel function.
 */
export function whenIdle(work: () => unknown): () => void {
  const run = (): void => {
    // A failed fetch here is not an error to show: the same import runs again when the part is shown.
    void Promise.resolve()
      .then(work)
      .catch(() => undefined);
  };
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(run, 200);
  return () => window.clearTimeout(handle);
}
