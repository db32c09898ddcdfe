import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRawDataset } from '@ledgerline/duckdb';
import { generateDataset } from '@ledgerline/transactions/generator';
import { runCli } from './test-support/run-cli.ts';

// `stats` and `query` read DuckDB only: they answer while Postgres is down (a refused port here)
// and say how fresh the data is; `validate` and `sync` need Postgres and say so. CLI exit codes
// are checked in a child process.
describe('analytics read commands', () => {
  const dataset = generateDataset({ seed: 99, customers: 6, months: 2, startMonth: '2026-01' });
  let dir: string;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCli(args, env);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'analytics-read-'));
    const path = join(dir, 'warehouse.duckdb');
    await loadRawDataset(path, dataset, { syncedAt: '2026-03-01T12:00:00.000Z' });
    // Port 9 (discard) is closed here: connecting is refused at once.
    env = { DATA_DIR: dir, WAREHOUSE_DUCKDB_PATH: path, DATABASE_URL: 'postgres://ledgerline@127.0.0.1:9/nowhere' };
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stats answers from DuckDB and says Postgres is unreachable and the data is as of the last sync', async () => {
    const stats = await cli('stats');
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(new RegExp(`Transactions\\s+${dataset.transactions.length} live`));
    expect(stats.stdout).toMatch(/Answering from\s+RAW tables/);
    expect(stats.stdout).toMatch(/Top categories\s+\S+ \d+\.\d{2} \(\d+\)/);
    expect(stats.stdout).toMatch(/Postgres\s+unreachable \(.*\): the figures above are from DuckDB as of the last sync \(2026-03-01T12:00:00.000Z\)/);
  });

  it('query prints a table and the freshness, or says the result was limited', async () => {
    const all = await cli('query', 'SELECT count(*) AS n FROM raw.transactions');
    expect(all.code).toBe(0);
    expect(all.stdout).toContain(`${dataset.transactions.length}`);
    expect(all.stdout).toContain('(1 row; data as of the last sync: 2026-03-01T12:00:00.000Z)');

    const limited = await cli('query', 'SELECT tx_id, amount FROM raw.transactions ORDER BY tx_id', '--max-rows', '3');
    expect(limited.code).toBe(0);
    const lines = limited.stdout.trim().split('\n');
    expect(lines).toHaveLength(2 + 3 + 1);
    expect(lines.at(-1)).toBe('(result limited to the first 3 rows (there are more; raise --max-rows or add a LIMIT/aggregate))');
  });

  it('query --json and --csv keep stdout machine-readable and put notes on stderr', async () => {
    const json = await cli('query', 'SELECT tx_id, amount FROM raw.transactions ORDER BY tx_id', '--json', '--max-rows', '2');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { rows: Array<{ tx_id: string; amount: string }>; truncated: boolean; max_rows: number };
    const firstIds = dataset.transactions.map((t) => t.tx_id).sort().slice(0, 2);
    expect(parsed.rows.map((r) => r.tx_id)).toEqual(firstIds);
    expect(parsed).toMatchObject({ truncated: true, max_rows: 2 });
    expect(json.stderr).toContain('result limited to the first 2 rows');

    const csv = await cli('query', "SELECT 'a,b' AS x, 1 AS y", '--csv');
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe('x,y\r\n"a,b",1\n');
    expect(csv.stderr).toContain('data as of the last sync');
  });

  it('query refuses writes, second statements and invalid SQL with exit 1', async () => {
    const write = await cli('query', 'DELETE FROM raw.transactions');
    expect(write).toMatchObject({ code: 1, stdout: '' });
    expect(write.stderr).toContain('SQL rejected (not_a_select)');
    const two = await cli('query', "SELECT 1; DROP TABLE raw.transactions");
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('SQL rejected (multiple_statements)');
    const invalid = await cli('query', 'SELECT FROM WHERE');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/SQL rejected \(syntax\)|Parser Error/);
    const unknown = await cli('query', 'SELECT no_such_column FROM raw.transactions');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no_such_column/);
  });

  it('validate and sync need Postgres and say so; bad usage exits 2', async () => {
    const validate = await cli('validate');
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(/Postgres is unreachable .*validate needs both stores/);
    const sync = await cli('sync');
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(/Postgres is unreachable .*keeps the data of its last sync/);
    const usage = await cli('query');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: nx run analytics:serve');
  });

  it('says how to create the file when there is none', async () => {
    const missing = await runCli(['query', 'SELECT 1'], { ...env, WAREHOUSE_DUCKDB_PATH: join(dir, 'none.duckdb') });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('run `analytics sync` first');
  });
});
