/** One step of the smoke run: what it did, in one line, or a throw saying why it failed. */
export interface SmokeStep {
  readonly name: string;
  run(): Promise<string>;
}

export interface SmokeStepResult {
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly detail: string;
  readonly durationMs: number;
}

export interface SmokeReport {
  /** Every step and the cleanup passed. */
  readonly passed: boolean;
  readonly steps: readonly SmokeStepResult[];
  readonly cleanup: SmokeStepResult;
}

export interface RunSmokeOptions {
  /** Aborted (SIGINT/SIGTERM): the remaining steps are skipped, the cleanup still runs. */
  readonly signal?: AbortSignal;
  /** Called as each step ends, so a long run shows progress. */
  readonly onStep?: (result: SmokeStepResult) => void;
  readonly now?: () => number;
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs the steps in order until one fails (or the run is aborted), skips the rest, and then runs
 * the cleanup whatever happened: a scratch schema must not outlive a failed run.
 */
export async function runSmoke(steps: readonly SmokeStep[], cleanup: SmokeStep, options: RunSmokeOptions = {}): Promise<SmokeReport> {
  const now = options.now ?? Date.now;
  const attempt = async (step: SmokeStep): Promise<SmokeStepResult> => {
    const started = now();
    try {
      const detail = await step.run();
      return { name: step.name, status: 'passed', detail, durationMs: now() - started };
    } catch (error) {
      return { name: step.name, status: 'failed', detail: reason(error), durationMs: now() - started };
    }
  };
  const results: SmokeStepResult[] = [];
  let stopped: string | undefined;
  for (const step of steps) {
    if (stopped === undefined && options.signal?.aborted) stopped = 'the run was interrupted';
    const result = stopped !== undefined ? { name: step.name, status: 'skipped' as const, detail: stopped, durationMs: 0 } : await attempt(step);
    if (result.status === 'failed') stopped = `${step.name} failed`;
    results.push(result);
    options.onStep?.(result);
  }
  const cleaned = await attempt(cleanup);
  options.onStep?.(cleaned);
  return { passed: results.every((r) => r.status === 'passed') && cleaned.status === 'passed', steps: results, cleanup: cleaned };
}

/** The report as printed: one line per step, then the verdict. */
export function formatSmokeReport(report: SmokeReport, heading: string): string {
  const mark = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' } as const;
  const line = (r: SmokeStepResult) => {
    const [first = '', ...more] = r.detail.split('\n');
    const seconds = r.status === 'skipped' ? '' : ` (${(r.durationMs / 1000).toFixed(1)}s)`;
    return [`  ${mark[r.status]} ${r.name}${seconds}: ${first}`, ...more.map((m) => `         ${m}`)].join('\n');
  };
  return [
    heading,
    ...report.steps.map(line),
    line(report.cleanup),
    report.passed ? 'snowflake-smoke PASSED: the marts on Snowflake equal DuckDB\'s.' : 'snowflake-smoke FAILED (see the step marked FAIL).',
  ].join('\n');
}
