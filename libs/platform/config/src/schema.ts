import { z } from 'zod';

/** `true/false/1/0/yes/no` from the environment; anything else is an error naming the variable. */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const optionalString = z.string().trim().min(1).optional();

/**
 * Every environment variable Ledgerline reads. Unset optional URLs select the embedded default
 * adapter (architecture §2); setting one switches that port to the real service.
 * `.env.example` documents each of these and a test keeps the two in step.
 */
export const envSchema = z.object({
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).default('pretty'),
  DATA_DIR: z.string().default('data'),

  // Operational store: PostgreSQL when set, else PGlite in DATA_DIR/pglite.
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_SIZE: int(1, 100).default(8),
  PGLITE_WASM_OPTIMIZE: bool.default(false),
  // PGlite's buffer cache (PostgreSQL's shared_buffers, in this process's memory): docs/statement-import.md "Memory".
  PGLITE_SHARED_BUFFERS: z.string().regex(/^\d+(kB|MB)$/, 'expected a size such as 2MB or 512kB').default('2MB'),

  // Event bus: Kafka when set, else the in-process bus.
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'expected host:port[,host:port...]')
    .optional(),
  KAFKA_CLIENT_ID: z.string().default('ledgerline'),
  // The Kafka client library behind the event bus ports (docs/stream.md, "Kafka clients").
  KAFKA_CLIENT: z.enum(['kafkajs', 'platformatic']).default('kafkajs'),
  KAFKA_TOPIC: z.string().default('transactions'),
  KAFKA_GROUP_ID: z.string().default('ledgerline-stream-sink'),
  KAFKA_PARTITIONS: int(1, 1024).default(6),

  // Synthetic data.
  GENERATOR_SEED: int(0, 2 ** 31 - 1).default(42),
  BASE_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR').default('EUR'),

  // Warehouse: embedded DuckDB by default, Snowflake when WAREHOUSE=snowflake.
  WAREHOUSE: z.enum(['duckdb', 'snowflake']).default('duckdb'),
  WAREHOUSE_DUCKDB_PATH: optionalString,
  ANALYTICS_DUCKDB_PATH: optionalString,
  // Resource limits of every DuckDB database a process opens (libs/adapters/duckdb owns them).
  DUCKDB_MEMORY_LIMIT: optionalString,
  DUCKDB_THREADS: int(1, 256).optional(),
  SYNC_INTERVAL_SECONDS: int(1, 86_400).default(30),
  SYNC_BATCH_SIZE: int(100, 1_000_000).default(50_000),

  SNOWFLAKE_ACCOUNT: optionalString,
  SNOWFLAKE_USER: optionalString,
  SNOWFLAKE_PASSWORD: optionalString,
  SNOWFLAKE_PRIVATE_KEY_PATH: optionalString,
  SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: optionalString,
  SNOWFLAKE_ROLE: optionalString,
  SNOWFLAKE_WAREHOUSE: optionalString,
  SNOWFLAKE_DATABASE: z.string().default('LEDGERLINE'),
  SNOWFLAKE_SCHEMA: z.string().default('RAW'),
  // Only for the local emulator (tests); real accounts derive the URL from SNOWFLAKE_ACCOUNT.
  SNOWFLAKE_ACCESS_URL: z.url().optional(),
  // Read by dbt's snowflake target (dbt/profiles.yml): its QUERY_TAG, and host/port/protocol for
  // an emulator only (CI's fakesnow, docs/snowflake.md).
  SNOWFLAKE_QUERY_TAG: optionalString,
  SNOWFLAKE_HOST: optionalString,
  SNOWFLAKE_PORT: int(1, 65_535).optional(),
  SNOWFLAKE_PROTOCOL: z.enum(['http', 'https']).optional(),

  // Trino (docs/trino.md): dbt's trino target (dbt/profiles.yml) and tools/services/trino.sh.
  TRINO_HOST: optionalString,
  TRINO_PORT: int(1, 65_535).optional(),
  TRINO_USER: optionalString,
  TRINO_HTTP_SCHEME: z.enum(['http', 'https']).optional(),
  TRINO_CATALOG: optionalString,
  TRINO_JAVA_HOME: optionalString,
  LEDGERLINE_TRINO_HEAP: optionalString,
  LEDGERLINE_TRINO_QUERY_MEMORY: optionalString,
  LEDGERLINE_TRINO_VERSION: optionalString,

  // dbt
  DBT_ENABLED: bool.default(true),
  DBT_TARGET: z.enum(['duckdb', 'snowflake']).optional(),
  DBT_PROJECT_DIR: z.string().default('dbt'),

  // Vector index and AI.
  CHROMA_URL: z.url().optional(),
  // Which chat model the agent plans with; unset = Gemini when GOOGLE_API_KEY is set, else offline.
  LLM_PROVIDER: z.enum(['offline', 'gemini', 'openai-compatible']).optional(),
  LLM_BASE_URL: z.url().optional(),
  LLM_MODEL: optionalString,
  LLM_API_KEY: optionalString,
  LLM_TIMEOUT_MS: int(1000, 600_000).default(120_000),
  GOOGLE_API_KEY: optionalString,
  GEMINI_BASE_URL: z.url().optional(),
  GEMINI_MODEL: z.string().default('gemini-2.5-flash'),
  GEMINI_EMBEDDING_MODEL: z.string().default('text-embedding-004'),
  AGENT_MAX_STEPS: int(1, 50).default(8),
  AGENT_SQL_ROW_LIMIT: int(1, 100_000).default(200),

  // Market data (apps/market): seeded stand-ins by default, the public APIs when MARKET_SOURCES=live.
  MARKET_SOURCES: z.enum(['synthetic', 'live']).default('synthetic'),
  MARKET_SEED: z.string().min(1).default('ledgerline'),
  MARKET_REQUEST_BUDGET: int(1, 1_000_000).default(200),
  BINANCE_BASE_URL: z.url().default('https://api.binance.com'),
  COINGECKO_BASE_URL: z.url().default('https://api.coingecko.com'),
  COINGECKO_API_KEY: optionalString,
  COINGECKO_API_KEY_HEADER: z.enum(['x-cg-demo-api-key', 'x-cg-pro-api-key']).default('x-cg-demo-api-key'),
  YAHOO_BASE_URL: z.url().default('https://query1.finance.yahoo.com'),
  MARKET_NEWS_FEEDS: z
    .string()
    .default('')
    .transform((text) => text.split(',').map((url) => url.trim()).filter((url) => url.length > 0))
    .pipe(z.array(z.url())),
  // The main job: how long a stop (drain, final sync, dbt) may take before the process exits anyway.
  PIPELINE_STOP_TIMEOUT_SECONDS: int(1, 86_400).default(300),
  // The main job's market stage (apps/pipeline): history backfilled at start, then a live stream.
  PIPELINE_MARKET_ENABLED: bool.default(true),
  MARKET_HISTORY_DAYS: int(0, 3_650).default(250),
  MARKET_INTRADAY_MINUTES: int(0, 10_080).default(120),
  MARKET_POLL_MS: int(100, 3_600_000).default(5_000),

  // Change data capture (apps/cdc, docs/cdc.md): a pgoutput slot on DATABASE_URL -> change topics.
  // The main job's CDC stage (apps/pipeline): trigger change log -> bus -> landing -> warehouse raw.cdc_*.
  PIPELINE_CDC_ENABLED: bool.default(true),
  CDC_SLOT: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case identifier').default('ledgerline_cdc'),
  CDC_PUBLICATION: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case identifier').default('ledgerline_cdc'),
  CDC_TABLES: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*(,[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*)*$/, 'expected schema.table[,schema.table...]')
    .default('public.customers,public.accounts,public.transactions')
    .transform((v) => v.split(',')),
  CDC_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected [A-Za-z0-9_-]+').default('ledgerline'),
  CDC_TOPIC_PARTITIONS: int(1, 1024).default(1),
  CDC_HEARTBEAT_SECONDS: int(0, 3_600).default(10),
  CDC_REPLICA_IDENTITY_FULL: bool.default(true),
  // `/metrics` of `cdc:serve` (the capture); 0 = off. `land` and `load` have their own ports below.
  CDC_METRICS_PORT: int(0, 65_535).default(9465),

  // Object store (the CDC landing zone): S3-compatible when S3_ENDPOINT is set, else DATA_DIR/landing.
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name').default('ledgerline-landing'),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_FORCE_PATH_STYLE: bool.default(true),
  S3_CREATE_BUCKET: bool.default(true),
  S3_MULTIPART_PART_MB: int(5, 5_120).default(8),

  // Landing writer (`nx run cdc:serve -- land`): change topics -> Parquet files in the object store.
  CDC_LANDING_PREFIX: z.string().regex(/^[A-Za-z0-9_=.-]+(\/[A-Za-z0-9_=.-]+)*$/, 'expected path segments of [A-Za-z0-9_=.-]').default('cdc'),
  CDC_LANDING_GROUP_ID: z.string().min(1).default('ledgerline-cdc-landing'),
  CDC_LANDING_ROLL_SECONDS: int(1, 86_400).default(30),
  CDC_LANDING_ROLL_MB: int(1, 1_024).default(16),
  CDC_LANDING_METRICS_PORT: int(0, 65_535).default(9469),

  // Landing loader (`nx run cdc:serve -- load`): landed files -> warehouse RAW change log, exactly once.
  CDC_LOAD_HOST: z.string().min(1).default('127.0.0.1'),
  CDC_LOAD_PORT: int(0, 65_535).default(9466),
  // Shared secret of the notification receiver (Authorization: Bearer <secret> or ?token=<secret>).
  CDC_LOAD_SECRET: z.string().min(16, 'expected at least 16 characters').optional(),
  CDC_LOAD_RECONCILE_SECONDS: int(0, 86_400).default(60),
  CDC_LOAD_METRICS_PORT: int(0, 65_535).default(9470),
  CDC_QUARANTINE_PREFIX: z.string().regex(/^[A-Za-z0-9_=.-]+(\/[A-Za-z0-9_=.-]+)*$/, 'expected path segments of [A-Za-z0-9_=.-]').default('quarantine'),

  // HTTP
  // Prometheus `/metrics` (docs/observability.md): one port per process so that they can share a
  // host and an env file; 0 turns a process's endpoint off; `--metrics-port` overrides per run.
  METRICS_PORT: int(0, 65_535).default(9464),
  PRODUCER_METRICS_PORT: int(0, 65_535).default(9471),
  SINK_METRICS_PORT: int(0, 65_535).default(9467),
  SYNC_METRICS_PORT: int(0, 65_535).default(9468),
  // Address every metrics endpoint binds; 0.0.0.0 when Prometheus scrapes from another container.
  METRICS_HOST: z.string().regex(/^[A-Za-z0-9.:-]+$/, 'expected a host name or IP address').default('127.0.0.1'),
  DASHBOARD_PORT: int(0, 65_535).default(4300),
  // Host names the dashboard answers to besides localhost/127.0.0.1/[::1] (DNS rebinding defence).
  DASHBOARD_ALLOWED_HOSTS: z
    .string()
    .regex(/^[A-Za-z0-9.[\]:-]+(,[A-Za-z0-9.[\]:-]+)*$/, 'expected host[,host...]')
    .transform((v) => v.split(','))
    .optional(),
});

export type LedgerlineEnv = z.infer<typeof envSchema>;
