import { SnowflakeError } from '../protocol/snowflake-error.ts';
import { optionBoolean, optionList, optionString, type OptionMap } from '../sql/option-list.ts';
import { quoteLiteral } from '../exec/duckdb-names.ts';

/**
 * A Snowflake CSV file format (FILE_FORMAT = (TYPE = CSV ...)) as DuckDB read_csv arguments.
 * Supported: FIELD_DELIMITER, SKIP_HEADER, FIELD_OPTIONALLY_ENCLOSED_BY, ESCAPE, NULL_IF,
 * EMPTY_FIELD_AS_NULL, COMPRESSION (AUTO/GZIP/NONE), ERROR_ON_COLUMN_COUNT_MISMATCH.
 * Unquoted empty fields are NULL and quoted empty fields ("") are empty strings, as in Snowflake.
 */
export function readCsvArguments(format: OptionMap, columns: Array<{ name: string; type: string }>, ignoreErrors: boolean): string {
  const type = (optionString(format, 'TYPE') ?? 'CSV').toUpperCase();
  if (type !== 'CSV') throw new SnowflakeError('000002', '0A000', `File format TYPE = ${type} is not emulated (CSV only).`);
  const delimiter = unescape(optionString(format, 'FIELD_DELIMITER') ?? ',');
  const enclosedBy = optionString(format, 'FIELD_OPTIONALLY_ENCLOSED_BY');
  const quote = enclosedBy === undefined || enclosedBy.toUpperCase() === 'NONE' ? '' : unescape(enclosedBy);
  const escapeOption = optionString(format, 'ESCAPE');
  const escape = escapeOption === undefined || escapeOption.toUpperCase() === 'NONE' ? quote : unescape(escapeOption);
  const nulls = new Set(optionList(format, 'NULL_IF') ?? ['\\N']);
  if (optionBoolean(format, 'EMPTY_FIELD_AS_NULL') ?? true) nulls.add('');
  const compression = (optionString(format, 'COMPRESSION') ?? 'AUTO').toUpperCase();
  const duckCompression = compression === 'GZIP' ? 'gzip' : compression === 'NONE' ? 'none' : 'auto';
  const columnSpec = columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ');
  return [
    'header = false',
    `skip = ${Number(optionString(format, 'SKIP_HEADER') ?? 0)}`,
    `delim = ${quoteLiteral(delimiter)}`,
    `quote = ${quoteLiteral(quote)}`,
    `escape = ${quoteLiteral(escape)}`,
    `nullstr = [${[...nulls].map(quoteLiteral).join(', ')}]`,
    'allow_quoted_nulls = false',
    'auto_detect = false',
    `compression = ${quoteLiteral(duckCompression)}`,
    `null_padding = ${optionBoolean(format, 'ERROR_ON_COLUMN_COUNT_MISMATCH') === false}`,
    `ignore_errors = ${ignoreErrors}`,
    `columns = {${columnSpec}}`,
  ].join(', ');
}

/** Snowflake writes control characters as escapes in format options ('\t', '\\n', '\x01'). */
function unescape(value: string): string {
  return value
    .replace(/\\t/g, '\t')
    .replace(/\\n/g, '\n')
    .replace(/\\r/g, '\r')
    .replace(/\\x([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
