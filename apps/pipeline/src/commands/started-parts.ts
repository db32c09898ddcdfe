import type { Logger } from '@ledgerline/logging';

interface StartedPart {
  readonly name: string;
  readonly stop: () => Promise<unknown>;
}

/**
 * What the main job has started so far, to be stopped if its start-up fails part-way.
 *
 * Why: a stage that failed to start (e.g. `timeout exceeded when trying to connect` from the one
 * PGlite connection under load) threw out of the job while the stream producer, the sink and the
 * flow runner's pollers it had already started kept running; the composition root then closed the
 * database under them and they retried for ever ("Driver not Connected"), so the process neither
 * exited nor heeded --duration or SIGTERM. Stopping what started, newest first (each part before
 * what it depends on), lets the failure end the process.
 */
export class StartedParts {
  private readonly parts: StartedPart[] = [];

  add(name: string, stop: () => Promise<unknown>): void {
    this.parts.push({ name, stop });
  }

  /** Start-up is over: the job's own stop sequence owns the parts from here. */
  clear(): void {
    this.parts.length = 0;
  }

  /**
   * Stops every part, newest first, each given at most what is left of `withinMs`: a part that
   * does not stop in time (or fails to) is logged and left behind, the next one is still stopped.
   */
  async stopAll(logger: Logger, withinMs: number): Promise<void> {
    const deadline = Date.now() + withinMs;
    for (const part of this.parts.splice(0).reverse()) {
      const left = Math.max(0, deadline - Date.now());
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), left)));
      try {
        const outcome = await Promise.race([part.stop().then(() => 'stopped' as const), timedOut]);
        if (outcome === 'timed out') logger.warn('a started part did not stop in time after a failed start-up', { part: part.name, withinMs });
      } catch (error) {
        logger.warn('a started part failed to stop after a failed start-up', { part: part.name, error: error instanceof Error ? error.message : String(error) });
      } finally {
        clearTimeout(timer);
      }
    }
  }
}
