import type { RunHistory } from '@ledgerline/pipeline';
import type { JobStatus, PipelineHealthSource, PipelineStatus } from './pipeline-health.port.ts';

export interface RunHistoryHealthDeps {
  /**
   * The hosting process' own run history: in the main job, its store — PGlite's one connection
   * included, which is why the health is read in process and not by a second client.
   */
  readonly history: Pick<RunHistory, 'latestPerJob'>;
  /** Messages in the dead-letter topics, from the bus; absent = the count is unknown. */
  readonly deadLettered?: () => Promise<number>;
}

/** The stored status names, as the standalone dashboard shows them from `pipeline_runs`. */
const STATUS_NAME = { ok: 'succeeded', failed: 'failed' } as const;

/**
 * The health panel's pipeline facts from a RunHistory port and the bus, for a dashboard hosted
 * in the process that runs the jobs. A failing read is `unknown` with its reason, never an error
 * page: the rest of the panel (sync lag, watermarks) still answers.
 */
export function runHistoryHealth(deps: RunHistoryHealthDeps): PipelineHealthSource {
  return {
    async status(): Promise<PipelineStatus> {
      try {
        // A DLQ that cannot be read (a topic not created yet) leaves only its count unknown.
        const dlqCount = deps.deadLettered ? deps.deadLettered().catch(() => 'unknown' as const) : Promise.resolve('unknown' as const);
        const [runs, dlq] = await Promise.all([deps.history.latestPerJob(), dlqCount]);
        const jobs: JobStatus[] = runs.map((run) => ({
          job: run.job,
          status: STATUS_NAME[run.status],
          started_at: run.startedAt.toISOString(),
          finished_at: run.finishedAt.toISOString(),
          rows: run.rows,
          error: run.error ?? null,
          failures_24h: run.failures24h,
        }));
        return { state: 'known', jobs, dlq_count: dlq };
      } catch (error) {
        return { state: 'unknown', reason: `the pipeline's run history did not answer: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
    close: async () => undefined,
  };
}
