import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe } from 'vitest';
import { describeAnalyticsStoreContract } from '@ledgerline/analytics/testing';
import { repoRoot } from '@ledgerline/testing';
import { DuckDbAnalyticsStore } from './duckdb-analytics-store.ts';
import { loadRawDataset } from './load-raw-dataset.ts';
import { addRawTombstones } from './raw-tombstones.test-helper.ts';

const run = promisify(execFile);
const root = repoRoot();
const dbtScript = join(root, 'tools/dbt/dbt.sh');
const dbtAvailable = existsSync(dbtScript) && existsSync(join(root, '.venv/bin/dbt'));

// The AnalyticsStore contract on the dbt marts: RAW is loaded, the real dbt project builds the
// marts into the same file (tools/dbt/dbt.sh, the dbt engineer's wrapper), and the store must
// then answer from marts.fct_transactions / dim_account with exactly the same numbers.
describe.skipIf(!dbtAvailable)('analytics on dbt marts', () => {
  describeAnalyticsStoreContract('DuckDB on dbt marts', async (dataset) => {
    const dir = mkdtempSync(join(tmpdir(), 'analytics-marts-'));
    const path = join(dir, 'warehouse.duckdb');
    await loadRawDataset(path, dataset, { syncedAt: '2026-04-01T00:00:00.000Z' });
    await addRawTombstones(path, { accounts: false });
    // The two marts the store reads and everything upstream of them (seeds, staging); the dbt
    // project's own tests are the dbt engineer's (tools/dbt) and would only slow this down.
    await run('bash', [dbtScript, 'build', '--select', '+fct_transactions', '+dim_account', '--exclude-resource-type', 'test'], {
      env: {
        ...process.env,
        WAREHOUSE_DUCKDB_PATH: path,
        DBT_TARGET: 'duckdb',
        DBT_TARGET_PATH: join(dir, 'target'),
        DBT_LOG_PATH: join(dir, 'logs'),
        NO_COLOR: '1',
      },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`dbt build failed:\n${`${error.stdout ?? ''}\n${error.stderr ?? ''}`.split('\n').slice(-30).join('\n')}`);
    });
    const store = new DuckDbAnalyticsStore({ path });
    return {
      store,
      expectedSource: 'marts',
      transactionsRelation: 'marts.fct_transactions',
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});
