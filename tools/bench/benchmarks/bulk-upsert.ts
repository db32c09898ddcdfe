import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createPostgresStore } from '@ledgerline/postgres';
import { createTestDatabase, repoRoot } from '@ledgerline/testing';
import { type Transaction } from '@ledgerline/transactions';
import { generateTransactionStream } from '@ledgerline/transactions/generator';
import { defineBenchmark, type Metric } from '../benchmark.ts';
import { TRANSACTION_COLUMNS, copyField, runChild } from '../batch-bench-support.ts';

// The TransactionStore's bulk upsert on real PostgreSQL: N generated transactions inserted into an
// empty table, then the same N replayed (all unchanged), beside `psql \copy` of the same rows into
// the same (empty, migrated) table as the physical floor.
//   BENCH_UPSERT_ROWS (default 1000000), BENCH_UPSERT_CALL (rows per upsert call, default 50000),
//   BENCH_UPSERT_CHUNK (rows per statement inside a call, the store's chunkSize, default 5000).
// A bulk load hands the store large calls: inside one call the store builds the next statement's
// parameters while the server runs the current one, so client and server CPU overlap.
export default defineBenchmark({
  name: 'bulk-upsert',
  description: 'TransactionStore bulk upsert on PostgreSQL: insert and full-replay rows/s beside psql \\copy of the same rows',
  async run({ log }) {
    const total = Number(process.env.BENCH_UPSERT_ROWS ?? 1_000_000);
    const chunk = Number(process.env.BENCH_UPSERT_CHUNK ?? 5_000);
    const call = Number(process.env.BENCH_UPSERT_CALL ?? 50_000);
    log(`generating ${total} transactions`);
    const rows: Transaction[] = [];
    for (const tx of generateTransactionStream({ seed: 7, customers: 2_000, months: 1, startMonth: '2025-01' })) {
      rows.push(tx);
      if (rows.length >= total) break;
    }
    const work = await mkdtemp(join(tmpdir(), 'bench-upsert-'));
    const metrics: Metric[] = [];
    try {
      const db = await createTestDatabase('bench_upsert');
      const store = await createPostgresStore({ url: db.url, chunkSize: chunk });
      try {
        await store.migrate();
        const timed = async (label: string) => {
          const started = process.hrtime.bigint();
          let inserted = 0;
          let unchanged = 0;
          for (let i = 0; i < rows.length; i += call) {
            const r = await store.upsertTransactions(rows.slice(i, i + call));
            inserted += r.inserted;
            unchanged += r.unchanged;
          }
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          log(`${label}: ${seconds.toFixed(1)} s (inserted ${inserted}, unchanged ${unchanged})`);
          return { seconds, inserted, unchanged };
        };
        const insert = await timed('insert');
        const replay = await timed('replay');
        if (insert.inserted !== total || replay.unchanged !== total) throw new Error('upsert counts are wrong: the benchmark would measure the wrong thing');
        metrics.push({ name: 'insert', value: Math.round(total / insert.seconds), unit: 'rows/s' });
        metrics.push({ name: 'full replay (all unchanged)', value: Math.round(total / replay.seconds), unit: 'rows/s' });
      } finally {
        await store.close();
        await db.drop();
      }

      // The physical floor: psql \copy of the same rows into a fresh, migrated table.
      const csv = join(work, 'rows.csv');
      const out = createWriteStream(csv);
      for (const tx of rows) {
        if (!out.write(`${TRANSACTION_COLUMNS.map((c) => copyField(tx[c])).join(',')}\n`)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
      const copyDb = await createTestDatabase('bench_upsert_copy');
      const copyStore = await createPostgresStore({ url: copyDb.url });
      try {
        await copyStore.migrate();
        await copyStore.close();
        const copy = await runChild('psql', [copyDb.url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy transactions(${TRANSACTION_COLUMNS.join(',')}) from '${csv}' with (format csv)`], { cwd: repoRoot() });
        if (copy.code !== 0) throw new Error(`psql failed: ${copy.stderr.join('\n')}`);
        metrics.push({ name: 'psql \\copy (same rows, same table)', value: Math.round(total / copy.seconds), unit: 'rows/s' });
      } finally {
        await copyDb.drop();
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    return {
      metrics,
      notes: [
        `${total} generated transactions, ${call} rows per upsert call, ${chunk} rows per statement (new rows: one COPY per call in a savepoint; otherwise unnest-array INSERT ... ON CONFLICT), PostgreSQL from tools/services (shared_buffers 512MB), change stamps on (insert defaults, update trigger)`,
      ],
    };
  },
});
