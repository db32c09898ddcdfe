import { parseArgs } from 'node:util';
import { z } from 'zod';

export const SMOKE_COMMAND = 'snowflake-smoke';

export interface SmokeCliArgs {
  /** Generated transactions to sync (default 10,000). */
  readonly rows: number;
  /** Leave the scratch schemas for a look (the report names them); default: drop them. */
  readonly keepSchema: boolean;
  readonly help: boolean;
}

export const SMOKE_USAGE = `Usage: nx run warehouse-sync:serve -- snowflake-smoke [--rows 10000] [--keep-schema]

Proves a Snowflake account end to end, in schemas of its own that it drops afterwards:
  1. generates --rows synthetic transactions (with their customers and accounts) into an
     embedded operational store in a temp dir (PGlite; your DATABASE_URL is not touched);
  2. creates the scratch schema <prefix>RAW (prefix LEDGERLINE_SMOKE_<time>_<random>_);
  3. syncs them into it with the warehouse sync (MERGE, PUT + COPY INTO for large batches),
     and into a temp DuckDB warehouse as the reference;
  4. dbt build --target snowflake into <prefix>* schemas (every seed, model, snapshot and data
     test but the market ones, whose RAW tables the sync does not write), then the same on DuckDB;
  5. compares every mart of the two builds to the cent (tools/dbt/fakesnow/compare_marts.py);
  6. drops every <prefix>* schema, also when a step failed, and prints a report.
Reads SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER, SNOWFLAKE_PASSWORD or SNOWFLAKE_PRIVATE_KEY_PATH
(+ SNOWFLAKE_PRIVATE_KEY_PASSPHRASE), SNOWFLAKE_ROLE, SNOWFLAKE_WAREHOUSE, SNOWFLAKE_DATABASE
and SNOWFLAKE_QUERY_TAG (docs/snowflake.md). Exit 0 passed, 1 a step failed, 2 bad arguments or
configuration.
  --rows N          transactions to generate and sync (1000..1000000, default 10000)
  --keep-schema     do not drop the scratch schemas
  --help            this text`;

const rowCount = z.coerce.number().int().min(1_000).max(1_000_000);

/** Parses the arguments after `snowflake-smoke`; throws a readable error for bad ones. */
export function parseSmokeArgs(argv: readonly string[]): SmokeCliArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rows: { type: 'string' },
      'keep-schema': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const rows = rowCount.safeParse(values.rows ?? '10000');
  if (!rows.success) throw new Error(`--rows: ${rows.error.issues.map((i) => i.message).join('; ')}`);
  return { rows: rows.data, keepSchema: values['keep-schema'] ?? false, help: values.help ?? false };
}
