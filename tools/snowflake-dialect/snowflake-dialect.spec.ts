import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderAllStatements } from '@ledgerline/snowflake';
import { ensurePythonEnv, repoRoot } from '@ledgerline/testing';
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

  it('with a dbt manifest, names every model, test and snapshot that has no checked file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialect-manifest-'));
    try {
      mkdirSync(join(dir, 'run/ledgerline/models'), { recursive: true });
      writeFileSync(join(dir, 'run/ledgerline/models/dim_a.sql'), 'create or replace transient table m.dim_a as (select 1 as n)');
      const node = (unique_id: string, resource_type: string, original_file_path: string, path: string) => ({ unique_id, resource_type, package_name: 'ledgerline', original_file_path, path });
      const nodes = [
        node('model.ledgerline.dim_a', 'model', 'models/dim_a.sql', 'dim_a.sql'),
        node('model.ledgerline.dim_b', 'model', 'models/dim_b.sql', 'dim_b.sql'),
        node('snapshot.ledgerline.s', 'snapshot', 'snapshots/s.yml', 's.yml/s.sql'),
        node('seed.ledgerline.fx', 'seed', 'seeds/fx.csv', 'fx.csv'),
      ];
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ nodes: Object.fromEntries(nodes.map((n) => [n.unique_id, n])) }));
      const { python } = await ensurePythonEnv();
      const script = join(repoRoot(), 'tools/snowflake-dialect/check_dialect.py');
      const run = spawnSync(python, [script, '--sql-dir', join(dir, 'run'), '--manifest', join(dir, 'manifest.json')], {
        encoding: 'utf8',
        cwd: join(repoRoot(), 'tools/snowflake-dialect'),
      });
      expect(run.status).toBe(1);
      const missing = run.stdout.split('\n').filter((line) => line.includes('no compiled SQL checked'));
      expect(missing).toEqual([
        '[snowflake-dialect] model.ledgerline.dim_b: no compiled SQL checked (ledgerline/models/dim_b.sql)',
        '[snowflake-dialect] snapshot.ledgerline.s: no compiled SQL checked (ledgerline/snapshots/s.yml/s.yml/s.sql)',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
