/**
 * A FIFO mutex inside the main job: the warehouse lock (one warehouse cycle, market write or
 * dashboard read of the DuckDB file at a time) and the batch stage's one scan at a time.
 * (Until issue #23 it also paused the stream sink during each sync's reads; the sync now reads
 * one snapshot of the store instead: docs/sync-watermark.md.)
 */
export class QuiesceGate {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `work` exclusively; callers queue in arrival order. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Takes the gate until the returned function is called (for phases that end in a callback). */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        release();
      }
    };
  }
}
