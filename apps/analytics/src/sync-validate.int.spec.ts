import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { operationalDatabase, type OperationalDatabase } from './test-support/operational-database.ts';
import { runCli } from './test-support/run-cli.ts';
import { probeStore } from '@ledgerline/postgres/testing';

// `analytics sync` and `validate` end to end: real PostgreSQL (createTestDatabase), a real DuckDB
// file, the CLI in a child process. Tests run in order and share the two stores.
describe('analytics sync and validate', () => {
  let pg: OperationalDatabase;
  let dir: string;
  let path: string;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCli(args, env);
  const scalar = (sql: string) => probeDuckDb(path).scalar(sql);
  const dayOf = (i: number) => new Date(pg.dataset.transactions[i]?.occurred_at as string).toISOString().slice(0, 10);

  beforeAll(async () => {
    pg = await operationalDatabase('analytics_cli');
    dir = mkdtempSync(join(tmpdir(), 'analytics-cli-'));
    path = join(dir, 'warehouse.duckdb');
    env = { DATABASE_URL: pg.database.url, DATA_DIR: dir, WAREHOUSE_DUCKDB_PATH: path };
  });
  afterAll(async () => {
    await pg?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('builds the file on the first sync, prints rows/s, and validates clean', async () => {
    const sync = await cli('sync');
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);
    expect(sync.stdout).toContain(`No analytics file at ${path} yet`);
    expect(sync.stdout).toMatch(/transactions\s+\d+ rows read/);
    expect(sync.stdout).toMatch(/rows\/s\) into /);
    expect(sync.stdout).toContain(`serving tables rebuilt from ${pg.dataset.transactions.length} transactions`);
    expect(Number(await scalar('SELECT count(*) FROM serving.fact'))).toBe(pg.dataset.transactions.length);
    expect(Number(await scalar('SELECT count(*) FROM raw.transactions WHERE NOT _deleted'))).toBe(pg.dataset.transactions.length);

    const validate = await cli('validate');
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/Compared \d+ days between postgres and duckdb .*: (\d+) match, 0 differ/);
  });

  it('names a corrupted row, a missing day and an extra row, and exits 1', async () => {
    const corrupted = pg.dataset.transactions[3]!;
    const missingDay = dayOf(Math.floor(pg.dataset.transactions.length / 2));
    const extraDay = dayOf(pg.dataset.transactions.length - 1);
    expect(new Set([dayOf(3), missingDay, extraDay]).size).toBe(3);
    await probeDuckDb(path).run(`UPDATE raw.transactions SET merchant = 'Tampered Ltd' WHERE tx_id = '${corrupted.tx_id}';
      DELETE FROM raw.transactions WHERE CAST(occurred_at AS DATE) = DATE '${missingDay}';
      INSERT INTO raw.transactions SELECT * REPLACE ('EXTRA-ROW-1' AS tx_id) FROM raw.transactions
        WHERE CAST(occurred_at AS DATE) = DATE '${extraDay}' LIMIT 1`);

    const validate = await cli('validate');
    expect(validate.code).toBe(1);
    const out = validate.stdout;
    expect(out).toMatch(/3 differ/);
    // The merchant is not in count or sum: only the content hash can see it.
    expect(out).toMatch(new RegExp(`${dayOf(3)}: hash differ[^\\n]*\\n\\s+changed ${corrupted.tx_id}`));
    expect(out).toMatch(new RegExp(`${missingDay}: missing from the analytics copy \\(Postgres has \\d+ rows, sum [\\d.]+\\)\\n\\s+missing `));
    expect(out).toMatch(new RegExp(`${extraDay}: count, sum, hash differ[^\\n]*\\n\\s+extra EXTRA-ROW-1`));
  });

  it('sync --full rebuilds the copy, and validate is clean again', async () => {
    const full = await cli('sync', '--full');
    expect(full.code).toBe(0);
    expect(full.stdout).toMatch(/Full sync done/);
    expect((await cli('validate')).code).toBe(0);
  });

  it('an incremental sync carries updates, inserts and deletes', async () => {
    const [changed, deleted] = [pg.dataset.transactions[5]!, pg.dataset.transactions[6]!];
    await pg.store.upsertTransactions([{ ...changed, description: 'changed after the first sync' }, { ...changed, tx_id: 'LATE-ARRIVAL-1' }]);
    await probeStore(pg.store).deleteTransactions([deleted.tx_id]);

    const sync = await cli('sync');
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/transactions\s+3 rows read, 2 upserted, 1 deleted/);
    // The serving layer follows incrementally: the three rows, not a rebuild.
    expect(sync.stdout).toMatch(/serving tables refreshed: 3 changed transactions, \d+ rollup rows patched over \d+ days/);
    expect(await scalar(`SELECT description FROM serving.fact WHERE tx_id = '${changed.tx_id}'`)).toBe('changed after the first sync');
    expect(await scalar(`SELECT count(*) FROM serving.fact WHERE tx_id IN ('${deleted.tx_id}', 'LATE-ARRIVAL-1')`)).toBe(1n);
    expect(await scalar(`SELECT description FROM raw.transactions WHERE tx_id = '${changed.tx_id}'`)).toBe('changed after the first sync');
    expect(await scalar(`SELECT _deleted FROM raw.transactions WHERE tx_id = '${deleted.tx_id}'`)).toBe(true);
    expect((await cli('validate')).code).toBe(0);
  });

  it('adds a column Postgres gained, says how to backfill it, and explains one it cannot sync', async () => {
    await probeStore(pg.store).query('ALTER TABLE transactions ADD COLUMN loyalty_points integer DEFAULT 0');
    await probeStore(pg.store).query('ALTER TABLE transactions ADD COLUMN pickup_spot point');
    const target = pg.dataset.transactions[7]!;
    // The change trigger stamps payload changes only, so the description changes too.
    await probeStore(pg.store).query('UPDATE transactions SET loyalty_points = 7, description = $2 WHERE tx_id = $1', [target.tx_id, 'with points']);

    const sync = await cli('sync');
    expect(sync.code).toBe(0);
    expect(sync.stdout).toContain('Postgres transactions has a new column loyalty_points (integer): adding it to raw.transactions as integer, nullable.');
    expect(sync.stdout).toContain('run `analytics sync --full` to backfill them');
    expect(sync.stdout).toMatch(/transactions\.pickup_spot: Postgres type point has no RAW equivalent; it is not synced\./);
    expect(await scalar(`SELECT loyalty_points FROM raw.transactions WHERE tx_id = '${target.tx_id}'`)).toBe(7);
    expect(await scalar(`SELECT count(*) FROM raw.transactions WHERE loyalty_points IS NULL`)).toBeGreaterThan(0n);

    expect((await cli('sync', '--full')).code).toBe(0);
    expect(await scalar(`SELECT count(*) FROM raw.transactions WHERE loyalty_points IS NULL AND NOT _deleted`)).toBe(0n);
  });

  it('refuses to open a corrupt file until sync --full moves it aside and rebuilds it', async () => {
    writeFileSync(path, Buffer.alloc(64 * 1024, 0x5a)); // not a DuckDB file any more
    rmSync(`${path}.wal`, { force: true });

    const stats = await cli('stats', '--offline');
    expect(stats.code).toBe(1);
    expect(stats.stderr).toMatch(/cannot open .*sync --full. rebuilds it/);
    const sync = await cli('sync');
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain('Run `analytics sync --full` to rebuild it from Postgres (the damaged file is moved aside, not deleted).');

    const rebuild = await cli('sync', '--full');
    expect(rebuild.code).toBe(0);
    expect(rebuild.stdout).toMatch(/Moved it aside to .*warehouse\.duckdb\.corrupt-/);
    expect(readdirSync(dir).some((f) => f.startsWith('warehouse.duckdb.corrupt-'))).toBe(true);
    expect(existsSync(path)).toBe(true);
    expect((await cli('validate')).code).toBe(0);
  });

  it('stops with advice when a synced column disappears from Postgres', async () => {
    await probeStore(pg.store).query('ALTER TABLE transactions DROP COLUMN source_ref');
    const sync = await cli('sync');
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(/transactions\.source_ref: Postgres transactions has no column source_ref any more.*default-sync-tables\.ts/);
  });
});
