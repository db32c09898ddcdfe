import type { FlowDefinition } from '@ledgerline/flows';
import type { JobRun } from '@ledgerline/pipeline';

/**
 * Every attempt of every flow, as the job run the pipeline has always reported: the
 * `ledgerline_job_runs_total{job_name,status}` counter (the alert rules and the Grafana dashboard
 * read it) and the `pipeline_runs` table (`pipeline status`, the dashboard's health). The flow's
 * own outcome is unchanged: a failure is rethrown for the runner's retry policy.
 */
export function instrumentFlows(flows: readonly FlowDefinition[], onRunFinished: (run: JobRun) => Promise<void> | void): FlowDefinition[] {
  return flows.map((flow) => ({
    ...flow,
    run: async (context) => {
      const startedAt = new Date();
      const report = async (run: Omit<JobRun, 'job' | 'startedAt' | 'finishedAt'>) => {
        try {
          await onRunFinished({ job: flow.name, startedAt, finishedAt: new Date(), ...run });
        } catch {
          // Reporting is best effort: it must never turn a run's outcome around.
        }
      };
      try {
        const result = await flow.run(context);
        await report({ rows: result.rows, status: 'ok' });
        return result;
      } catch (error) {
        await report({ rows: 0, status: 'failed', error: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    },
  }));
}

/** When each flow last finished a run, for the status line's "next sync in N s". */
export class LastRuns {
  private readonly finished = new Map<string, Date>();

  record(run: JobRun): void {
    this.finished.set(run.job, run.finishedAt);
  }

  nextRunAt(flow: string, everySeconds: number, startedAt: Date): Date {
    return new Date((this.finished.get(flow) ?? startedAt).getTime() + everySeconds * 1000);
  }
}
