/**
 * An error the emulator reports the way Snowflake does: HTTP 200 with `success: false`, a
 * Snowflake error code (e.g. '002003' object does not exist) and an SQLSTATE. The driver turns
 * it into an OperationFailedError carrying `code` and `sqlState`.
 */
export class SnowflakeError extends Error {
  constructor(
    readonly code: string,
    readonly sqlState: string,
    message: string,
  ) {
    super(message);
    this.name = 'SnowflakeError';
  }
}

/** Maps a DuckDB error message onto the nearest Snowflake error code and SQLSTATE. */
export function fromDuckDbError(error: unknown): SnowflakeError {
  if (error instanceof SnowflakeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const detail = message.split('\n')[0] ?? message;
  const rules: Array<[RegExp, string, string, string]> = [
    [/^Catalog Error: (Table|Schema|View|Type) with name/i, '002003', '42S02', 'SQL compilation error:\nObject does not exist or not authorized. '],
    [/^Catalog Error: .*already exists/i, '002002', '42710', 'SQL compilation error:\nObject already exists. '],
    [/^Catalog Error/i, '002003', '42S02', 'SQL compilation error:\n'],
    [/^Parser Error/i, '001003', '42000', 'SQL compilation error:\nsyntax error: '],
    [/^Binder Error: .*(not found|does not have a column|Referenced column)/i, '000904', '42000', 'SQL compilation error: error line 0 at position 0\ninvalid identifier: '],
    [/^Binder Error/i, '002028', '42601', 'SQL compilation error:\n'],
    [/^Constraint Error: NOT NULL/i, '100072', '22000', 'NULL result in a non-nullable column. '],
    [/^Constraint Error/i, '100072', '22000', ''],
    [/^Conversion Error|^Invalid Input Error: Could not convert|^Invalid Input Error: CSV Error/i, '100038', '22018', 'Numeric value is not recognized / data conversion failed. '],
    [/^Out of Range Error/i, '100039', '22003', 'Numeric value out of range. '],
    [/^TransactionContext Error|^Transaction/i, '000625', '57014', 'Transaction error: '],
  ];
  for (const [pattern, code, sqlState, prefix] of rules) {
    if (pattern.test(detail)) return new SnowflakeError(code, sqlState, `${prefix}${message}`);
  }
  return new SnowflakeError('100000', 'XX000', message);
}
