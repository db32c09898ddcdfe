import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '@ledgerline/config';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { LocalObjectStore } from '@ledgerline/files';
import { silentLogger } from '@ledgerline/logging';
import { repoRoot, startNodeProcess, type NodeProcess } from '@ledgerline/testing';
import { writeLandedParquet, type LandedRow } from './landed-parquet.fixture.ts';
import { startLoadService } from './load-service.ts';

const FILES = 6;
const ROWS_PER_FILE = 50;
const keyOf = (n: number) => `cdc/public.accounts/dt=2026-12-06/0-${n * ROWS_PER_FILE}-${n * ROWS_PER_FILE + ROWS_PER_FILE - 1}.parquet`;

describe('fault 7: the loader SIGKILLed mid-load', () => {
  let dir: string | undefined;
  let child: NodeProcess | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await child?.exited;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('restart converges: every file loaded once, no duplicate rows, manifest and rows agree', async () => {
    dir = await mkdtemp(join(tmpdir(), 'load-fault-'));
    const store = new LocalObjectStore(join(dir, 'landing'));
    for (let n = 0; n < FILES; n += 1) {
      const rows: LandedRow[] = [];
      for (let i = 0; i < ROWS_PER_FILE; i += 1) {
        const offset = n * ROWS_PER_FILE + i;
        rows.push({ offset, op: 'u', key: { account_id: `a${offset % 7}` }, before: null, after: { account_id: `a${offset % 7}`, balance: `${offset}.00` } });
      }
      const local = join(dir, `f${n}.parquet`);
      await writeLandedParquet(local, { schema: 'public', table: 'accounts', partition: 0 }, rows);
      await store.putFile(keyOf(n), local);
    }
    const env = { DATA_DIR: dir, CDC_LOAD_SECRET: 'fault-test-secret-0123', CDC_LOAD_PORT: '0', CDC_LOAD_RECONCILE_SECONDS: '0', LOG_FORMAT: 'json' };

    // The start-up reconcile loads the files one by one in key order (text order: 0-0-49, 0-100-149,
    // ...); kill inside the third one's transaction.
    const keys = Array.from({ length: FILES }, (_, n) => keyOf(n)).sort();
    child = startNodeProcess(['--import', 'tsx', join('apps', 'cdc', 'src', 'load', 'load-child.fixture.ts')], [], {
      cwd: repoRoot(),
      env: { ...env, FAULT_PAUSE_BEFORE_COMMIT_MS: '2000' },
    });
    const third = `in-transaction ${keys[2]}`;
    const deadline = Date.now() + 60_000;
    while (!child.output.some((line) => line.includes(third))) {
      if (Date.now() > deadline) throw new Error(`the loader never reached the third load:\n${child.output.slice(-20).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');

    const query = (sql: string) => probeDuckDb(join(dir!, 'warehouse.duckdb')).rows(sql);
    const state = async () => ({
      manifest: (await query(`SELECT object_key, "rows" FROM raw._cdc_manifest ORDER BY object_key`)).map((r) => [String(r.object_key), Number(r.rows)]),
      rows: Number((await query(`SELECT count(*) AS n FROM raw.cdc_public_accounts`))[0]?.n),
      duplicates: Number((await query(`SELECT count(*) AS n FROM (SELECT kafka_partition, kafka_offset FROM raw.cdc_public_accounts GROUP BY ALL HAVING count(*) > 1)`))[0]?.n),
      perObject: (await query(`SELECT _object_key, count(*) AS n FROM raw.cdc_public_accounts GROUP BY ALL ORDER BY 1`)).map((r) => [String(r._object_key), Number(r.n)]),
    });
    // Killed inside the third transaction: the first two files committed, nothing of the third.
    const killed = await state();
    expect(killed).toEqual({
      manifest: [[keys[0], ROWS_PER_FILE], [keys[1], ROWS_PER_FILE]],
      rows: 2 * ROWS_PER_FILE,
      duplicates: 0,
      perObject: [[keys[0], ROWS_PER_FILE], [keys[1], ROWS_PER_FILE]],
    });

    // Restart (same wiring, in this process) and let its start-up reconcile run, twice.
    const service = await startLoadService({ ...loadConfig({ env, dotenvPath: false }), CDC_LOAD_SECRET: env.CDC_LOAD_SECRET }, silentLogger);
    try {
      const pass = await service.loader.reconcile();
      expect(pass).toMatchObject({ listed: FILES, failed: [] });
      expect((await service.loader.reconcile()).loads).toEqual([]);
    } finally {
      await service.close();
    }
    const all = keys.map((key) => [key, ROWS_PER_FILE]);
    expect(await state()).toEqual({ manifest: all, rows: FILES * ROWS_PER_FILE, duplicates: 0, perObject: all });
  }, 120_000);
});
