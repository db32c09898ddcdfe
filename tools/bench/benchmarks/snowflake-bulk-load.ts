import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSnowflakeWarehouse } from '@ledgerline/snowflake';
import { TRANSACTIONS_SYNC_TABLE, type RawRow, type SyncColumnType, type SyncValue } from '@ledgerline/warehouse-sync';
// The emulator is a test fixture under tools/ (no @ledgerline alias); imported by path on purpose.
import { startSnowflakeEmulator } from '../../snowflake-emulator/src/index.ts';
import { defineBenchmark } from '../benchmark.ts';
import { percentile } from '../stats.ts';

// One large batch of transactions into Snowflake two ways, through the real snowflake-sdk driver
// against tools/snowflake-emulator: array-bound INSERT batches into the staging table, and the
// bulk path (a gzipped CSV PUT into the staging table's stage, then COPY INTO with an explicit
// FILES list). Both end in the same MERGE. The ratio is the emulator's (DuckDB underneath), not
// a Snowflake account's: it shows the cost of the statements and transfers the driver makes.
// BENCH_SNOWFLAKE_ROWS (default 50,000) and BENCH_SNOWFLAKE_RUNS (default 3) set the size.

function valueFor(type: SyncColumnType, name: string, i: number): SyncValue {
  switch (type) {
    case 'money':
      return `${(i % 90_000) / 100 + 0.01}`.replace(/^(\d+)$/, '$1.00');
    case 'decimal':
      return `${i % 1000}.${String(i % 100_000_000).padStart(8, '0')}`;
    case 'timestamp':
      return new Date(Date.UTC(2026, 0, 1) + i * 37_000).toISOString();
    case 'boolean':
      return i % 10 === 0;
    case 'bigint':
      return BigInt(i);
    case 'integer':
      return i % 1000;
    case 'string':
      return name === 'tx_id' ? `T-${String(i).padStart(8, '0')}` : `${name} ${i % 500}`;
  }
}

function transactions(count: number): RawRow[] {
  return Array.from({ length: count }, (_, i) => {
    const row: Record<string, SyncValue> = {};
    for (const column of TRANSACTIONS_SYNC_TABLE.columns) row[column.name] = valueFor(column.type, column.name, i);
    return { ...row, _change_seq: BigInt(i + 1) } as RawRow;
  });
}

export default defineBenchmark({
  name: 'snowflake-bulk-load',
  description: 'Snowflake load of one large batch: INSERT batches vs PUT + COPY INTO, ms and rows/s (through tools/snowflake-emulator)',
  async run({ log }) {
    const rows = Number(process.env.BENCH_SNOWFLAKE_ROWS ?? 50_000);
    const runs = Number(process.env.BENCH_SNOWFLAKE_RUNS ?? 3);
    const emulator = await startSnowflakeEmulator();
    const dir = mkdtempSync(join(tmpdir(), 'bench-snowflake-bulk-'));
    const upserts = transactions(rows);
    const timings: Record<'binds' | 'staged', number[]> = { binds: [], staged: [] };
    try {
      for (let run = 0; run < runs; run++) {
        for (const path of ['binds', 'staged'] as const) {
          const schema = `BENCH_${path.toUpperCase()}_${run}`;
          const warehouse = createSnowflakeWarehouse({
            connection: { account: 'emulator', username: 'bench', password: 'emulator-only', accessUrl: emulator.url, database: 'LEDGERLINE', schema },
            // binds: never the staged file; staged: always.
            settings: { stagedFileThreshold: path === 'binds' ? rows + 1 : 1, stagingDir: dir },
          });
          try {
            await warehouse.ensureSchema([TRANSACTIONS_SYNC_TABLE]);
            const start = performance.now();
            await warehouse.applyBatch({ table: TRANSACTIONS_SYNC_TABLE, upserts, deletes: [], watermark: { fromXid: 0n, toXid: 10n, done: true } });
            timings[path].push(performance.now() - start);
            log(`${path} run ${run + 1}: ${Math.round(timings[path].at(-1) ?? 0)} ms`);
          } finally {
            await warehouse.close();
          }
        }
      }
    } finally {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    }
    const binds = percentile(timings.binds, 50);
    const staged = percentile(timings.staged, 50);
    return {
      metrics: [
        { name: 'INSERT batches (median)', value: Math.round(binds), unit: 'ms' },
        { name: 'PUT + COPY INTO (median)', value: Math.round(staged), unit: 'ms' },
        { name: 'INSERT batches throughput', value: Math.round(rows / (binds / 1000)), unit: 'rows/s' },
        { name: 'PUT + COPY INTO throughput', value: Math.round(rows / (staged / 1000)), unit: 'rows/s' },
        { name: 'INSERT time / staged time', value: Number((binds / staged).toFixed(2)), unit: 'ratio' },
      ],
      notes: [
        `${rows} transactions (${TRANSACTIONS_SYNC_TABLE.columns.length} columns) in one batch, median of ${runs} runs per path, fresh schema each`,
        'through snowflake-sdk against tools/snowflake-emulator (DuckDB); both paths end in the same MERGE',
        `the warehouse's default stagedFileThreshold is 10,000 rows: larger batches take the staged path`,
      ],
    };
  },
});
