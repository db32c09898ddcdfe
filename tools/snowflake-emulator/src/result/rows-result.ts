import type { DuckDbOutcome } from '../exec/run-duckdb.ts';
import { columnMetadata } from './column-metadata.ts';
import { formatValue } from './format-value.ts';
import { STATEMENT_TYPE, type StatementResult } from './statement-result.ts';

/**
 * Column names as Snowflake reports them: upper case unless quoted. The translator already
 * upper-cases unquoted identifiers, but DuckDB names expressions after their text with
 * lower-case function names (`sum(AMT)`), and its system views (information_schema) have
 * lower-case columns; Snowflake reports both upper-cased. A name is kept as is when it has
 * upper-case letters or is one of the statement's quoted identifiers (`quoted`).
 */
export function snowflakeColumnName(name: string, quoted: ReadonlySet<string> = new Set()): string {
  if (name === 'count_star()') return 'COUNT(*)';
  if (quoted.has(name)) return name;
  if (name.includes('(') || name === name.toLowerCase()) return name.toUpperCase();
  return name;
}

/** A query's rows as a JSON rowset with its rowtype. */
export function rowsResult(outcome: DuckDbOutcome, quoted: ReadonlySet<string> = new Set(), statementTypeId: number = STATEMENT_TYPE.select): StatementResult {
  const rowtype = outcome.columnNames.map((name, k) => columnMetadata(snowflakeColumnName(name, quoted), outcome.columnTypes[k]!));
  const rowset = outcome.rows.map((row) => row.map((value, k) => formatValue(value, rowtype[k]!.type)));
  return { rowtype, rowset, statementTypeId };
}
