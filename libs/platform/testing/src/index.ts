// Service harness for integration tests: each endpoint comes from an env URL, else Testcontainers
// (when a container runtime answers), else a local service from tools/services/. See docs/services.md.
export { startPostgres, createTestDatabase, type TestDatabase } from './postgres.ts';
export { startKafka, restartKafka } from './kafka.ts';
export { startChroma } from './chroma.ts';
export { startS3 } from './s3.ts';
export { startTrino } from './trino.ts';
export { startPrometheus, addScrapeTarget, type ScrapeTarget } from './prometheus.ts';
export { startFakesnow, type FakesnowEndpoint } from './fakesnow.ts';
export { startSnowflake, snowflakeEmulatorControls, type SnowflakeTestEndpoint, type SnowflakeEmulatorControls, type SnowflakeQueryRecord } from './snowflake.ts';
export { ensurePythonEnv } from './python-env.ts';
export { repoRoot } from './repo-root.ts';
export { uniqueName } from './unique-name.ts';
export { dockerAnswers, type DockerProbeOptions } from './docker-probe.ts';
export type { PostgresEndpoint, KafkaEndpoint, ChromaEndpoint, PythonEnv, PrometheusEndpoint, S3Endpoint, TrinoEndpoint } from './endpoint-schemas.ts';
export { servicesCacheDir, stopServicesStartedSince } from './stop-started-services.ts';
export { registerRun, unregisterRun } from './service-runs.ts';
export { startNodeProcess, type NodeProcess, type NodeProcessOptions } from './node-process.ts';
