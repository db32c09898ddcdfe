import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { envSchema, type LedgerlineEnv } from './schema.ts';

export class ConfigError extends Error {
  constructor(readonly problems: Array<{ variable: string; message: string }>) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}\n` +
        'See .env.example for every variable and its meaning.',
    );
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** A .env file merged under the environment (real env wins). Defaults to ./.env when present. */
  dotenvPath?: string | false;
}

/**
 * Parses and validates the environment once, failing fast with every bad variable named.
 * Empty strings count as unset so that `FOO=` in a .env file means "use the default".
 */
export function loadConfig(options: LoadConfigOptions = {}): LedgerlineEnv {
  const fromFile = readDotenv(options.dotenvPath ?? resolve(process.cwd(), '.env'));
  const merged: Record<string, string | undefined> = { ...fromFile, ...(options.env ?? process.env) };
  const relevant: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = merged[key];
    if (value !== undefined && value.trim() !== '') relevant[key] = value;
  }
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(root)'),
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}

function readDotenv(path: string | false): Record<string, string> {
  if (path === false || !existsSync(path)) return {};
  return parseDotenv(readFileSync(path));
}
