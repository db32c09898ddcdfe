import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LedgerlineEnv } from '@ledgerline/config';
import { dbtFromEnv } from '@ledgerline/dbt';
import { CompositionRoot, token } from '@ledgerline/di';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import { EVENT_PUBLISHER, EVENT_SUBSCRIBER, PRODUCER_CHECKPOINTS, TOPIC_ADMIN, TRANSACTION_STORE } from '@ledgerline/ingestion';
import { kafkaFromEnv, streamSettingsFromEnv } from '@ledgerline/kafka';
import type { Logger } from '@ledgerline/logging';
import { FLOW_RUNNER } from '@ledgerline/flows';
import { openDurableEventBus } from '@ledgerline/memory';
import { openPgBossFlowRunner } from '@ledgerline/pg-boss';
import { RUN_HISTORY } from '@ledgerline/pipeline';
import { createTriggerLogChangeSource, postgresFromEnv } from '@ledgerline/postgres';
import { CHANGE_SOURCE } from '@ledgerline/cdc';
import { CHANGE_FEED, DBT_RUNNER, DERIVED_TABLES, type Warehouse } from '@ledgerline/warehouse-sync';

/** A fresh Warehouse per sync cycle: the cycle closes it so dbt can open the DuckDB file. */
export const WAREHOUSE_FACTORY = token<() => Warehouse>('WarehouseFactory');

export interface PipelineWiring {
  readonly repoRoot: string;
  /** Why dbt is off, when it is (disabled by config, or no Python virtualenv). */
  readonly dbtUnavailable?: string;
}

/**
 * The composition root of the all-in-one pipeline (architecture §2): every port gets its
 * embedded default unless its environment variable selects the real service. PGlite serves
 * exactly one connection, so with the embedded store every stage (sink, batch, change feed,
 * run history) shares that one connection and their transactions queue behind each other.
 */
export async function buildPipelineContainer(env: LedgerlineEnv, logger: Logger, wiring: PipelineWiring): Promise<CompositionRoot> {
  const root = new CompositionRoot();
  for (const dir of ['incoming', 'processed', 'quarantine']) mkdirSync(resolve(env.DATA_DIR, dir), { recursive: true });

  const postgres = await postgresFromEnv(env, { logger: logger.child('store') });
  root.onDispose('store', () => postgres.close());
  await postgres.store.migrate();
  const shared = postgres.capabilities.singleConnection ? ', one connection shared by every stage' : '';
  root.value(TRANSACTION_STORE, postgres.store, `${postgres.description}${shared}`);
  root.value(CHANGE_FEED, postgres.changeFeed, `change feed on ${postgres.description} (snapshot-xmin watermark)`);
  root.value(RUN_HISTORY, postgres.runHistory, `pipeline_runs table on ${postgres.description}`);
  root.value(PRODUCER_CHECKPOINTS, postgres.producerCheckpoints, `producer_checkpoints table on ${postgres.description}`);
  if (env.PIPELINE_CDC_ENABLED) {
    // PGlite has no logical replication: the main job captures from the trigger change log (docs/cdc.md).
    const source = createTriggerLogChangeSource(postgres, { tables: env.CDC_TABLES, logger: logger.child('cdc') });
    root.value(CHANGE_SOURCE, source, `trigger change log ledgerline_cdc_log on ${postgres.description} (CDC; no replication slot)`);
  } else {
    // A change log nobody reads grows with every write, like a forgotten slot: remove it (and its triggers).
    await createTriggerLogChangeSource(postgres, { tables: env.CDC_TABLES }).dropSlot();
  }
  // The named flows' runner, on the same database (its own schema); stopped before the store closes.
  const flows = openPgBossFlowRunner(postgres.jobDatabase, { logger: logger.child('flows'), pollingIntervalSeconds: 2 });
  root.onDispose('flows', () => flows.runner.stop());
  root.value(FLOW_RUNNER, flows.runner, flows.description);

  const kafka = kafkaFromEnv(env, { logger: logger.child('kafka'), role: 'pipeline' });
  if (kafka) {
    root.onDispose('kafka', () => kafka.close());
    root.value(EVENT_PUBLISHER, kafka.publisher, kafka.description);
    root.value(EVENT_SUBSCRIBER, kafka.subscriber, kafka.description);
    root.value(TOPIC_ADMIN, kafka.admin, kafka.description);
  } else {
    // Its log lives in the operational store, beside the sink's stored offsets: a restart
    // continues each partition where it ended instead of at offset 0 (issue #25).
    const bus = await openDurableEventBus(postgres.eventLog, { defaultPartitions: streamSettingsFromEnv(env).partitions });
    const description = 'in-process bus (log in the operational store)';
    root.value(EVENT_PUBLISHER, bus.publisher, description);
    root.value(EVENT_SUBSCRIBER, bus.subscriber, description);
    root.value(TOPIC_ADMIN, bus.admin, description);
  }

  if (env.WAREHOUSE === 'snowflake') {
    throw new Error('The all-in-one pipeline runs the embedded DuckDB warehouse; for Snowflake run `nx run warehouse-sync:serve` with WAREHOUSE=snowflake.');
  }
  const duckdb = duckDbFromEnv(env);
  root.value(WAREHOUSE_FACTORY, () => duckdb.warehouse({ logger: logger.child('warehouse') }), duckdb.description);
  root.value(DERIVED_TABLES, duckdb.derivedTables(), 'DuckDB analytics serving layer (rollups of RAW)');

  if (!wiring.dbtUnavailable) {
    const dbt = dbtFromEnv(env, { repoRoot: wiring.repoRoot });
    root.bind(
      DBT_RUNNER,
      // Its run results in the data directory: a warehouse-sync beside it keeps its own.
      () => dbt.runner({ warehouseDuckdbPath: duckdb.paths.warehouse, targetPath: resolve(env.DATA_DIR, 'run', 'dbt-target'), logger: logger.child('dbt') }),
      dbt.description,
    );
  }
  return root;
}

/** dbt runs from the project-local virtualenv; without Python the pipeline skips that stage. */
export function dbtUnavailableReason(env: LedgerlineEnv, repoRoot: string): string | undefined {
  const { unavailable, enabled } = dbtFromEnv(env, { repoRoot });
  if (!unavailable || !enabled) return unavailable;
  return `${unavailable}: the pipeline runs without the dbt stage`;
}
