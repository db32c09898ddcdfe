import type { SyncColumnType } from '@ledgerline/warehouse-sync';

/** The RAW contract's types in Snowflake (docs/conventions.md: money decimal(15,2), timestamptz, bigint). */
export const SNOWFLAKE_TYPES: Readonly<Record<SyncColumnType, string>> = {
  string: 'VARCHAR',
  money: 'NUMBER(15,2)',
  decimal: 'NUMBER(28,8)',
  timestamp: 'TIMESTAMP_TZ',
  boolean: 'BOOLEAN',
  bigint: 'NUMBER(38,0)',
  integer: 'NUMBER(38,0)',
};

/**
 * Types of the temporary staging table. Money and timestamps travel as the port's strings and
 * are converted by Snowflake in the MERGE (exact for decimals: no float on the way); integers
 * arrive as decimal text and are exact in NUMBER(38,0).
 */
export const STAGING_TYPES: Readonly<Record<SyncColumnType, string>> = {
  string: 'VARCHAR',
  money: 'VARCHAR',
  decimal: 'VARCHAR',
  timestamp: 'VARCHAR',
  boolean: 'BOOLEAN',
  bigint: 'NUMBER(38,0)',
  integer: 'NUMBER(38,0)',
};

/** The staged value converted to its RAW type (one-argument TO_TIMESTAMP_TZ reads ISO-8601 with offset). */
export function fromStaged(type: SyncColumnType, expression: string): string {
  if (type === 'money') return `TO_NUMBER(${expression}, 15, 2)`;
  if (type === 'decimal') return `TO_NUMBER(${expression}, 28, 8)`;
  if (type === 'timestamp') return `TO_TIMESTAMP_TZ(${expression})`;
  return expression;
}
