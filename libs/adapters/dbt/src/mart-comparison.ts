import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Logger } from '@ledgerline/logging';

export interface MartComparisonSettings {
  /** Repository root: where .venv and tools/dbt/fakesnow/compare_marts.py are. */
  readonly repoRoot: string;
  /** The DuckDB warehouse file dbt built the reference marts in. */
  readonly duckdbPath: string;
  /** The Snowflake build's dbt var schema_prefix (its marts are `<prefix>MARTS`). */
  readonly schemaPrefix: string;
  /** Columns of any mart left out (e.g. the sync's own clock, which differs between two syncs). */
  readonly ignoreColumns?: readonly string[];
  /** SNOWFLAKE_* for the Python connector, over the process environment. */
  readonly env?: Readonly<Record<string, string>>;
  readonly logger: Logger;
}

export interface MartComparisonResult {
  readonly equal: boolean;
  /** What the comparison printed: the counts when equal, the first differences when not. */
  readonly output: string[];
}

/**
 * The marts of a Snowflake build against DuckDB's, to the cent, with the same script (and SQL)
 * CI runs after its fakesnow build: tools/dbt/fakesnow/compare_marts.py on the project's .venv.
 */
export async function compareMartsWithDuckDb(settings: MartComparisonSettings): Promise<MartComparisonResult> {
  const script = resolve(settings.repoRoot, 'tools/dbt/fakesnow/compare_marts.py');
  const args = [script, '--duckdb', resolve(settings.duckdbPath), '--schema-prefix', settings.schemaPrefix, '--label', 'snowflake-smoke'];
  for (const column of settings.ignoreColumns ?? []) args.push('--ignore-column', column);
  const output: string[] = [];
  const exitCode = await new Promise<number>((done, reject) => {
    const child = spawn(resolve(settings.repoRoot, '.venv/bin/python'), args, {
      cwd: resolve(settings.repoRoot, 'tools/dbt/fakesnow'),
      env: { ...process.env, ...settings.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        settings.logger.debug(line);
        output.push(line);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => reject(new Error(`cannot start the mart comparison (${script}): ${error.message}`)));
    child.on('close', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
  return { equal: exitCode === 0, output: output.slice(-40) };
}
