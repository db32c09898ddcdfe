import { planColumnDrift, type ColumnDriftPlan } from '@ledgerline/analytics';
import type { CompositionRoot } from '@ledgerline/di';
import { DuckDbAnalyticsStore, inspectDuckDbFile, moveAside } from '@ledgerline/duckdb';
import type { PostgresAdapter, PostgresAnalyticsSource } from '@ledgerline/postgres';
import { DEFAULT_SYNC_TABLES, describeError, SyncFailedError, syncOnce, WarehouseLockedError, type TableSyncReport } from '@ledgerline/warehouse-sync';
import { ANALYTICS_LOCATION, DUCKDB, ENV, LOGGER, OPERATIONAL_STORE } from '../container.ts';
import { formatDuration, type CommandIo } from './command-io.ts';

/**
 * `analytics sync [--full]`: the warehouse-sync engine (syncOnce) from the operational store's
 * change feed into the analytics DuckDB file, after checking the file (rebuilding a corrupt one
 * on --full, moved aside) and the Postgres columns (a new column is added; a vanished one stops
 * the sync with advice). Prints what moved and how fast.
 */
export async function syncCommand(root: CompositionRoot, args: { full: boolean }, io: CommandIo): Promise<number> {
  const env = root.resolve(ENV);
  const logger = root.resolve(LOGGER);
  const { path, isWarehouse } = root.resolve(ANALYTICS_LOCATION);
  let full = args.full;

  const file = await inspectDuckDbFile(path);
  if (file.state === 'locked') {
    io.err(`${path} is in use by another process (${file.reason}). Wait for that sync or dbt run to finish, then try again.`);
    return 1;
  }
  if (file.state === 'corrupt') {
    if (!full) {
      io.err(`${path} cannot be opened: ${file.reason}\nRun \`analytics sync --full\` to rebuild it from Postgres (the damaged file is moved aside, not deleted).`);
      return 1;
    }
    const aside = moveAside(path);
    io.out(`${path} was unreadable (${file.reason}).\nMoved it aside to ${aside}; rebuilding from Postgres.`);
  } else if (file.state === 'missing') {
    io.out(`No analytics file at ${path} yet: building it from Postgres.`);
    full = true;
  }

  let postgres: PostgresAdapter;
  try {
    postgres = await root.resolve(OPERATIONAL_STORE)();
  } catch (error) {
    io.err(`Postgres is unreachable (${describeError(error)}); nothing synced. ${path} keeps the data of its last sync.`);
    return 1;
  }

  const plan = await planTables(postgres.analyticsSource, io, full);
  if (!plan) return 1;

  const warehouse = root.resolve(DUCKDB).warehouse({ file: 'analytics', logger: logger.child('warehouse') });
  const started = performance.now();
  let reports: TableSyncReport[];
  try {
    reports = await syncOnce(
      { changeFeed: postgres.changeFeed, warehouse, batchSize: env.SYNC_BATCH_SIZE, logger: logger.child('sync') },
      { tables: plan.specs, fullRefresh: full },
    );
  } catch (error) {
    if (error instanceof WarehouseLockedError) {
      io.err(`Another sync is running (${error.holder}); try again when it has finished.`);
    } else if (error instanceof SyncFailedError) {
      for (const failure of error.failures) io.err(`${failure.table}: ${failure.reason}`);
      for (const done of error.completed) io.out(reportLine(done));
      io.err('The failed tables keep their last committed batch; run sync again once the cause is fixed.');
    } else {
      io.err(`sync failed: ${describeError(error)}`);
    }
    return 1;
  } finally {
    await warehouse.close();
  }

  const seconds = (performance.now() - started) / 1000;
  const rows = reports.reduce((sum, r) => sum + r.rowsRead, 0);
  for (const report of reports) io.out(reportLine(report));
  io.out(`${full ? 'Full sync' : 'Sync'} done: ${rows} rows in ${formatDuration(seconds * 1000)} (${Math.round(rows / Math.max(seconds, 0.001))} rows/s) into ${path}`);
  // The serving layer (rollups, clustered fact, anomalies) follows RAW; until it is refreshed
  // the store answers from the marts or RAW instead, so a failure here costs speed, not truth.
  try {
    const serving = await DuckDbAnalyticsStore.refreshServing(path, { full });
    io.out(servingLine(serving));
  } catch (error) {
    io.err(`The serving tables could not be refreshed (${describeError(error)}): queries read RAW or the marts until the next sync refreshes them.`);
    return 1;
  }
  if (full && isWarehouse) {
    io.out('This file is also the warehouse: rebuild the dbt marts with `tools/dbt/dbt.sh build --full-refresh` (or let warehouse-sync do it).');
  }
  return 0;
}

/** Checks Postgres' columns against the sync specs and says what changes; undefined = stop. */
async function planTables(source: PostgresAnalyticsSource, io: CommandIo, full: boolean): Promise<ColumnDriftPlan | undefined> {
  const names = DEFAULT_SYNC_TABLES.map((t) => t.name);
  const columns = await source.sourceColumns(names);
  const missingTables = names.filter((name) => !columns.some((c) => c.table === name));
  if (missingTables.length > 0) {
    io.err(`Postgres has no ${missingTables.join(', ')} table: the operational schema is not migrated yet (start the pipeline or run the batch seed first).`);
    return undefined;
  }
  const plan = planColumnDrift(DEFAULT_SYNC_TABLES, columns);
  for (const added of plan.added) {
    io.out(
      `Postgres ${added.table} has a new column ${added.column.name} (${added.dataType}): adding it to raw.${added.table} as ${added.column.type}, nullable.` +
        (full ? '' : ' Rows synced before keep NULL there until they change; run `analytics sync --full` to backfill them.'),
    );
  }
  for (const problem of plan.problems) {
    const line = `${problem.table}.${problem.column}: ${problem.advice}`;
    if (problem.blocking) io.err(line);
    else io.out(line);
  }
  return plan.problems.some((p) => p.blocking) ? undefined : plan;
}

function reportLine(report: TableSyncReport): string {
  const seconds = report.durationMs / 1000;
  const rate = Math.round(report.rowsRead / Math.max(seconds, 0.001));
  return `  ${report.table.padEnd(13)} ${String(report.rowsRead).padStart(9)} rows read, ${report.upserted} upserted, ${report.deleted} deleted in ${formatDuration(report.durationMs)} (${rate} rows/s)`;
}

function servingLine(report: Awaited<ReturnType<typeof DuckDbAnalyticsStore.refreshServing>>): string {
  const took = formatDuration(report.durationMs);
  if (report.mode === 'full') return `  serving tables rebuilt from ${report.transactions} transactions in ${took}`;
  if (report.mode === 'unchanged') return `  serving tables already up to date (${took})`;
  return `  serving tables refreshed: ${report.transactions} changed transactions, ${report.groups} rollup rows patched over ${report.days} days in ${took}`;
}
