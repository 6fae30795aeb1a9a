/**
 * Runs a room's commits one at a time, in order. Asking for a commit while one is in flight queues
 * exactly one more, which takes whatever is pending when it starts: updates keep being accepted
 * during a commit and are batched into the next one.
 */
export class CommitChain {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    /** Commits whatever is pending at the time it is called. */
    private readonly commit: () => Promise<void>,
    /** Told when a commit throws; a rejection must never escape (it would end the process). */
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** Whether a commit is in flight. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Commits what is pending now, after the commit in flight if any; resolves when done. Never rejects. */
  request(): Promise<void> {
    if (this.running) {
      this.queued ??= this.running.then(() => {
        this.queued = null;
        return this.start();
      });
      return this.queued;
    }
    return this.start();
  }

  /** Resolves when the commit in flight, if any, is done. */
  settled(): Promise<void> {
    return this.queued ?? this.running ?? Promise.resolve();
  }

  private start(): Promise<void> {
    const run: Promise<void> = this.commit()
      .catch((error: unknown) => this.onFailure(error))
      .finally(() => {
        if (this.running === run) this.running = null;
      });
    this.running = run;
    return run;
  }
}
