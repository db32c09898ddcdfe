export interface JobRun {
  job: string;
  startedAt: Date;
  finishedAt: Date;
  rows: number;
  status: 'ok' | 'failed';
  error?: string;
}

export interface JobDefinition {
  name: string;
  /** Milliseconds between the end of one run and the start of the next check. */
  everyMs: number;
  /** Returns the number of rows the run moved (for run history and status). */
  run: (signal: AbortSignal) => Promise<number>;
  /** Run once immediately at start instead of waiting one interval. */
  runAtStart?: boolean;
}

/**
 * Runs recurring jobs on timers. A job never overlaps itself: a tick that finds the previous run
 * still going is skipped (and counted), so a slow sync cannot pile up behind itself. Jobs can
 * also be triggered on demand (e.g. dbt after a sync that changed rows).
 */
export class JobScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly nextRuns = new Map<string, Date>();
  private readonly running = new Map<string, Promise<JobRun>>();
  private readonly skipped = new Map<string, number>();
  private readonly abort = new AbortController();
  private stopped = false;

  constructor(
    private readonly jobs: JobDefinition[],
    private readonly onRunFinished: (run: JobRun) => void | Promise<void> = () => undefined,
  ) {}

  start(): void {
    for (const job of this.jobs) {
      if (job.runAtStart) void this.trigger(job.name);
      this.arm(job);
    }
  }

  /** Starts a run now unless one is in flight; resolves with the run (or the in-flight one). */
  trigger(name: string): Promise<JobRun> | undefined {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`unknown job ${name}`);
    if (this.stopped) return undefined;
    const inFlight = this.running.get(name);
    if (inFlight) {
      this.skipped.set(name, (this.skipped.get(name) ?? 0) + 1);
      return inFlight;
    }
    const run = this.execute(job).finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run;
  }

  skippedCount(name: string): number {
    return this.skipped.get(name) ?? 0;
  }

  /** When the job's timer next fires (undefined while it runs, or once stopped). */
  nextRunAt(name: string): Date | undefined {
    return this.running.has(name) || this.stopped ? undefined : this.nextRuns.get(name);
  }

  isRunning(name: string): boolean {
    return this.running.has(name);
  }

  /** Stops the timers, signals running jobs, and waits for them to finish cleanly. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.abort.abort();
    await Promise.allSettled([...this.running.values()]);
  }

  private arm(job: JobDefinition): void {
    if (this.stopped) return;
    const timer = setTimeout(async () => {
      await this.trigger(job.name);
      this.arm(job);
    }, job.everyMs);
    timer.unref?.();
    this.timers.set(job.name, timer);
    this.nextRuns.set(job.name, new Date(Date.now() + job.everyMs));
  }

  private async execute(job: JobDefinition): Promise<JobRun> {
    const startedAt = new Date();
    let run: JobRun;
    try {
      const rows = await job.run(this.abort.signal);
      run = { job: job.name, startedAt, finishedAt: new Date(), rows, status: 'ok' };
    } catch (error) {
      run = {
        job: job.name,
        startedAt,
        finishedAt: new Date(),
        rows: 0,
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
      };
    }
    try {
      await this.onRunFinished(run);
    } catch {
      // Run history is best effort: failing to record must not kill the job loop.
    }
    return run;
  }
}
