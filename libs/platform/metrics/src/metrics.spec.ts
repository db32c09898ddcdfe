import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { silentLogger, type Logger } from '@ledgerline/logging';
import {
  createFlowMetrics,
  createMetricsRegistry,
  createSinkMetrics,
  createSyncMetrics,
  cumulativeCounter,
  cumulativeLabelledCounter,
  metricsPort,
  metricsPortOption,
  serveMetrics,
  startMetricsServer,
  trackSinkTotals,
} from './index.ts';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger: Logger & { lines: string[] } = {
    lines,
    debug: (m) => lines.push(`debug ${m}`),
    info: (m, f) => lines.push(`info ${m} ${JSON.stringify(f ?? {})}`),
    warn: (m, f) => lines.push(`warn ${m} ${JSON.stringify(f ?? {})}`),
    error: (m) => lines.push(`error ${m}`),
    child: () => logger,
  };
  return logger;
}

describe('metrics endpoint', () => {
  it('serves the registry in Prometheus text format on GET /metrics, 404 elsewhere', async () => {
    const registry = createMetricsRegistry();
    createSinkMetrics(registry).eventsLanded.inc(42);
    const server = await startMetricsServer(registry, 0);
    try {
      const response = await fetch(server.url);
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(body).toContain('ledgerline_events_landed_total 42');
      // Every process feeds the memory and event-loop panels.
      expect(body).toMatch(/^ledgerline_process_process_resident_memory_bytes \d+/m);
      expect(body).toMatch(/^ledgerline_process_nodejs_eventloop_lag_p99_seconds /m);
      expect((await fetch(server.url.replace('/metrics', '/nope'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('binds the host it is given (a container scraped from another needs 0.0.0.0)', async () => {
    const server = await startMetricsServer(new Registry(), 0, '0.0.0.0');
    try {
      expect(server.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/metrics$/);
      expect((await fetch(server.url.replace('0.0.0.0', '127.0.0.1'))).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('port 0 means off; a port in use is a warning naming the flag, and the process goes on', async () => {
    const logger = recordingLogger();
    expect(await serveMetrics(new Registry(), { port: 0 }, logger)).toBeUndefined();
    expect(logger.lines.join('\n')).toContain('metrics endpoint off (port 0)');
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
    const address = busy.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      expect(await serveMetrics(new Registry(), { port }, logger)).toBeUndefined();
      expect(logger.lines.at(-1)).toMatch(new RegExp(`^warn metrics endpoint not started; pick a free port with --metrics-port .*"port":${port}.*EADDRINUSE`));
    } finally {
      busy.close();
    }
    const served = await serveMetrics(new Registry(), { port: port }, silentLogger);
    expect(served?.url).toBe(`http://127.0.0.1:${port}/metrics`);
    await served?.close();
  });

  it('--metrics-port wins over the env setting; 0 is allowed, out-of-range ports are refused', () => {
    expect(metricsPort(undefined, 9467)).toBe(9467);
    expect(metricsPort(0, 9467)).toBe(0);
    expect(metricsPort(9500, 9467)).toBe(9500);
    expect(metricsPortOption.parse('0')).toBe(0);
    expect(metricsPortOption.safeParse('65536').success).toBe(false);
    expect(metricsPortOption.safeParse('x').success).toBe(false);
  });
});

describe('metric families', () => {
  it('show every labelled counter and the sync gauges from the first scrape', async () => {
    const registry = new Registry();
    createSyncMetrics(registry, { intervalSeconds: 30, tables: ['customers', 'transactions'] });
    createFlowMetrics(registry, ['warehouse-sync']);
    const body = await registry.metrics();
    expect(body).toContain('ledgerline_dbt_runs_total{outcome="failed"} 0');
    expect(body).toContain('ledgerline_sync_rows_total{table="transactions"} 0');
    expect(body).toContain('ledgerline_sync_interval_seconds 30');
    expect(body).toContain('ledgerline_sync_last_success_timestamp_seconds 0');
    expect(body).toContain('ledgerline_job_runs_total{job_name="warehouse-sync",status="failed"} 0');
  });

  it('move landed, dead-lettered and lag while the sink runs, not only at shutdown', async () => {
    const registry = new Registry();
    const metrics = createSinkMetrics(registry);
    const totals = { stored: 0, deadLettered: 0, lag: 7 };
    const tracker = trackSinkTotals(metrics, () => totals, 10);
    try {
      totals.stored = 120;
      totals.deadLettered = 3;
      await new Promise((resolve) => setTimeout(resolve, 40));
      const body = await registry.metrics();
      expect(body).toContain('ledgerline_events_landed_total 120');
      expect(body).toContain('ledgerline_events_dlq_total 3');
      expect(body).toContain('ledgerline_consumer_lag 7');
      totals.stored = 150;
      tracker.flush();
      tracker.flush();
      expect(await registry.metrics()).toContain('ledgerline_events_landed_total 150');
    } finally {
      tracker.stop();
    }
  });

  it('cumulative counters follow a stats() count at each scrape and never go down', async () => {
    const registry = new Registry();
    let files = 0;
    const byReason: Partial<Record<'size' | 'time', number>> = {};
    cumulativeCounter({ registry, name: 'test_files_total', help: 'files', read: () => files });
    cumulativeLabelledCounter({ registry, name: 'test_rolls_total', help: 'rolls', label: 'reason', values: ['size', 'time'], read: () => byReason });
    expect(await registry.metrics()).toContain('test_rolls_total{reason="size"} 0');
    files = 5;
    byReason.time = 2;
    let body = await registry.metrics();
    expect(body).toContain('test_files_total 5');
    expect(body).toContain('test_rolls_total{reason="time"} 2');
    files = 1; // the writer behind it restarted its count
    byReason.time = 4;
    body = await registry.metrics();
    expect(body).toContain('test_files_total 5');
    expect(body).toContain('test_rolls_total{reason="time"} 4');
  });
});
