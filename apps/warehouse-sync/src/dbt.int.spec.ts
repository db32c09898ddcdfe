import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRawRows } from '@ledgerline/duckdb';
import { generateDataset } from '@ledgerline/transactions/generator';
import { TRANSACTIONS_SYNC_TABLE } from '@ledgerline/warehouse-sync';
import { createSyncHarness, type SyncHarness } from './test-support/sync-harness.ts';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

// Sync, then the real `dbt build` (tools/dbt/dbt.sh on the project venv) over the synced file.
// One orphan transaction breaks dbt's relationships test: the run must fail naming that test,
// after the data itself was loaded.
describe.skipIf(!existsSync(join(REPO_ROOT, 'tools/dbt/dbt.sh')) || !existsSync(join(REPO_ROOT, '.venv/bin/dbt')))(
  'warehouse-sync with dbt',
  () => {
    let h: SyncHarness;
    beforeAll(async () => {
      h = await createSyncHarness('wh_dbt');
      const data = generateDataset({ seed: 11, customers: 5, months: 1, startMonth: '2026-03' });
      await h.store.upsertCustomers(data.customers);
      await h.store.upsertAccounts(data.accounts);
      const orphan = { ...(data.transactions[0] ?? assertNever()), tx_id: 'T-ORPHAN', account_id: 'ACC-DOES-NOT-EXIST' };
      await h.store.upsertTransactions([...data.transactions, orphan]);
    });
    afterAll(async () => h?.dispose());

    it('runs dbt build after a sync that changed rows and fails naming the failed dbt test', async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--once'], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          DATABASE_URL: h.database.url,
          WAREHOUSE: 'duckdb',
          WAREHOUSE_DUCKDB_PATH: h.warehousePath,
          DBT_ENABLED: 'true',
          DBT_TARGET_PATH: join(h.dir, 'dbt-target'),
          DBT_LOG_PATH: join(h.dir, 'dbt-logs'),
          LOG_FORMAT: 'json',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      const logs = stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);

      expect(code, stderr.slice(-2_000)).toBe(1);
      expect(logs.filter((l) => l.message === 'table synced').map((l) => l.table)).toEqual(['customers', 'companies', 'customer_companies', 'accounts', 'transactions']);
      expect(logs.some((l) => l.message === 'running dbt build')).toBe(true);
      const failed = logs.filter((l) => l.message === 'dbt build FAILED').map((l) => String(l.node));
      expect(failed).toContainEqual(expect.stringContaining('relationships_stg_transactions_account_id'));
      expect((await readRawRows(h.warehousePath, TRANSACTIONS_SYNC_TABLE)).some((r) => r.tx_id === 'T-ORPHAN')).toBe(true);
    }, 240_000);
  },
);

function assertNever(): never {
  throw new Error('the generator produced no transactions');
}
