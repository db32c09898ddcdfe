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

// Drivers no app may import (its adapter owns it); a lint spec proves the rule bites.
// A regex, not gitignore globs: 'duckdb' as a glob would also match '@ledgerline/duckdb'.
export const APP_BANNED_DRIVERS = '^(pg|pg-.+|kafkajs|@duckdb/.+|duckdb|snowflake-sdk|chromadb|typeorm|@electric-sql/.+)$';

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
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:adapter', 'type:domain', 'type:platform'] },
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
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ClassDeclaration[id.name=/(Usage|Args)Error$/]',
          message: "Throw UsageError from '@ledgerline/config' instead of declaring an app's own.",
        },
      ],
    },
  },
  {
    // Apps wire ports; they never hold a driver (architecture §2): every technology is opened by
    // its adapter's factory. Tests and their helpers may reach a database directly to check it.
    files: ['apps/**/*.ts'],
    ignores: ['apps/**/*.spec.ts', 'apps/**/*.fixture.ts', 'apps/**/test-support/**', 'apps/**/testing/**', 'apps/**/fault-testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: APP_BANNED_DRIVERS,
              message: 'Apps see ports only: open the technology through its adapter factory (libs/adapters/<tech>, e.g. postgresFromEnv).',
            },
          ],
        },
      ],
    },
  },
);
