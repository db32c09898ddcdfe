export { JobScheduler, type JobDefinition, type JobRun } from './scheduler/job-scheduler.ts';
export { RUN_HISTORY, type RunHistory, type RecordedRun } from './run-history/run-history.port.ts';
