import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '@ledgerline/config';
import type { CompositionRoot } from '@ledgerline/di';
import { createLogger } from '@ledgerline/logging';
import { createFlowMetrics, createMetricsRegistry, createSyncMetrics, metricsPort, serveMetrics, type MetricsEndpoint } from '@ledgerline/metrics';
import { CHANGE_FEED, DBT_RUNNER, DERIVED_TABLES, DEFAULT_SYNC_TABLES, describeError, runSyncCycle, selectSyncTables } from '@ledgerline/warehouse-sync';
import { parseCliArgs, USAGE } from './cli-args.ts';
import { SMOKE_COMMAND } from './smoke/smoke-args.ts';
import { runSmokeCommand } from './smoke/smoke-command.ts';
import { buildContainer } from './container.ts';
import { logTableReport, runSyncLoop } from './sync-loop.ts';
import { meterScheduledSync, SYNC_JOB_NAME } from './sync-metrics.ts';
import { WAREHOUSE_FACTORY } from './warehouse-factory.ts';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

// Exit codes: 0 ok, 1 a sync or dbt failure (named in the log), 2 bad arguments or configuration.
async function main(argv: string[]): Promise<number> {
  if (argv[0] === SMOKE_COMMAND) return runSmokeCommand(argv.slice(1), REPO_ROOT);
  let args;
  let env;
  let tables;
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    env = loadConfig();
    tables = selectSyncTables(DEFAULT_SYNC_TABLES, args.tables);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : `warehouse-sync: ${describeError(error)}`}\n\n${USAGE}\n`);
    return 2;
  }

  const logger = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT }).child('warehouse-sync');
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130); // a second signal: stop now
    logger.info(`${signal}: finishing the current cycle, then exiting (send again to stop at once)`);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  // On a schedule only: a --once run is over before a scrape would see it.
  const registry = createMetricsRegistry();
  const metrics = {
    ...createSyncMetrics(registry, { intervalSeconds: env.SYNC_INTERVAL_SECONDS, tables: tables.map((t) => t.name) }),
    ...createFlowMetrics(registry, [SYNC_JOB_NAME]),
  };
  let endpoint: MetricsEndpoint | undefined;
  let root: CompositionRoot | undefined;
  try {
    if (!args.once) endpoint = await serveMetrics(registry, { port: metricsPort(args.metricsPort, env.SYNC_METRICS_PORT), host: env.METRICS_HOST }, logger);
    root = await buildContainer(env, logger, { repoRoot: REPO_ROOT });
    for (const { port, adapter } of root.describeBindings()) logger.info('adapter', { port, adapter });
    const changeFeed = root.resolve(CHANGE_FEED);
    const warehouseFactory = root.resolve(WAREHOUSE_FACTORY);
    const { dbt, recorder } = meterScheduledSync(metrics, root.has(DBT_RUNNER) ? root.resolve(DBT_RUNNER) : undefined);
    const derivedTables = root.has(DERIVED_TABLES) ? root.resolve(DERIVED_TABLES) : undefined;
    const { once, fullRefresh } = args;
    logger.info(once ? 'syncing once' : `syncing every ${env.SYNC_INTERVAL_SECONDS}s`, { tables: tables.map((t) => t.name), fullRefresh });
    return await runSyncLoop({
      once,
      intervalMs: env.SYNC_INTERVAL_SECONDS * 1000,
      signal: controller.signal,
      logger,
      runCycle: (first) =>
        recorder.observe(() =>
          runSyncCycle(
            {
              changeFeed,
              warehouse: warehouseFactory(),
              batchSize: env.SYNC_BATCH_SIZE,
              logger,
              dbt,
              derivedTables,
              onTablesSynced: (reports) => {
                recorder.tablesSynced(reports);
                reports.forEach((report) => logTableReport(logger, report));
              },
            },
            { tables, fullRefresh: fullRefresh && first },
          ),
        ),
    });
  } catch (error) {
    logger.error('warehouse-sync cannot start', { reason: describeError(error) });
    return 1;
  } finally {
    await endpoint?.close();
    await root?.dispose().catch((error: unknown) => logger.warn('cleanup failed', { reason: describeError(error) }));
  }
}

process.exitCode = await main(process.argv.slice(2));
