import { syntheticColumn, type ColumnMetadata } from './column-metadata.ts';

/**
 * Statement type ids as the driver interprets them (lib/connection/result/statement_type.js):
 * 0x3xxx are DML, and for INSERT/UPDATE/DELETE/MERGE the driver's getNumUpdatedRows() adds up
 * the result's count columns.
 */
export const STATEMENT_TYPE = {
  select: 0x1000,
  dml: 0x3000,
  insert: 0x3100,
  update: 0x3200,
  delete: 0x3300,
  merge: 0x3400,
  scl: 0x4000,
  tcl: 0x5000,
  ddl: 0x6000,
} as const;

export interface StatementResult {
  rowtype: ColumnMetadata[];
  rowset: Array<Array<string | null>>;
  statementTypeId: number;
}

/** `status` text result, as Snowflake answers DDL, USE, ALTER SESSION and transactions. */
export function statusResult(message: string, statementTypeId: number = STATEMENT_TYPE.ddl): StatementResult {
  return { rowtype: [syntheticColumn('status', 'text')], rowset: [[message]], statementTypeId };
}

/** DML counts, e.g. [['number of rows inserted', 3]]. */
export function countsResult(counts: Array<[string, number]>, statementTypeId: number): StatementResult {
  return {
    rowtype: counts.map(([name]) => syntheticColumn(name, 'fixed')),
    rowset: [counts.map(([, n]) => String(n))],
    statementTypeId,
  };
}
