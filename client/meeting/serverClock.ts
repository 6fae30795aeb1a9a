/** One `GET /api/time` exchange: local clock before and after, and the server's answer in between. */
export interface ClockSample {
  t0: number;
  serverNow: number;
  t1: number;
}

/**
 * The offset to add to the local clock to read the server's, from the sample with the shortest
 * round trip: the shorter the trip, the less room for the answer to have been delayed one way only.
 * Returns 0 when there is no usable sample.
 */
export function estimateClockOffset(samples: readonly ClockSample[]): number {
  let best: ClockSample | null = null;
  for (const sample of samples) {
    if (![sample.t0, sample.serverNow, sample.t1].every(Number.isFinite) || sample.t1 < sample.t0) continue;
    if (!best || sample.t1 - sample.t0 < best.t1 - best.t0) best = sample;
  }
  return best ? best.serverNow - (best.t0 + best.t1) / 2 : 0;
}

async function sampleServerTime(fetchTime: typeof fetch): Promise<ClockSample | null> {
  const t0 = Date.now();
  try {
    const response = await fetchTime('/api/time', { cache: 'no-store' });
    if (!response.ok) return null;
    const body = (await response.json()) as { now?: unknown };
    const t1 = Date.now();
    return typeof body.now === 'number' ? { t0, serverNow: body.now, t1 } : null;
  } catch {
    return null;
  }
}

export interface ClockSyncOptions {
  /** How many exchanges to take; the one with the shortest round trip wins. */
  samples?: number;
  /** Pause between exchanges, so that refining the clock never crowds a slow link. */
  gapMs?: number;
  fetchTime?: typeof fetch;
  /** Stops taking samples (the board was closed). */
  signal?: AbortSignal;
}

/**
 * The local clock corrected to the server's, so a shared timer ends at the same moment on devices
 * whose clocks disagree. `now` is usable at once (uncorrected), is corrected by the first answer,
 * and is refined by each later answer that came back faster.
 */
export class ServerClock {
  private offset = 0;

  readonly now = (): number => Date.now() + this.offset;

  /**
   * Takes a few samples one after another (parallel requests would queue behind each other). The
   * offset is updated after every sample, so the first answer already corrects the clock.
   */
  async sync(samples = 5, fetchTime: typeof fetch = (input, init) => fetch(input, init)): Promise<void> {
    await this.refine({ samples, fetchTime });
  }

  /** `sync` with a pause between samples: the background refinement a board does once it is live. */
  async refine({ samples = 5, gapMs = 0, fetchTime = (input, init) => fetch(input, init), signal }: ClockSyncOptions = {}): Promise<void> {
    const taken: ClockSample[] = [];
    for (let i = 0; i < samples && !signal?.aborted; i++) {
      if (i > 0 && gapMs > 0) await pause(gapMs, signal);
      if (signal?.aborted) return;
      const sample = await sampleServerTime(fetchTime);
      if (!sample) continue;
      taken.push(sample);
      this.offset = estimateClockOffset(taken);
    }
  }

  get offsetMs(): number {
    return this.offset;
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
