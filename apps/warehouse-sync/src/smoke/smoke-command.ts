import { ConfigError, loadConfig } from '@ledgerline/config';
import { dbtFromEnv } from '@ledgerline/dbt';
import { createLogger } from '@ledgerline/logging';
import { scratchSchemaPrefix } from '@ledgerline/snowflake';
import { formatSmokeReport, runSmoke } from './run-smoke.ts';
import { parseSmokeArgs, SMOKE_USAGE } from './smoke-args.ts';
import { SmokeConfigError, smokeSettingsFromEnv } from './smoke-settings.ts';
import { planSmoke } from './smoke-steps.ts';

/**
 * `warehouse-sync:serve -- snowflake-smoke`: the whole Snowflake path on a real account, in
 * scratch schemas it drops afterwards. Exit 0 passed, 1 a step failed, 2 bad arguments or
 * configuration (nothing was created).
 */
export async function runSmokeCommand(argv: readonly string[], repoRoot: string): Promise<number> {
  let args;
  let env;
  let settings;
  try {
    args = parseSmokeArgs(argv);
    if (args.help) {
      process.stdout.write(`${SMOKE_USAGE}\n`);
      return 0;
    }
    env = loadConfig();
    settings = smokeSettingsFromEnv(env);
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof SmokeConfigError ? error.message : `snowflake-smoke: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n\n${SMOKE_USAGE}\n`);
    return 2;
  }

  const logger = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT }).child('snowflake-smoke');
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    logger.info(`${signal}: skipping the remaining steps; the scratch schemas are still dropped`);
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const plan = planSmoke({
    settings,
    rows: args.rows,
    prefix: scratchSchemaPrefix(),
    keepSchema: args.keepSchema,
    repoRoot,
    dbt: dbtFromEnv(env, { repoRoot }),
    batchSize: env.SYNC_BATCH_SIZE,
    logger,
  });
  logger.info(plan.heading);
  const report = await runSmoke(plan.steps, plan.cleanup, {
    signal: controller.signal,
    onStep: (step) => logger.info(`${step.name}: ${step.status}`, { durationMs: step.durationMs }),
  });
  process.stdout.write(`${formatSmokeReport(report, plan.heading)}\n`);
  return report.passed ? 0 : 1;
}
