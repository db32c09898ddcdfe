import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

// Vendor SDKs that only adapters (and apps wiring them) may import. Domain code stays pure.
export const VENDOR_SDKS = [
  'kafkajs',
  'pg',
  'pg-*',
  'typeorm',
  'snowflake-sdk',
  '@duckdb/*',
  'duckdb',
  'chromadb',
  '@langchain/google-genai',
  '@langchain/openai',
  'openai',
  '@electric-sql/*',
  'testcontainers',
  'pdf-parse',
  'pdfkit',
  'inversify',
  'prom-client',
  'fast-xml-parser',
  'chardet',
  'iconv-lite',
];

// The environment variables only an adapter's factory reads (an esquery regex for the
// no-restricted-syntax selectors below; tools/lint/app-rules.spec.ts proves they bite).
export const APP_BANNED_ENV = '/^(KAFKA_|DUCKDB_|CHROMA_|SNOWFLAKE_|TRINO_|LLM_|GEMINI_|GOOGLE_API_KEY$|S3_|BINANCE_|COINGECKO_|YAHOO_|MARKET_(SOURCES|NEWS_FEEDS|REQUEST_BUDGET|SEED)$|CDC_(SLOT|PUBLICATION|REPLICA_IDENTITY_FULL)$|DBT_(ENABLED|TARGET|PROJECT_DIR|TARGET_PATH)$|PG[A-Z]|DATABASE_URL$|DATABASE_POOL_SIZE$|WAREHOUSE_DUCKDB_PATH$|ANALYTICS_DUCKDB_PATH$)/';

// Drivers no app may import (its adapter owns it); a lint spec proves the rule bites.
// A regex, not gitignore globs: 'duckdb' as a glob would also match '@ledgerline/duckdb'.
export const APP_BANNED_DRIVERS = '^(pg|pg-.+|kafkajs|@duckdb/.+|duckdb|snowflake-sdk|chromadb|typeorm|@electric-sql/.+)$';

// The DuckDB adapter's raw-connection helpers hand out the driver's connection: apps use the
// adapter's ports, and their tests probeDuckDb (lint spec: tools/lint/app-rules.spec.ts).
const RAW_DUCKDB_CONNECTION = {
  name: '@ledgerline/duckdb',
  importNames: ['withDuckDb', 'leaseDuckDb'],
  message: "A raw DuckDB connection is the adapter's: app code uses its ports, a test probeDuckDb from '@ledgerline/duckdb/testing'.",
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.nx/**',
      '.cache/**',
      '**/.scratch/**',
      '.venv/**',
      'dbt/**',
      'data/**',
      'docs/**',
      'tools/lint-fixtures/**',
      'apps/dashboard/web/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    plugins: { '@nx': nx },
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          // Imported statically for the model and lazily for its generator entry point (faker is
          // heavy; see libs/domain/transactions/src/generator/index.ts): both are intended.
          checkDynamicDependenciesExceptions: ['@ledgerline/transactions', '@ledgerline/transactions/generator'],
          banTransitiveDependencies: false,
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:wiring', 'type:adapter', 'type:domain', 'type:platform'] },
            // The wiring library (libs/wiring): composition shared by several apps that needs more
            // than one adapter (adapters may not import each other, apps may not import each other).
            { sourceTag: 'type:wiring', onlyDependOnLibsWithTags: ['type:adapter', 'type:domain', 'type:platform'] },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:platform'] },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:platform'],
              bannedExternalImports: VENDOR_SDKS,
            },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform'] },
          ],
        },
      ],
    },
  },
  {
    // The Kafka adapter loads kafkajs in one place, after installing its lean produce encoding
    // (see libs/adapters/kafka/src/kafkajs-runtime.ts); types may come from kafkajs directly.
    files: ['libs/adapters/kafka/src/**/*.ts'],
    ignores: ['libs/adapters/kafka/src/kafkajs-runtime.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'kafkajs', message: "Import kafkajs values from './kafkajs-runtime.ts' (it installs the lean produce encoding before kafkajs loads).", allowTypeImports: true }] },
      ],
    },
  },
  {
    // One UsageError for every app (@ledgerline/config): a main recognises bad arguments by it,
    // so an app-local look-alike would slip past another app's or a shared parser's check.
    // Apps see ports only (architecture §2, §5): an adapter's variables are read by its factory
    // (postgresFromEnv, kafkaFromEnv, duckDbFromEnv, chromaFromEnv, snowflakeFromEnv, dbtFromEnv, llmFromEnv, s3OptionsFromEnv, pgoutputOptionsFromEnv, createMarketSources), and no app
    // (nor its tests) reaches a store's `sql`: tests check through @ledgerline/postgres/testing.
    // The wiring library is apps' code shared, held to the same rules.
    files: ['apps/**/*.ts', 'libs/wiring/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ClassDeclaration[id.name=/(Usage|Args)Error$/]',
          message: "Throw UsageError from '@ledgerline/config' instead of declaring an app's own.",
        },
        {
          selector: `MemberExpression[computed=false][property.name=${APP_BANNED_ENV}]`,
          message: "An adapter's variable is read by its factory only (postgresFromEnv, kafkaFromEnv, duckDbFromEnv, chromaFromEnv, snowflakeFromEnv, dbtFromEnv, llmFromEnv, s3OptionsFromEnv, pgoutputOptionsFromEnv, createMarketSources): use what it returns.",
        },
        {
          selector: `MemberExpression[computed=true][property.value=${APP_BANNED_ENV}]`,
          message: "An adapter's variable is read by its factory only (postgresFromEnv, kafkaFromEnv, duckDbFromEnv, chromaFromEnv, snowflakeFromEnv, dbtFromEnv, llmFromEnv, s3OptionsFromEnv, pgoutputOptionsFromEnv, createMarketSources): use what it returns.",
        },
        {
          selector: "MemberExpression[object.type='MemberExpression'][object.property.name='sql'][property.name=/^(query|transaction|backend)$/]",
          message: "Apps never touch a store's `sql`: use the adapter's ports (openPostgres returns them all); a test checks through probeStore from '@ledgerline/postgres/testing'.",
        },
        {
          // `answer.sql` (the agent's queries) and `args.sql` (a CLI argument) are not a store's.
          selector: ":matches(CallExpression, NewExpression) > MemberExpression.arguments[property.name='sql']:matches([object.name=/(store|postgres|pg|db|database|adapter)$/i], [object.property.name=/(store|postgres)$/i])",
          message: "Apps never hand a store's `sql` to anything: openPostgres returns changeFeed, runHistory, analyticsSource, eventLog and producerCheckpoints.",
        },
      ],
    },
  },
  {
    // Apps wire ports; they never hold a driver (architecture §2): every technology is opened by
    // its adapter's factory. Their tests use the adapters' probes instead (the next block).
    files: ['apps/**/*.ts', 'libs/wiring/**/*.ts'],
    ignores: ['apps/**/*.spec.ts', 'apps/**/*.fixture.ts', 'apps/**/test-support/**', 'apps/**/testing/**', 'apps/**/fault-testing/**', 'libs/wiring/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: APP_BANNED_DRIVERS,
              message: 'Apps see ports only: open the technology through its adapter factory (libs/adapters/<tech>, e.g. postgresFromEnv).',
            },
            {
              regex: '^@ledgerline/[a-z-]+/testing$',
              message: "Test helpers are for tests: app code uses the adapter's factory and ports.",
            },
          ],
          paths: [RAW_DUCKDB_CONNECTION],
        },
      ],
    },
  },
  {
    // An app's tests check what landed through the adapters' test entries (probeStore and
    // connectProbe of @ledgerline/postgres/testing, probeKafka of @ledgerline/kafka/testing,
    // probeDuckDb of @ledgerline/duckdb/testing), so a schema or driver change is made in one place.
    files: ['apps/**/*.spec.ts', 'apps/**/*.fixture.ts', 'apps/**/test-support/**', 'apps/**/testing/**', 'apps/**/fault-testing/**', 'libs/wiring/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: APP_BANNED_DRIVERS,
              message: "An app's test reaches a backend through its adapter's test entry: probeStore/connectProbe ('@ledgerline/postgres/testing'), probeKafka ('@ledgerline/kafka/testing'), probeDuckDb ('@ledgerline/duckdb/testing').",
            },
          ],
          paths: [RAW_DUCKDB_CONNECTION],
        },
      ],
    },
  },
);
