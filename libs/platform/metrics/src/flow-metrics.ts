import { Counter, type Registry } from 'prom-client';

export const JOB_RUN_STATUSES = ['ok', 'failed'] as const;

/**
 * Runs of scheduled jobs and flows, by name and status (the flow-failed alert). `job_name`, not
 * `job`: Prometheus owns the `job` label (the scrape job) and would rename ours to `exported_job`.
 * The names given are created at 0 for both statuses, so `increase()` sees the first failure.
 */
export function createFlowMetrics(registry: Registry, jobNames: readonly string[] = []) {
  const jobRuns = new Counter({
    name: 'ledgerline_job_runs_total',
    help: 'Scheduled job runs, by job name and status',
    labelNames: ['job_name', 'status'] as const,
    registers: [registry],
  });
  for (const job_name of jobNames) for (const status of JOB_RUN_STATUSES) jobRuns.inc({ job_name, status }, 0);
  return { jobRuns };
}

export type FlowMetrics = ReturnType<typeof createFlowMetrics>;
