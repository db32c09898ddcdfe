import { ANALYTICS_STORE } from '@ledgerline/analytics';
import { ConfigError, loadConfig } from '@ledgerline/config';
import { createLogger } from '@ledgerline/logging';
import { MARKET_READS } from '@ledgerline/market-data';
import { DASHBOARD_AGENT, DASHBOARD_FLOWS, DashboardPortInUseError, PIPELINE_HEALTH, startDashboard } from '@ledgerline/dashboard-http';
import { parseCliArgs, USAGE } from './cli-args.ts';
import { buildContainer } from './container.ts';

// Exit codes: 0 stopped by a signal, 1 failed to start, 2 bad arguments or configuration.
async function main(argv: string[]): Promise<number> {
  let args;
  let env;
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    env = loadConfig();
  } catch (error) {
    console.error(`${error instanceof Error && !(error instanceof ConfigError) ? `dashboard: ${error.message}` : String((error as Error).message)}\n\n${USAGE}`);
    return 2;
  }
  const logger = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT }).child('dashboard');
  const root = buildContainer(env, logger, { agent: args.agent });
  try {
    const dashboard = await startDashboard({
      store: root.resolve(ANALYTICS_STORE),
      health: root.resolve(PIPELINE_HEALTH),
      market: root.resolve(MARKET_READS),
      agent: root.has(DASHBOARD_AGENT) ? root.resolve(DASHBOARD_AGENT) : undefined,
      flows: root.has(DASHBOARD_FLOWS) ? root.resolve(DASHBOARD_FLOWS) : undefined,
      logger,
      ...(env.DASHBOARD_ALLOWED_HOSTS ? { allowedHosts: env.DASHBOARD_ALLOWED_HOSTS } : {}),
      port: args.port ?? env.DASHBOARD_PORT,
      portHint: 'DASHBOARD_PORT or --port',
      onBuild: (message) => logger.info(message),
    });
    const url = dashboard.url;
    for (const { port, adapter } of root.describeBindings()) logger.info(`${port}: ${adapter}`);
    console.log(`dashboard listening on ${url}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await dashboard.close();
    return 0;
  } catch (error) {
    if (error instanceof DashboardPortInUseError) {
      console.error(error.message);
      return 1;
    }
    logger.error('dashboard failed to start', { reason: error instanceof Error ? error.message : String(error) });
    return 1;
  } finally {
    await root.dispose().catch((error: unknown) => logger.warn('cleanup failed', { reason: String(error) }));
  }
}

process.exitCode = await main(process.argv.slice(2));
