export { JobScheduler, type JobDefinition, type JobRun } from './scheduler/job-scheduler.ts';
export { RUN_HISTORY, type RunHistory, type RecordedRun, type JobRunSummary } from './run-history/run-history.port.ts';
export type { JobStatus, PipelineStatus } from './health/pipeline-status.ts';
