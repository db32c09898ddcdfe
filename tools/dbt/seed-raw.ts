/**
 * Fills a DuckDB warehouse file with RAW tables (schema `raw`) as the warehouse sync would,
 * from the domain generator (or the built-in fallback dataset). Used by tools/dbt/build.sh (CI)
 * to give `dbt build` realistic input without Postgres or a running sync.
 *
 *   npx tsx tools/dbt/seed-raw.ts --db /tmp/x/warehouse.duckdb [--seed 42] [--customers 30]
 *                                 [--months 3] [--start-month 2025-01] [--changes]
 *
 * --changes writes, into a file already seeded with the same arguments, what a second sync would:
 * updates, late rows and tombstones (raw-change-plan.ts), so an incremental dbt build has work.
 *
 * Prints one JSON line: the file, where the data came from and the row counts.
 */
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { z } from 'zod';
import { loadDataset } from './raw-dataset.ts';
import { planRawChanges } from './raw-change-plan.ts';
import { datasetRecords } from './raw-records.ts';
import { createRawTables, upsertAllRawRecords } from './raw-writer.ts';

const argsSchema = z.object({
  db: z.string().min(1),
  seed: z.coerce.number().int().min(0).default(42),
  customers: z.coerce.number().int().min(1).default(30),
  months: z.coerce.number().int().min(1).default(3),
  startMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).default('2025-01'),
  changes: z.boolean().default(false),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      seed: { type: 'string' },
      customers: { type: 'string' },
      months: { type: 'string' },
      'start-month': { type: 'string' },
      changes: { type: 'boolean' },
    },
  });
  const args = argsSchema.parse({ ...values, startMonth: values['start-month'] });
  const dataset = loadDataset({ seed: args.seed, customers: args.customers, months: args.months, startMonth: args.startMonth });
  const first = datasetRecords(dataset);
  const now = new Date().toISOString();
  const records = args.changes ? planRawChanges(dataset, first.nextSeq, now).records : first.records;

  const instance = await DuckDBInstance.create(args.db);
  const connection = await instance.connect();
  try {
    if (!args.changes) await createRawTables(connection);
    await upsertAllRawRecords(connection, records, now);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  console.log(
    JSON.stringify({
      db: args.db,
      origin: dataset.origin,
      changes: args.changes,
      customers: dataset.customers.length,
      companies: dataset.companies?.length ?? 0,
      accounts: dataset.accounts.length,
      transactions: dataset.transactions.length,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
