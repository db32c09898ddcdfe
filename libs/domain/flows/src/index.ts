export {
  validateFlowDefinitions,
  type FlowDefinition,
  type FlowInterval,
  type FlowRetryPolicy,
  type FlowRunContext,
  type FlowRunResult,
  type MissedRunPolicy,
} from './flow-definition.ts';
export { dailyIntervals, MAX_BACKFILL_DAYS } from './backfill-intervals.ts';
export { FLOW_RUNNER, type BackfillResult, type FlowRunner, type FlowRunRecord, type FlowRunState, type ManualRunOutcome } from './flow-runner.port.ts';
export { FLOW_CONTROL, type FlowControl, type RegisteredFlow } from './flow-control.port.ts';
