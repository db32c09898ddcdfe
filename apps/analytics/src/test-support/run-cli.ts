import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@ledgerline/testing';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `apps/analytics/src/main.ts <args>` in a child process, as `nx run analytics:serve` would,
 * with exactly the given configuration (every variable the CLI reads is set or blanked, so a
 * developer's .env cannot leak in: blank counts as unset for loadConfig).
 */
export function runCli(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  const root = repoRoot();
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    WAREHOUSE: 'duckdb',
    WAREHOUSE_DUCKDB_PATH: '',
    ANALYTICS_DUCKDB_PATH: '',
    DBT_ENABLED: 'false',
    ...env,
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'apps/analytics/src/main.ts'), ...args],
      { cwd: root, env: childEnv, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
