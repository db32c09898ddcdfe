import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareMartsWithDuckDb, type DbtAdapter } from '@ledgerline/dbt';
import { openDuckDb } from '@ledgerline/duckdb';
import type { Logger } from '@ledgerline/logging';
import { type SnowflakeScratchSchemas } from '@ledgerline/snowflake';
import { DEFAULT_SYNC_TABLES, syncOnce, type DbtBuildSummary, type TableSyncReport, type Warehouse } from '@ledgerline/warehouse-sync';
import type { SmokeStep } from './run-smoke.ts';
import { generateSmokeStore, type SmokeStore } from './smoke-dataset.ts';
import type { SmokeSettings } from './smoke-settings.ts';

/**
 * The market models read RAW tables the warehouse sync does not write (the market backfill
 * does), so a run of the sync alone leaves them out on both warehouses, with their seed and tests.
 */
export const SMOKE_DBT_SELECTION = ['--exclude', 'path:models/market', 'market_assets'] as const;

/** The sync stamps its own clock on each row (`_synced_at`); two syncs differ there and nowhere else. */
export const SYNC_CLOCK_COLUMNS = ['tx_synced_at', 'account_synced_at', 'customer_synced_at'] as const;

export interface SmokePlanOptions {
  readonly settings: SmokeSettings;
  readonly rows: number;
  readonly prefix: string;
  readonly keepSchema: boolean;
  readonly repoRoot: string;
  /** dbt on the configured project (dbtFromEnv); each build here picks its target and files. */
  readonly dbt: DbtAdapter;
  readonly batchSize: number;
  readonly logger: Logger;
}

export interface SmokePlan {
  readonly heading: string;
  readonly steps: SmokeStep[];
  readonly cleanup: SmokeStep;
}

const tableCounts = (reports: readonly TableSyncReport[]) => reports.map((r) => `${r.table} ${r.upserted} merged`).join(', ');

async function syncInto(warehouse: Warehouse, store: SmokeStore, batchSize: number, logger: Logger): Promise<string> {
  try {
    const reports = await syncOnce({ changeFeed: store.adapter.changeFeed, warehouse, batchSize, logger }, { tables: DEFAULT_SYNC_TABLES });
    const synced = reports.find((r) => r.table === 'transactions')?.upserted ?? 0;
    if (synced !== store.counts.transactions) throw new Error(`${synced} of ${store.counts.transactions} transactions synced (${tableCounts(reports)})`);
    return tableCounts(reports);
  } finally {
    await warehouse.close();
  }
}

function describeBuild(summary: DbtBuildSummary): string {
  const counts = `${summary.modelsBuilt} models/seeds/snapshots built, ${summary.testsPassed} tests passed`;
  if (summary.failures.length === 0 && summary.modelsBuilt > 0) return counts;
  const failures = summary.failures.slice(0, 10).map((f) => `${f.status}: ${f.uniqueId}${f.message ? ` - ${f.message.split('\n')[0]}` : ''}`);
  throw new Error([`${counts}, ${summary.failures.length} node(s) failed`, ...failures].join('\n'));
}

/** The steps of one smoke run and its cleanup, wired to the real adapters. */
export function planSmoke(options: SmokePlanOptions): SmokePlan {
  const { settings, prefix, logger } = options;
  const work = mkdtempSync(join(tmpdir(), 'ledgerline-snowflake-smoke-'));
  const duckdbPath = join(work, 'reference.duckdb');
  // The local reference build's own file, not the configured warehouse.
  const reference = openDuckDb({ warehousePath: duckdbPath, analyticsPath: duckdbPath, vectorsPath: join(work, 'vectors.duckdb') });
  const rawSchema = `${prefix}RAW`;
  const pythonEnv = settings.pythonEnv(rawSchema);
  let store: SmokeStore | undefined;
  let scratch: SnowflakeScratchSchemas | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is missing (an earlier step did not run)`);
    return value;
  };
  const dbtBuild = (target: 'duckdb' | 'snowflake', args: readonly string[], env?: Record<string, string>) =>
    options.dbt
      .runner({
        target,
        warehouseDuckdbPath: duckdbPath,
        targetPath: join(work, `target-${target}`),
        args: [...SMOKE_DBT_SELECTION, ...args],
        ...(env ? { env } : {}),
        logger: logger.child(`dbt ${target}`),
      })
      .build();

  const steps: SmokeStep[] = [
    {
      name: 'generate',
      run: async () => {
        store = await generateSmokeStore(options.rows);
        const { customers, accounts, transactions } = store.counts;
        return `${transactions} transactions, ${accounts} accounts, ${customers} customers in an in-memory operational store`;
      },
    },
    {
      name: 'create scratch schema',
      run: async () => {
        scratch = await settings.snowflake.scratchSchemas(prefix);
        await scratch.create();
        return `${settings.connection.database}.${rawSchema}`;
      },
    },
    {
      name: 'sync to Snowflake',
      run: () =>
        syncInto(
          settings.snowflake.warehouse({ schema: rawSchema, logger: logger.child('snowflake') }),
          need(store, 'the operational store'),
          options.batchSize,
          logger,
        ),
    },
    {
      name: 'sync to DuckDB (reference)',
      run: () => syncInto(reference.warehouse({ logger: logger.child('duckdb') }), need(store, 'the operational store'), options.batchSize, logger),
    },
    {
      name: 'dbt build on Snowflake',
      run: async () =>
        describeBuild(await dbtBuild('snowflake', ['--full-refresh', '--vars', JSON.stringify({ schema_prefix: prefix, raw_schema: rawSchema })], pythonEnv)),
    },
    // After Snowflake's: a broken account fails the run before the local reference build's minute.
    { name: 'dbt build on DuckDB', run: async () => describeBuild(await dbtBuild('duckdb', [])) },
    {
      name: 'compare marts',
      run: async () => {
        const result = await compareMartsWithDuckDb({
          repoRoot: options.repoRoot,
          duckdbPath,
          schemaPrefix: prefix,
          ignoreColumns: SYNC_CLOCK_COLUMNS,
          env: pythonEnv,
          logger: logger.child('compare'),
        });
        if (!result.equal) throw new Error(result.output.join('\n') || 'the comparison failed without output');
        return result.output.at(-1) ?? 'equal';
      },
    },
  ];

  const cleanup: SmokeStep = {
    name: options.keepSchema ? 'keep scratch schemas' : 'drop scratch schemas',
    run: async () => {
      try {
        if (!scratch) return 'nothing was created';
        if (options.keepSchema) return `kept: ${(await scratch.list()).join(', ')}`;
        const dropped = await scratch.drop();
        const left = await scratch.list();
        if (left.length > 0) throw new Error(`still there after DROP: ${left.join(', ')}`);
        return `dropped ${dropped.length}: ${dropped.join(', ')}`;
      } finally {
        await scratch?.close().catch(() => undefined);
        await store?.adapter.close().catch(() => undefined);
        rmSync(work, { recursive: true, force: true });
      }
    },
  };

  const heading = `snowflake-smoke: ${settings.snowflake.description}, scratch prefix ${prefix}, ${options.rows} transactions`;
  return { heading, steps, cleanup };
}
