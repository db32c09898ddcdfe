import type { DuckDbOutcome } from '../exec/run-duckdb.ts';
import { columnMetadata } from './column-metadata.ts';
import { formatValue } from './format-value.ts';
import { STATEMENT_TYPE, type StatementResult } from './statement-result.ts';

/**
 * Column names as Snowflake reports them. Names of plain columns are already upper case (the
 * translator upper-cases unquoted identifiers); DuckDB names expressions after their text with
 * lower-case function names (`sum(AMT)`), which Snowflake reports upper-cased (`SUM(AMT)`).
 */
export function snowflakeColumnName(name: string): string {
  if (name === 'count_star()') return 'COUNT(*)';
  return name.includes('(') ? name.toUpperCase() : name;
}

/** A query's rows as a JSON rowset with its rowtype. */
export function rowsResult(outcome: DuckDbOutcome, statementTypeId: number = STATEMENT_TYPE.select): StatementResult {
  const rowtype = outcome.columnNames.map((name, k) => columnMetadata(snowflakeColumnName(name), outcome.columnTypes[k]!));
  const rowset = outcome.rows.map((row) => row.map((value, k) => formatValue(value, rowtype[k]!.type)));
  return { rowtype, rowset, statementTypeId };
}
