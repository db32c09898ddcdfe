import { createServer, type Server } from 'node:http';
import type { ChangeCapture, ChangeSource } from '@ledgerline/cdc';
import { Counter, Gauge, Registry } from 'prom-client';

/**
 * `GET /metrics` of the CDC process. The slot gauges are read from PostgreSQL on each scrape
 * (pg_replication_slots), so they are true even while the capture is stuck on Kafka.
 */
export async function startCdcMetrics(source: ChangeSource, capture: () => ChangeCapture | undefined, slot: string, port: number) {
  const registry = new Registry();
  new Gauge({
    name: 'ledgerline_cdc_slot_lag_bytes',
    help: 'Current WAL position minus the slot confirmed_flush_lsn: changes not yet acknowledged after Kafka',
    labelNames: ['slot'],
    registers: [registry],
    async collect() {
      const status = await source.status();
      this.set({ slot }, Number(status.lagBytes));
    },
  });
  new Gauge({
    name: 'ledgerline_cdc_slot_retained_bytes',
    help: 'Current WAL position minus the slot restart_lsn: WAL the server keeps for this slot',
    labelNames: ['slot'],
    registers: [registry],
    async collect() {
      const status = await source.status();
      this.set({ slot }, Number(status.retainedBytes));
    },
  });
  let counted = 0;
  new Counter({
    name: 'ledgerline_cdc_events_published_total',
    help: 'Change events Kafka acknowledged (snapshot reads included)',
    registers: [registry],
    collect() {
      const published = capture()?.stats().published ?? 0;
      if (published > counted) this.inc(published - counted);
      counted = published;
    },
  });
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found; try /metrics\n');
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
