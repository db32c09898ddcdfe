import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral } from '../exec/duckdb-names.ts';
import { SnowflakeError } from '../protocol/snowflake-error.ts';
import { optionString, type OptionMap } from '../sql/option-list.ts';
import type { StageFile } from './stage-files.ts';

export const isParquetFormat = (format: OptionMap) => (optionString(format, 'TYPE') ?? 'CSV').toUpperCase() === 'PARQUET';

export type ParquetRead = { ok: true; select: string; rows: number } | { ok: false; error: string };

/**
 * Reads a staged Parquet file for COPY INTO ... FILE_FORMAT = (TYPE = PARQUET)
 * MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE | CASE_SENSITIVE, as Snowflake loads it: each target
 * column takes the file column of the same name (cast to its type), a column the file lacks is
 * NULL, file columns the table lacks are ignored. Every value is converted once here (on the
 * scratch connection) so a corrupt or truncated file is `{ ok: false }` before anything is
 * written; `select` is then the INSERT's source. Without MATCH_BY_COLUMN_NAME Snowflake loads
 * Parquet only into a single VARIANT column (or through a transformation, not emulated): refused
 * with its message. TIMESTAMP_TZ targets are not converted (no Parquet load needs them yet).
 */
export async function readParquetFile(
  scratch: DuckDBConnection,
  file: StageFile,
  options: OptionMap,
  columns: ReadonlyArray<{ name: string; type: string; timestampTz: boolean }>,
): Promise<ParquetRead> {
  const match = (optionString(options, 'MATCH_BY_COLUMN_NAME') ?? 'NONE').toUpperCase();
  if (match !== 'CASE_INSENSITIVE' && match !== 'CASE_SENSITIVE') {
    throw new SnowflakeError(
      '002019',
      '0A000',
      'SQL compilation error:\nPARQUET file format can produce one and only one column of type variant, object, or array. Load data into separate columns using the MATCH_BY_COLUMN_NAME copy option or copy with transformation.',
    );
  }
  if (columns.some((c) => c.timestampTz)) throw new SnowflakeError('000002', '0A000', 'COPY INTO a TIMESTAMP_TZ column from Parquet is not emulated.');
  const source = `read_parquet(${quoteLiteral(file.absolute)})`;
  try {
    const fileColumns = (await scratch.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRows().map((row) => String(row[0]));
    const same = (a: string, b: string) => (match === 'CASE_SENSITIVE' ? a === b : a.toUpperCase() === b.toUpperCase());
    const values = columns.map((column) => {
      const found = fileColumns.find((name) => same(name, column.name));
      return `${found === undefined ? `CAST(NULL AS ${column.type})` : `CAST(${quoteIdent(found)} AS ${column.type})`} AS ${quoteIdent(column.name)}`;
    });
    const select = `SELECT ${values.join(', ')} FROM ${source}`;
    // count(column) makes DuckDB decode and convert every value of every column.
    const counted = columns.map((c) => `count(${quoteIdent(c.name)})`).join(', ');
    const rows = Number((await scratch.runAndReadAll(`SELECT count(*), ${counted} FROM (${select})`)).getRows()[0]?.[0] ?? 0);
    return { ok: true, select, rows };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, error: `Error parsing the parquet file: ${detail}` };
  }
}
