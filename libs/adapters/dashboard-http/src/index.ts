// The dashboard's HTTP side (issue #11, moved here for #25): a JSON API over the AnalyticsStore,
// the agent and the pipeline's health, serving the page built from apps/dashboard/web. Both the
// dashboard app (its own process) and the main job (in process, over its own stores) host it.
export { createDashboardServer, type DashboardServer, type DashboardServerOptions } from './dashboard-server.ts';
export { startDashboard, DashboardPortInUseError, type StartDashboardOptions, type StartedDashboard } from './start-dashboard.ts';
export type { ApiDeps } from './api-context.ts';
export { API_ROUTES } from './api-routes.ts';
export { DASHBOARD_AGENT, type AgentPort, type AgentReply } from './agent-port.ts';
export { createInProcessAgent, type InProcessAgentOptions } from './in-process-agent.ts';
export { PIPELINE_HEALTH, unknownPipelineHealth, type PipelineHealthSource, type PipelineStatus, type JobStatus } from './pipeline-health.port.ts';
export { runHistoryHealth, type RunHistoryHealthDeps } from './run-history-health.ts';
export { MAX_RANGE_YEARS } from './dashboard-filters.ts';
export { MAX_CATEGORY_SERIES, OTHER_SERIES } from './category-series.ts';
export { SESSION_COOKIE } from './client-session.ts';
export { ensureWebBundle, webBundleIsStale, WEB_ROOT, WEB_DIST } from './web-bundle.ts';
export { DASHBOARD_FLOWS, FlowsUnavailableError, type DashboardFlows, type FlowSummary } from './flows/dashboard-flows.port.ts';
export { flowControlSource } from './flows/flow-control-source.ts';
export { FlowRunnerSource } from './flows/flow-runner-source.ts';
export type { FlowRunWire } from './flows/flow-wire.ts';
