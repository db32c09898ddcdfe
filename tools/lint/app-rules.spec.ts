import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

// Proves the app-layer rules bite on code placed in an app: a driver import (apps see ports
// only; architecture §2) and an app's own UsageError class (one UsageError, @ledgerline/config).
describe('app lint rules', () => {
  const lint = async (file: string, code: string) => {
    const [result] = await new ESLint({ cwd: root }).lintText(code, { filePath: resolve(root, file) });
    return (result?.messages ?? []).map((m) => `${m.ruleId}:${m.line}`);
  };

  it('refuses a driver in app code and in app tests (tests use the adapters\' probes)', async () => {
    const code = ["import pg from 'pg';", "import { Kafka } from 'kafkajs';", "import { DuckDBInstance } from '@duckdb/node-api';", "import snowflake from 'snowflake-sdk';", 'export const all = [pg, Kafka, DuckDBInstance, snowflake];', ''].join('\n');
    const refused = [1, 2, 3, 4].map((l) => `@typescript-eslint/no-restricted-imports:${l}`);
    expect(await lint('apps/producer/src/wiring.ts', code)).toEqual(refused);
    // Before the Kafka and DuckDB probes a test could open kafkajs and @duckdb/node-api itself.
    expect(await lint('apps/producer/src/wiring.int.spec.ts', code)).toEqual(refused);
    expect(await lint('apps/cdc/src/test-support/database.ts', "import pg from 'pg';\nexport const client = pg.Client;\n")).toEqual(['@typescript-eslint/no-restricted-imports:1']);
    // Lines of apps/cdc's specs and fixtures before probeKafka / probeDuckDb.
    expect(await lint('apps/cdc/src/cdc-process.fixture.ts', "import { Kafka, logLevel, type Consumer } from 'kafkajs';\nexport const k = [Kafka, logLevel];\nexport type C = Consumer;\n")).toEqual(['@typescript-eslint/no-restricted-imports:1']);
    expect(await lint('apps/dashboard/src/testing/read-only-rows.ts', "import { DuckDBInstance } from '@duckdb/node-api';\nexport const d = DuckDBInstance;\n")).toEqual(['@typescript-eslint/no-restricted-imports:1']);
  });

  it("refuses the DuckDB adapter's raw connection (withDuckDb, leaseDuckDb) in apps and their tests", async () => {
    const code = ["import { duckDbFromEnv, leaseDuckDb, withDuckDb } from '@ledgerline/duckdb';", 'export const all = [duckDbFromEnv, leaseDuckDb, withDuckDb];', ''].join('\n');
    const refused = ['@typescript-eslint/no-restricted-imports:1', '@typescript-eslint/no-restricted-imports:1'];
    expect(await lint('apps/market/src/container.ts', code)).toEqual(refused);
    expect(await lint('apps/market/src/market-commands.spec.ts', code)).toEqual(refused);
    const probe = "import { probeDuckDb } from '@ledgerline/duckdb/testing';\nimport { probeKafka } from '@ledgerline/kafka/testing';\nexport const p = [probeDuckDb, probeKafka];\n";
    expect(await lint('apps/market/src/market-commands.spec.ts', probe)).toEqual([]);
    expect(await lint('apps/market/src/container.ts', probe)).toEqual(['@typescript-eslint/no-restricted-imports:1', '@typescript-eslint/no-restricted-imports:2']);
  });

  it('refuses an app-local UsageError', async () => {
    expect(await lint('apps/producer/src/args.ts', 'export class UsageError extends Error {}\n')).toEqual(['no-restricted-syntax:1']);
  });
  // Lines of the apps before the adapters' factories (#27): each must be refused, in app code and in its tests.
  it("refuses an adapter's variable read by an app (KAFKA_*, DUCKDB_*, CHROMA_*, SNOWFLAKE_*, TRINO_*, DBT_*, DATABASE_URL, PG*)", async () => {
    const code = [
      'declare const env: Record<string, string>;',
      'export const brokers = env.KAFKA_BROKERS;',
      'export const url = env.DATABASE_URL;',
      "export const chroma = env['CHROMA_URL'];",
      'export const analytics = env.ANALYTICS_DUCKDB_PATH ?? env.WAREHOUSE_DUCKDB_PATH;',
      'export const threads = env.DUCKDB_THREADS;',
      'export const role = env.SNOWFLAKE_ROLE;',
      'export const host = env.PGHOST;',
      'export const pool = env.DATABASE_POOL_SIZE;',
      'export const target = env.DBT_TARGET ?? env.WAREHOUSE;',
      'export const trino = env.TRINO_HOST;',
      '',
    ].join('\n');
    const refused = [2, 3, 4, 5, 5, 6, 7, 8, 9, 10, 11].map((l) => `no-restricted-syntax:${l}`);
    expect(await lint('apps/stream-sink/src/container.ts', code)).toEqual(refused);
    expect(await lint('apps/stream-sink/src/stream-sink.int.spec.ts', code)).toEqual(refused);
    // What an app may still do: configure a child process by name, and read its own variables.
    const allowed = ['declare const env: Record<string, string>;', "export const child = { KAFKA_BROKERS: 'k:9092', DATABASE_URL: 'postgres://x@h/db' };", 'export const dir = env.DATA_DIR;', ''].join('\n');
    expect(await lint('apps/stream-sink/src/stream-sink.int.spec.ts', allowed)).toEqual([]);
  });

  // Lines of apps/agent before llmFromEnv (chat-provider.ts and container.ts): the agent chose its
  // model from LLM_PROVIDER, LLM_BASE_URL, LLM_MODEL and GOOGLE_API_KEY itself.
  it('refuses the LLM variables in an app (LLM_*, GOOGLE_API_KEY, GEMINI_*): llmFromEnv reads them', async () => {
    const code = [
      'declare const env: Record<string, string>;',
      "export const kind = env.LLM_PROVIDER ?? (env.GOOGLE_API_KEY ? 'gemini' : 'offline');",
      'export const server = { kind, baseUrl: env.LLM_BASE_URL, model: env.LLM_MODEL };',
      'export const label = `Gemini embeddings ${env.GEMINI_EMBEDDING_MODEL}`;',
      "export const key = env['LLM_API_KEY'];",
      '',
    ].join('\n');
    const refused = [2, 2, 3, 3, 4, 5].map((l) => `no-restricted-syntax:${l}`);
    expect(await lint('apps/agent/src/chat-provider.ts', code)).toEqual(refused);
    expect(await lint('apps/agent/src/cli/run-cli.spec.ts', code)).toEqual(refused);
    // A test may still hand the agent process its variables by name.
    expect(await lint('apps/agent/src/cli/llm-wire/llm-wire.spec.ts', "export const env = { LLM_PROVIDER: 'gemini', GOOGLE_API_KEY: 'k', GEMINI_BASE_URL: 'http://127.0.0.1:1' };\n")).toEqual([]);
  });

  // Lines of apps/cdc/src/main.ts before it named the slot from pgoutputOptionsFromEnv's result, and
  // the other adapters' variables (S3_* of s3OptionsFromEnv, the market sources' of createMarketSources).
  it("refuses the CDC slot settings and the object store's and market sources' variables in an app", async () => {
    const code = [
      'declare const env: Record<string, string>;',
      'export const message = `dropped replication slot ${env.CDC_SLOT} (the publication ${env.CDC_PUBLICATION} is kept)`;',
      'export const full = env.CDC_REPLICA_IDENTITY_FULL;',
      'export const bucket = env.S3_BUCKET ?? env.S3_ENDPOINT;',
      'export const market = [env.MARKET_SOURCES, env.COINGECKO_API_KEY, env.BINANCE_BASE_URL, env.YAHOO_BASE_URL, env.MARKET_NEWS_FEEDS];',
      // The CDC use case's own settings stay the app's: topics, prefixes, ports.
      'export const mine = [env.CDC_TABLES, env.CDC_TOPIC_PREFIX, env.CDC_LANDING_PREFIX, env.CDC_METRICS_PORT, env.MARKET_POLL_MS];',
      '',
    ].join('\n');
    const refused = [2, 2, 3, 4, 4, 5, 5, 5, 5, 5].map((l) => `no-restricted-syntax:${l}`);
    expect(await lint('apps/cdc/src/main.ts', code)).toEqual(refused);
    expect(await lint('apps/cdc/src/cdc.fault.int.spec.ts', code)).toEqual(refused);
  });

  it("refuses a store's sql in an app and its tests, but not the agent's answer.sql", async () => {
    const code = [
      "import { PostgresChangeFeed } from '@ledgerline/postgres';",
      'declare const store: { sql: { query(text: string): Promise<unknown> } };',
      'declare const h: { store: typeof store };',
      "await store.sql.query('TRUNCATE transactions, ingested_files');",
      "await h.store.sql.query('DELETE FROM transactions');",
      'export const feed = new PostgresChangeFeed(store.sql);',
      '',
    ].join('\n');
    const refused = [4, 5, 6].map((l) => `no-restricted-syntax:${l}`);
    expect(await lint('apps/warehouse-sync/src/container.ts', code)).toEqual(refused);
    expect(await lint('apps/warehouse-sync/src/sync.int.spec.ts', code)).toEqual(refused);
    const answer = ['declare const answer: { sql: string[] };', 'declare const args: { sql: string };', 'declare function run(q: string): void;', 'export const n = answer.sql.length;', 'run(args.sql);', ''].join('\n');
    expect(await lint('apps/agent/src/cli/render.ts', answer)).toEqual([]);
  });

  it('keeps the adapters\' test entries out of app code', async () => {
    const code = "import { probeStore } from '@ledgerline/postgres/testing';\nexport const probe = probeStore;\n";
    expect(await lint('apps/batch/src/container.ts', code)).toEqual(['@typescript-eslint/no-restricted-imports:1']);
    expect(await lint('apps/batch/src/batch.int.spec.ts', code)).toEqual([]);
  });
  // The real apps are held to the rules by `npm run lint` itself.
});
