import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensurePythonEnv, repoRoot } from '@ledgerline/testing';

export interface DialectStatement {
  readonly origin: string;
  readonly sql: string;
}

export interface DialectReport {
  readonly exitCode: number;
  /** One line per finding: `<origin>: [<rule>] <message>`. */
  readonly findings: string[];
}

const SCRIPT = join(repoRoot(), 'tools/snowflake-dialect/check_dialect.py');

/** Runs check_dialect.py (sqlglot, read="snowflake", plus rules.py) over the statements. */
export async function checkSnowflakeDialect(statements: readonly DialectStatement[]): Promise<DialectReport> {
  const { python } = await ensurePythonEnv();
  const input = statements.map((s) => JSON.stringify({ origin: s.origin, sql: s.sql })).join('\n');
  const run = spawnSync(python, [SCRIPT, '--stdin-jsonl'], { input, encoding: 'utf8', cwd: join(repoRoot(), 'tools/snowflake-dialect') });
  if (run.error) throw run.error;
  if (run.status === 2 || run.status === null) throw new Error(`check_dialect.py failed (${run.status}): ${run.stderr}`);
  const findings = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('[snowflake-dialect] ') && !/statements\/files checked/.test(line))
    .map((line) => line.slice('[snowflake-dialect] '.length));
  if (run.status !== 0 && findings.length === 0) throw new Error(`check_dialect.py failed (${run.status}): ${run.stderr}`);
  return { exitCode: run.status, findings };
}
