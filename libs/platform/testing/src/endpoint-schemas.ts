import { z } from 'zod';

// Shapes of the endpoints, validated wherever they enter: env variables, script output, containers.

const hostPort = z.string().regex(/^[^\s:,]+:\d{1,5}$/, 'expected host:port');

export const postgresEndpointSchema = z.object({
  url: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL'),
});
export type PostgresEndpoint = z.infer<typeof postgresEndpointSchema>;

export const kafkaEndpointSchema = z.object({ brokers: z.array(hostPort).min(1) });
export type KafkaEndpoint = z.infer<typeof kafkaEndpointSchema>;

export const chromaEndpointSchema = z.object({ url: z.url({ protocol: /^https?$/ }) });
export type ChromaEndpoint = z.infer<typeof chromaEndpointSchema>;

export const pythonEnvSchema = z.object({ venv: z.string().min(1), python: z.string().min(1), dbt: z.string().min(1) });
export type PythonEnv = z.infer<typeof pythonEnvSchema>;

/** TEST_KAFKA_BROKERS is a comma-separated host:port list. */
export function kafkaBrokersFromEnv(value: string): KafkaEndpoint {
  const brokers = value
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  return kafkaEndpointSchema.parse({ brokers });
}

/** tools/services/prometheus.sh: the server and the directory of its file-based scrape targets. */
export const prometheusEndpointSchema = z.object({ url: z.url({ protocol: /^https?$/ }), targets: z.string().min(1) });
export type PrometheusEndpoint = z.infer<typeof prometheusEndpointSchema>;

/** tools/services/s3.sh: an S3-compatible server (versitygw) and its root credentials. */
export const s3EndpointSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }),
  region: z.string().min(1),
  accessKeyId: z.string().min(1),
  secretAccessKey: z.string().min(1),
  /** The bucket-notification webhook the server was started with ('' for none). */
  webhook: z.string().default(''),
});
export type S3Endpoint = z.infer<typeof s3EndpointSchema>;

/** tools/services/trino.sh: the coordinator's base URL. */
export const trinoEndpointSchema = z.object({ url: z.url({ protocol: /^https?$/ }) });
export type TrinoEndpoint = z.infer<typeof trinoEndpointSchema>;
