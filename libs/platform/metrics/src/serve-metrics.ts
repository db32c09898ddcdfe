import type { Logger } from '@ledgerline/logging';
import type { Registry } from 'prom-client';
import { startMetricsServer, type MetricsEndpoint } from './metrics-server.ts';

/**
 * Starts `GET /metrics` on `host` (default 127.0.0.1):`port` for a process that runs on its own, or nothing when the
 * port is 0 (metrics off). A port already in use is logged as a warning and the process goes on
 * without an endpoint: metrics must never stop data from moving, and the warning names the port and
 * the flag that picks another one (two sinks on one host need two ports).
 */
export async function serveMetrics(registry: Registry, where: { port: number; host?: string }, logger: Logger): Promise<MetricsEndpoint | undefined> {
  const { port, host } = where;
  if (port === 0) {
    logger.info('metrics endpoint off (port 0)');
    return undefined;
  }
  try {
    const endpoint = await startMetricsServer(registry, port, host);
    logger.info('metrics', { url: endpoint.url });
    return endpoint;
  } catch (error) {
    logger.warn('metrics endpoint not started; pick a free port with --metrics-port <port> (0 = off)', {
      port,
      host: host ?? '127.0.0.1',
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}
