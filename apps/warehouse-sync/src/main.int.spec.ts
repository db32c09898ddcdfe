import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRawRows } from '@ledgerline/duckdb';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { DEFAULT_SYNC_TABLES, SYNC_LOCK_NAME, TRANSACTIONS_SYNC_TABLE } from '@ledgerline/warehouse-sync';
import { duplicateKeys, postgresRows, warehouseLiveRows } from './test-support/reconcile.ts';
import { account, customer, seededRandom, transaction } from './test-support/synthetic-data.ts';
import { createSyncHarness, type SyncHarness } from './test-support/sync-harness.ts';
import { probeStore } from '@ledgerline/postgres/testing';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** The JSON log lines. */
  logs: Array<Record<string, unknown>>;
}

// The app as a process: `nx run warehouse-sync:serve -- --once ...` runs exactly this.
describe('warehouse-sync main', () => {
  let h: SyncHarness;
  const random = seededRandom(7);

  beforeEach(async () => {
    h = await createSyncHarness('wh_main');
    await h.store.upsertCustomers([customer('C-1', random)]);
    await h.store.upsertAccounts([account('A-1', 'C-1', random)]);
  });
  afterEach(async () => h?.dispose());

  function start(args: string[], env: Record<string, string> = {}, onLog?: (log: Record<string, unknown>, kill: () => void) => void): Promise<Run> {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: h.database.url,
        WAREHOUSE: 'duckdb',
        WAREHOUSE_DUCKDB_PATH: h.warehousePath,
        DBT_ENABLED: 'false',
        SYNC_METRICS_PORT: '0',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: Array<Record<string, unknown>> = [];
    let stderr = '';
    let pending = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const log = JSON.parse(line) as Record<string, unknown>;
        logs.push(log);
        onLog?.(log, () => child.kill('SIGKILL'));
      }
    });
    child.stdout.resume();
    return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr, logs })));
  }

  async function expectConverged(): Promise<void> {
    for (const spec of DEFAULT_SYNC_TABLES) {
      expect(await warehouseLiveRows(h.warehousePath, spec), spec.name).toEqual(await postgresRows(h.database.url, spec));
      expect(await duplicateKeys(h.warehousePath, spec)).toEqual([]);
    }
  }

  it('--once syncs every table, logs each one and exits 0', async () => {
    await h.store.upsertTransactions(Array.from({ length: 30 }, (_, i) => transaction(`T-${i}`, 'A-1', random)));
    const run = await start(['--once']);
    expect(run.stderr).not.toContain('FAILED');
    expect(run.code).toBe(0);
    const synced = run.logs.filter((l) => l.message === 'table synced');
    expect(synced.map((l) => l.table)).toEqual(['customers', 'companies', 'customer_companies', 'accounts', 'transactions']);
    const tx = synced.find((l) => l.table === 'transactions');
    expect(tx).toMatchObject({ rowsRead: 30, merged: 30, deleted: 0, watermarkBefore: null });
    expect(typeof tx?.watermarkAfter).toBe('string'); // bigint, logged as a string
    expect(typeof tx?.durationMs).toBe('number');
    expect((await readRawRows(h.warehousePath, TRANSACTIONS_SYNC_TABLE)).length).toBe(30);
    // The analytics serving layer was derived from what was just loaded.
    expect(run.logs.find((l) => l.message === 'derived tables refreshed')?.summary).toContain('serving layer full');
    expect(Number(await probeDuckDb(h.warehousePath).scalar('SELECT count(*) FROM serving.fact'))).toBe(30);
  });

  it('commits all or nothing of an incremental window SIGKILLed while it loads, and converges with no duplicates', async () => {
    await h.syncSettled(); // the 10k rows below are then an incremental window, loaded in bulk
    const before = (await readRawRows(h.warehousePath, TRANSACTIONS_SYNC_TABLE)).length;
    await h.store.upsertTransactions(Array.from({ length: 10_000 }, (_, i) => transaction(`T-${String(i).padStart(5, '0')}`, 'A-1', random)));
    const killed = await start(['--once', '--tables', 'transactions'], { LOG_LEVEL: 'debug' }, (log, kill) => {
      // Killed while the COPY streams into DuckDB (or just after: either way one transaction).
      if (log.message === 'loading window in bulk' && log.table === 'transactions') setTimeout(kill, 150);
    });
    expect(killed.signal).toBe('SIGKILL');
    expect([before, before + 10_000]).toContain((await readRawRows(h.warehousePath, TRANSACTIONS_SYNC_TABLE)).length);

    await probeStore(h.store).deleteTransactions(['T-00000', 'T-09999']);
    // The stale lock file of the killed process is taken over; DuckDB replays its WAL.
    const rerun = await start(['--once']);
    expect(rerun.code).toBe(0);
    await h.syncSettled();
    await expectConverged();
  });

  it('commits nothing of a bulk initial load SIGKILLed in the middle, and the rerun loads the source exactly', async () => {
    await h.store.upsertTransactions(Array.from({ length: 10_000 }, (_, i) => transaction(`T-${String(i).padStart(5, '0')}`, 'A-1', random)));
    const killed = await start(['--once', '--tables', 'transactions'], { LOG_LEVEL: 'debug' }, (log, kill) => {
      if (log.message === 'loading window in bulk' && log.table === 'transactions') kill();
    });
    expect(killed.signal).toBe('SIGKILL');
    // One warehouse transaction for the whole window: all or nothing, and the watermark with it.
    expect(await readRawRows(h.warehousePath, TRANSACTIONS_SYNC_TABLE)).toHaveLength(0);

    await probeStore(h.store).deleteTransactions(['T-00000', 'T-09999']);
    const rerun = await start(['--once']);
    expect(rerun.code).toBe(0);
    expect(rerun.logs.some((l) => l.message === 'table synced' && l.table === 'transactions' && l.pages === 1)).toBe(true);
    await h.syncSettled();
    await expectConverged();
  });

  it('exits 1 naming the failed table and the reason, after syncing the others', async () => {
    await h.store.upsertTransactions([transaction('T-1', 'A-1', random)]);
    // A warehouse table someone created by hand, without the RAW contract's columns.
    await probeDuckDb(h.warehousePath).run('CREATE SCHEMA raw; CREATE TABLE raw.transactions (tx_id INTEGER PRIMARY KEY)');
    const run = await start(['--once']);
    expect(run.code).toBe(1);
    const failed = run.logs.find((l) => l.message === 'table sync FAILED');
    expect(failed?.table).toBe('transactions');
    expect(String(failed?.reason)).toContain('does not have a column with name "_change_seq"');
    expect(run.logs.filter((l) => l.message === 'table synced').map((l) => l.table)).toEqual(['customers', 'companies', 'customer_companies', 'accounts']);
  });

  it('refuses to run while another sync holds the warehouse', async () => {
    writeFileSync(
      `${h.warehousePath}.${SYNC_LOCK_NAME}.lock`,
      JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString(), name: SYNC_LOCK_NAME }),
    );
    const run = await start(['--once']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('another sync is running');
  });

  it('exits 2 on unknown tables or options, naming them', async () => {
    const run = await start(['--once', '--tables', 'transactions,ledger']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ledger');
    expect(run.stderr).toContain('Usage:');
  });
});
