import { describe, expect, it } from 'vitest';
import { SqlRejectedError, type SqlRejectionReason } from './sql-rejected-error.ts';
import { validateReadOnlySql } from './validate-read-only-sql.ts';

const ALLOWED = ['raw.transactions', 'raw.accounts', 'marts.fct_transactions'];

function rejection(sql: string, allowedRelations?: string[]): SqlRejectionReason {
  try {
    validateReadOnlySql(sql, { maxRows: 10, ...(allowedRelations ? { allowedRelations } : {}) });
  } catch (error) {
    if (error instanceof SqlRejectedError) return error.reason;
    throw error;
  }
  throw new Error(`accepted: ${sql}`);
}

describe('validateReadOnlySql', () => {
  it('wraps one SELECT with LIMIT maxRows + 1 and drops trailing semicolons and comments', () => {
    const result = validateReadOnlySql('SELECT category, count(*) FROM raw.transactions GROUP BY 1;  -- done\n', { maxRows: 50 });
    expect(result.statement).toBe('SELECT category, count(*) FROM raw.transactions GROUP BY 1');
    expect(result.sql).toBe(`SELECT * FROM (\n${result.statement}\n) AS read_only_query LIMIT 51`);
    expect(result.fetchLimit).toBe(51);
    expect(result.relations).toEqual(['raw.transactions']);
  });

  it('keeps a trailing line comment from swallowing the wrapper', () => {
    const result = validateReadOnlySql('SELECT 1 AS one -- the answer', { maxRows: 5 });
    expect(result.sql.endsWith('\n) AS read_only_query LIMIT 6')).toBe(true);
    expect(result.statement).toBe('SELECT 1 AS one');
  });

  it('ignores semicolons and keywords inside strings, quoted identifiers, dollar quotes and comments', () => {
    const sql = `WITH x AS (SELECT 'a;b' AS "drop;table", $$; DELETE FROM t$$ AS d, E'it\\'s; fine' AS e /* ; insert /* nested */ ; */)
                 SELECT * FROM x -- ; update`;
    expect(validateReadOnlySql(sql, { maxRows: 1 }).relations).toEqual([]);
  });

  it('refuses a second statement, however it is hidden', () => {
    expect(rejection('SELECT 1; SELECT 2')).toBe('multiple_statements');
    expect(rejection("SELECT ';' ; DROP TABLE raw.transactions")).toBe('multiple_statements');
    expect(rejection('SELECT 1 /* c */; /* c */ SELECT 2;')).toBe('multiple_statements');
  });

  it('refuses writes, DDL, settings and file or extension statements', () => {
    for (const sql of [
      'INSERT INTO raw.transactions VALUES (1)',
      'UPDATE raw.transactions SET amount = 0',
      'DELETE FROM raw.transactions',
      'CREATE TABLE x AS SELECT 1',
      'DROP TABLE raw.transactions',
      "COPY raw.transactions TO '/tmp/x.csv'",
      "ATTACH '/tmp/other.duckdb'",
      'PRAGMA database_list',
      'INSTALL httpfs',
      'LOAD httpfs',
      "EXPORT DATABASE '/tmp/x'",
      "SET memory_limit = '1GB'",
      'CALL pragma_version()',
      'EXPLAIN SELECT 1',
      'VALUES (1)',
    ]) {
      expect(['not_a_select', 'forbidden_keyword']).toContain(rejection(sql));
    }
    expect(rejection('WITH gone AS (DELETE FROM raw.transactions RETURNING *) SELECT * FROM gone')).toBe('forbidden_keyword');
    expect(rejection('SELECT * INTO copy_of FROM raw.transactions')).toBe('forbidden_keyword');
    expect(rejection('SELECT * FROM raw.transactions FOR UPDATE')).toBe('forbidden_keyword');
    expect(rejection('SELECT * FROM (SUMMARIZE raw.transactions)')).toBe('forbidden_keyword');
  });

  it('refuses file, environment and dynamic-SQL functions and string relations', () => {
    expect(rejection("SELECT * FROM read_csv('/etc/passwd')")).toBe('forbidden_function');
    expect(rejection("SELECT * FROM glob('/home/*')")).toBe('forbidden_function');
    expect(rejection("SELECT getenv('GOOGLE_API_KEY')")).toBe('forbidden_function');
    expect(rejection("SELECT * FROM query('DROP TABLE x')")).toBe('forbidden_function');
    expect(rejection("SELECT pg_read_file('/etc/passwd')")).toBe('forbidden_function');
    expect(rejection("SELECT * FROM '/etc/passwd'")).toBe('file_access');
  });

  it('refuses bind parameters, empty input and unterminated text', () => {
    expect(rejection('SELECT * FROM raw.transactions WHERE tx_id = $1')).toBe('parameters');
    expect(rejection('SELECT * FROM raw.transactions WHERE tx_id = ?')).toBe('parameters');
    expect(rejection('  ;; -- nothing')).toBe('empty');
    expect(rejection("SELECT 'open")).toBe('syntax');
    expect(rejection('SELECT 1 /* open')).toBe('syntax');
    expect(rejection('SELECT "open')).toBe('syntax');
    expect(() => validateReadOnlySql('SELECT 1', { maxRows: 0 })).toThrow(SqlRejectedError);
  });

  it('enforces the allow-list on FROM, JOIN, comma lists and subqueries, but not on CTE names', () => {
    const ok = validateReadOnlySql(
      `WITH spend AS (SELECT t.*, a.customer_id FROM raw.transactions t JOIN raw.accounts a ON a.account_id = t.account_id)
       SELECT extract(year FROM occurred_at) AS y, count(*) FROM spend
       WHERE category IS DISTINCT FROM 'Income' AND EXISTS (SELECT 1 FROM marts.fct_transactions f WHERE f.tx_id = spend.tx_id)
       GROUP BY 1`,
      { maxRows: 10, allowedRelations: ALLOWED },
    );
    expect([...ok.relations].sort()).toEqual(['marts.fct_transactions', 'raw.accounts', 'raw.transactions']);
    expect(rejection('SELECT * FROM raw._sync_state', ALLOWED)).toBe('relation_not_allowed');
    expect(rejection('SELECT * FROM raw.transactions t JOIN main.secrets s ON true', ALLOWED)).toBe('relation_not_allowed');
    expect(rejection('SELECT * FROM raw.transactions t JOIN raw.accounts a ON a.account_id = t.account_id, secrets', ALLOWED)).toBe(
      'relation_not_allowed',
    );
    expect(rejection('SELECT * FROM raw.transactions, "Raw".secrets', ALLOWED)).toBe('relation_not_allowed');
    expect(rejection('SELECT (SELECT max(x) FROM other.t) FROM raw.transactions', ALLOWED)).toBe('relation_not_allowed');
    expect(rejection('SELECT * FROM (FROM information_schema.tables)', ALLOWED)).toBe('relation_not_allowed');
    expect(rejection('SELECT * FROM duckdb_tables()', ALLOWED)).toBe('relation_not_allowed');
    expect(validateReadOnlySql('SELECT * FROM generate_series(1, 3)', { maxRows: 3, allowedRelations: ALLOWED }).relations).toEqual([]);
  });

  it('treats a qualified column named like a keyword as a column', () => {
    expect(validateReadOnlySql('SELECT t.set, t.update FROM raw.transactions t', { maxRows: 1 }).relations).toEqual(['raw.transactions']);
  });
});
