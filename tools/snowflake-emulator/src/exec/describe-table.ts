import { SnowflakeError } from '../protocol/snowflake-error.ts';
import { isTimestampTzTypeName } from '../sql/timestamp-tz.ts';
import { syntheticColumn } from '../result/column-metadata.ts';
import { STATEMENT_TYPE, type StatementResult } from '../result/statement-result.ts';
import type { ExecContext } from '../state/emulator-state.ts';
import { joinTokens } from '../sql/tokenize.ts';
import type { TokenEditor } from '../sql/token-editor.ts';
import { translateToDuckDb } from '../sql/translate.ts';

/** DuckDB column types -> the names Snowflake's DESCRIBE TABLE prints. */
export function snowflakeTypeName(duckType: string): string {
  if (isTimestampTzTypeName(duckType)) return 'TIMESTAMP_TZ(9)';
  const type = duckType.toUpperCase();
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(type);
  if (decimal) return `NUMBER(${decimal[1]},${decimal[2]})`;
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(type)) return 'NUMBER(38,0)';
  if (type === 'DOUBLE' || type === 'FLOAT') return 'FLOAT';
  if (type.startsWith('VARCHAR')) return 'VARCHAR(16777216)';
  if (type === 'TIMESTAMP WITH TIME ZONE') return 'TIMESTAMP_TZ(9)';
  if (type.startsWith('TIMESTAMP')) return 'TIMESTAMP_NTZ(9)';
  if (type === 'TIME') return 'TIME(9)';
  if (type === 'BLOB') return 'BINARY(8388608)';
  if (type === 'JSON') return 'VARIANT';
  return type;
}

/** DESCRIBE|DESC TABLE|VIEW name: one row per column, in Snowflake's column layout. */
export async function describeTable({ state, session }: ExecContext, editor: TokenEditor): Promise<StatementResult> {
  const object = editor.kw(1);
  if (object !== 'TABLE' && object !== 'VIEW') throw new SnowflakeError('000002', '0A000', 'Only DESCRIBE TABLE and DESCRIBE VIEW are emulated.');
  const nameTokens = editor.tokens.slice(editor.sig[2] ?? editor.tokens.length);
  const { sql } = translateToDuckDb(`SELECT * FROM ${joinTokens(nameTokens)}`, {
    databases: state.databases,
    tempTables: session.tempTables,
    facts: session.facts(),
  });
  const reader = await session.connection.runAndReadAll(`DESCRIBE ${sql.replace(/^SELECT \* FROM /, '')}`);
  const names = ['name', 'type', 'kind', 'null?', 'default', 'primary key', 'unique key', 'check', 'expression', 'comment'];
  return {
    rowtype: names.map((n) => syntheticColumn(n, 'text')),
    rowset: reader.getRowObjects().map((row) => [
      String(row['column_name']),
      snowflakeTypeName(String(row['column_type'])),
      'COLUMN',
      row['null'] === 'NO' ? 'N' : 'Y',
      row['default'] === null || row['default'] === undefined ? null : String(row['default']),
      'N',
      'N',
      null,
      null,
      null,
    ]),
    statementTypeId: STATEMENT_TYPE.scl,
  };
}
