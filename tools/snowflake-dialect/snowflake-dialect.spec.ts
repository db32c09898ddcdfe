import { beforeAll, describe, expect, it } from 'vitest';
import { renderAllStatements } from '@ledgerline/snowflake';
import { DEFAULT_SYNC_TABLES } from '@ledgerline/warehouse-sync';
import { checkSnowflakeDialect, type DialectReport } from './check-dialect.ts';

// Each rule with a statement it must catch (what DuckDB-based emulators accept and Snowflake
// rejects) and one it must let through; then every statement the Snowflake adapter can send.
// The compiled dbt models go through the same check in tools/dbt/fakesnow-build.sh.
const CASES: ReadonlyArray<{ rule: string; caught: string; fine: string }> = [
  {
    rule: 'rounding-mode-on-float',
    // What the Snowflake build of fct_transactions sent before the round_half_even fix.
    caught: "select round(cast(t.amount as double precision) * r.units_per_eur / s.units_per_eur, 2, 'HALF_TO_EVEN') from t, r, s",
    fine: "select round(cast(cast(t.amount as double precision) * r.units_per_eur as number(38, 12)), 2, 'HALF_TO_EVEN') from t, r",
  },
  { rule: 'duckdb-only-function', caught: 'select list(tx_id), strftime(occurred_at, \'%Y\') from t', fine: 'select array_agg(tx_id) from t' },
  { rule: 'duckdb-only-function', caught: 'select epoch_ms(occurred_at) from t', fine: 'select date_part(epoch_millisecond, occurred_at) from t' },
  { rule: 'duckdb-only-statement', caught: 'insert into t (k, v) values (1, 2) on conflict (k) do update set v = excluded.v', fine: 'insert into t (k, v) values (1, 2)' },
  { rule: 'duckdb-only-statement', caught: 'insert or replace into t (k, v) values (1, 2)', fine: 'insert overwrite into t (k, v) values (1, 2)' },
  { rule: 'cast-to-missing-type', caught: 'select amount::hugeint, id::uuid from t', fine: 'select amount::number(38, 0), id::varchar, at::timestamp_tz from t' },
  { rule: 'unquoted-mixed-case', caught: 'select accountId from RAW.transactions', fine: 'select "accountId", account_id from RAW.TRANSACTIONS' },
  {
    rule: 'merge-source-not-deduplicated',
    caught: 'merge into t using (select k, v from staging) as s on t.k = s.k when matched then update set v = s.v when not matched then insert (k, v) values (s.k, s.v)',
    fine: 'merge into t using (select k, v, seq from staging qualify row_number() over (partition by k order by seq desc) = 1) as s on t.k = s.k when matched then update set v = s.v',
  },
  { rule: 'merge-source-not-deduplicated', caught: 'merge into t using staging as s on t.k = s.k when matched then delete', fine: 'merge into t using (select ? as k, ? as v) as s on t.k = s.k when matched then delete' },
];

describe('Snowflake dialect check', () => {
  // One Python run for every case (each run pays sqlglot's import).
  let report: DialectReport;
  const findingsOf = (origin: string) => report.findings.filter((f) => f.startsWith(`${origin}: `));

  beforeAll(async () => {
    const statements = CASES.flatMap(({ caught, fine }, i) => [
      { origin: `caught-${i}`, sql: caught },
      { origin: `fine-${i}`, sql: fine },
    ]);
    report = await checkSnowflakeDialect([...statements, { origin: 'broken', sql: 'select from where' }]);
  });

  it.each(CASES.map((c, i) => ({ ...c, i })))('$rule catches its statement and passes the fixed one', ({ rule, i }) => {
    expect(findingsOf(`caught-${i}`).some((f) => f.startsWith(`caught-${i}: [${rule}]`))).toBe(true);
    expect(findingsOf(`fine-${i}`)).toEqual([]);
  });

  it('refuses SQL that does not parse as Snowflake, failing the run', () => {
    expect(report.exitCode).toBe(1);
    expect(findingsOf('broken').join('\n')).toMatch(/broken: does not parse as Snowflake SQL/);
  });

  it('passes every statement the Snowflake warehouse adapter can send', async () => {
    const statements = renderAllStatements({ database: 'LEDGERLINE', schema: 'RAW' }, DEFAULT_SYNC_TABLES);
    expect(statements.length).toBeGreaterThan(50);
    expect(await checkSnowflakeDialect(statements)).toEqual({ exitCode: 0, findings: [] });
  });
});
