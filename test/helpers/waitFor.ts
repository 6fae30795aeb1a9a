/** Retries an assertion until it passes or the time runs out; for results that arrive over the network. */
export async function waitFor<T>(assertion: () => T | Promise<T>, { timeout = 5000, interval = 20 } = {}): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}
