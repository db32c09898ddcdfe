/** Where the RAW contract lives in Snowflake: `<database>.<schema>`, e.g. LEDGERLINE.RAW. */
export interface RawTarget {
  readonly database: string;
  readonly schema: string;
}

const PLAIN_IDENTIFIER = /^[A-Z_][A-Z0-9_$]*$/;

/**
 * An identifier as Snowflake stores an unquoted one (upper case), double-quoted so that a name
 * that happens to be a reserved word (e.g. a column `start`) still works. dbt and analysts can
 * keep writing `raw.transactions.tx_id` unquoted: it resolves to the same upper-case name.
 */
export function quoteIdentifier(name: string): string {
  const upper = name.toUpperCase();
  if (!PLAIN_IDENTIFIER.test(upper)) throw new RangeError(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return `"${upper}"`;
}

/** `"LEDGERLINE"."RAW"."TRANSACTIONS"`: fully qualified, so the session's current schema never matters. */
export function rawTable(target: RawTarget, table: string): string {
  return `${quoteIdentifier(target.database)}.${quoteIdentifier(target.schema)}.${quoteIdentifier(table)}`;
}

export function rawSchema(target: RawTarget): string {
  return `${quoteIdentifier(target.database)}.${quoteIdentifier(target.schema)}`;
}

/**
 * A single-quoted string literal. Snowflake treats backslash as an escape character inside
 * literals, so backslashes are doubled as well as quotes.
 */
export function sqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
