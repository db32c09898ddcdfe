import { describe, expect, it } from 'vitest';
import { SqlRejectedError, type SqlRejectionReason } from './sql-rejected-error.ts';
import { validateReadOnlySql, type ReadOnlySqlRules } from './validate-read-only-sql.ts';

// The read-only guard on Trino's dialect (the Trino AnalyticsStore's runReadOnlySql): the session
// catalog is `lake`; `ops` (the operational PostgreSQL) may be allowed explicitly.
const TRINO: ReadOnlySqlRules = { maxRows: 10, dialect: 'trino', catalogs: { current: 'lake' } };

function rejection(sql: string, rules: Partial<ReadOnlySqlRules> = {}): SqlRejectionReason {
  try {
    validateReadOnlySql(sql, { ...TRINO, ...rules });
  } catch (error) {
    if (error instanceof SqlRejectedError) return error.reason;
    throw error;
  }
  throw new Error(`accepted: ${sql}`);
}

describe('validateReadOnlySql on Trino', () => {
  it('passes plain SELECTs, with the session catalog written or not', () => {
    const allowedRelations = ['raw.transactions', 'marts.fct_transactions'];
    expect(validateReadOnlySql('SELECT count(*) FROM raw.transactions WHERE NOT _deleted', { ...TRINO, allowedRelations }).relations).toEqual(['raw.transactions']);
    expect(validateReadOnlySql('SELECT t.tx_id FROM lake.raw.transactions t JOIN "lake"."marts"."fct_transactions" f ON f.tx_id = t.tx_id', { ...TRINO, allowedRelations }).relations).toEqual([
      'raw.transactions',
      'marts.fct_transactions',
    ]);
    const series = 'SELECT d FROM UNNEST(sequence(DATE \'2026-01-01\', DATE \'2026-01-31\')) AS s(d)';
    expect(validateReadOnlySql(series, { ...TRINO, allowedRelations }).relations).toEqual([]);
  });

  it('refuses writes, DDL and session statements', () => {
    expect(rejection('INSERT INTO raw.transactions SELECT * FROM raw.transactions')).toBe('not_a_select');
    expect(rejection('CREATE TABLE lake.raw.copy AS SELECT * FROM raw.transactions')).toBe('not_a_select');
    expect(rejection('ALTER TABLE raw.transactions ADD COLUMN x varchar')).toBe('not_a_select');
    expect(rejection("SET SESSION query_max_execution_time = '1h'")).toBe('not_a_select');
    expect(rejection('RESET SESSION query_max_execution_time')).toBe('not_a_select');
    expect(rejection('START TRANSACTION')).toBe('not_a_select');
    expect(rejection('USE ops.public')).toBe('not_a_select');
    expect(rejection('EXPLAIN ANALYZE SELECT 1')).toBe('not_a_select');
    expect(rejection("EXECUTE IMMEDIATE 'DELETE FROM raw.transactions'")).toBe('not_a_select');
    expect(rejection('DENY SELECT ON raw.transactions TO ROLE analyst')).toBe('not_a_select');
    // The same words inside a query that does start with WITH or SELECT.
    expect(rejection('WITH x AS (SELECT 1) INSERT INTO raw.t SELECT * FROM x')).toBe('forbidden_keyword');
    expect(rejection('SELECT * FROM raw.transactions WHERE tx_id IN (SELECT tx_id FROM raw.transactions) UNION ALL SELECT * FROM (DELETE FROM raw.t)')).toBe('forbidden_keyword');
  });

  it('refuses system procedures, table functions and inline routines', () => {
    expect(rejection("CALL lake.system.rollback_to_snapshot('raw', 'transactions', 1)")).toBe('not_a_select');
    expect(rejection("CALL system.sync_partition_metadata('raw', 'transactions', 'FULL')")).toBe('not_a_select');
    // The PostgreSQL connector's query table function runs its text on PostgreSQL as is.
    expect(rejection("SELECT * FROM TABLE(ops.system.query(query => 'DELETE FROM accounts'))", { catalogs: { current: 'lake', allowed: ['ops'] } })).toBe('forbidden_keyword');
    expect(rejection("SELECT * FROM ops.system.query(query => 'DELETE FROM accounts')", { catalogs: { current: 'lake', allowed: ['ops'] } })).toBe('relation_not_allowed');
    expect(rejection('WITH FUNCTION spin() RETURNS bigint BEGIN WHILE true DO END WHILE; RETURN 1; END SELECT spin()')).toBe('multiple_statements');
    expect(rejection('WITH FUNCTION one() RETURNS bigint RETURN 1 SELECT one()')).toBe('forbidden_keyword');
    expect(rejection("WITH SESSION query_max_execution_time = '1h' SELECT 1")).toBe('forbidden_keyword');
  });

  it('refuses catalogs other than the session one unless allowed', () => {
    expect(rejection('SELECT * FROM ops.public.accounts')).toBe('catalog_not_allowed');
    expect(rejection('SELECT * FROM system.runtime.queries')).toBe('catalog_not_allowed');
    expect(rejection('SELECT * FROM raw.transactions t JOIN "SYSTEM".jdbc.tables x ON true')).toBe('catalog_not_allowed');
    expect(rejection('SELECT * FROM a.b.c.d')).toBe('syntax');
    const federated = 'SELECT a.currency, count(*) FROM ops.public.accounts a JOIN raw.transactions t ON t.account_id = a.account_id GROUP BY 1';
    const rules = { ...TRINO, catalogs: { current: 'lake', allowed: ['ops'] } };
    expect(validateReadOnlySql(federated, rules).relations).toEqual(['ops.public.accounts', 'raw.transactions']);
    // An allowed catalog's relations are still held to the allow-list, by their full name.
    expect(() => validateReadOnlySql(federated, { ...rules, allowedRelations: ['raw.transactions'] })).toThrow(/ops\.public\.accounts is not on the allow-list/);
    expect(() => validateReadOnlySql('SELECT 1', { maxRows: 1, dialect: 'trino' })).toThrow(SqlRejectedError);
  });

  it("reads strings and comments by Trino's rules: no backslash escapes, no dollar quotes, comments do not nest", () => {
    // By PostgreSQL's rules the first is one E'' string and the second one nested comment: the guard
    // would see a bare SELECT while Trino runs the table function.
    const hiddenInString = "SELECT E'\\' AS x, q.* FROM system.runtime.queries q --'";
    const hiddenInComment = "SELECT 1 /* /* */ , x FROM TABLE(ops.system.query(query => 'DELETE FROM accounts')) -- */";
    expect(validateReadOnlySql(hiddenInString, { maxRows: 1 }).relations).toEqual([]); // the standard reading
    expect(validateReadOnlySql(hiddenInComment, { maxRows: 1 }).relations).toEqual([]);
    expect(rejection(hiddenInString)).toBe('catalog_not_allowed');
    expect(rejection(hiddenInComment)).toBe('forbidden_keyword');
    expect(rejection('SELECT $$ x $$')).toBe('parameters');
    expect(rejection('SELECT 1 /* never closed')).toBe('syntax');
    expect(validateReadOnlySql("SELECT 'it''s' AS s, \"a\"\"b\" FROM raw.transactions /* c */", TRINO).relations).toEqual(['raw.transactions']);
  });
});
