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

  it('refuses a driver in app code, and allows it in an app test', async () => {
    const code = ["import pg from 'pg';", "import { Kafka } from 'kafkajs';", "import { DuckDBInstance } from '@duckdb/node-api';", "import snowflake from 'snowflake-sdk';", 'export const all = [pg, Kafka, DuckDBInstance, snowflake];', ''].join('\n');
    expect(await lint('apps/producer/src/wiring.ts', code)).toEqual([1, 2, 3, 4].map((l) => `@typescript-eslint/no-restricted-imports:${l}`));
    expect(await lint('apps/producer/src/wiring.int.spec.ts', code)).toEqual([]);
  });

  it('refuses an app-local UsageError', async () => {
    expect(await lint('apps/producer/src/args.ts', 'export class UsageError extends Error {}\n')).toEqual(['no-restricted-syntax:1']);
  });
  // The real apps are held to the rule by `npm run lint` itself.
});
