// The dashboard app (issue #11): a JSON API over the AnalyticsStore and the agent, serving the
// built web page. Exported for tests and benchmarks that start a server in process.
export { createDashboardServer, type DashboardServer, type DashboardServerOptions } from './server/dashboard-server.ts';
export type { ApiDeps } from './server/api-context.ts';
export { API_ROUTES } from './server/api-routes.ts';
export { DASHBOARD_AGENT, type AgentPort, type AgentReply } from './server/agent-port.ts';
export { createInProcessAgent, type InProcessAgentOptions } from './server/in-process-agent.ts';
export { PIPELINE_HEALTH, unknownPipelineHealth, type PipelineHealthSource, type PipelineStatus, type JobStatus } from './server/pipeline-health.port.ts';
export { MAX_RANGE_YEARS } from './server/dashboard-filters.ts';
export { ensureWebBundle, webBundleIsStale, WEB_ROOT, WEB_DIST } from './server/web-bundle.ts';
