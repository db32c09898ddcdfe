import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface MetricsEndpoint {
  /** `http://<host>:<port>/metrics` */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` in the Prometheus text format. Port 0 picks a free port (tests). Bound to
 * 127.0.0.1 unless told otherwise: a container that Prometheus scrapes from another one needs
 * METRICS_HOST=0.0.0.0 (docker/compose.yml sets it).
 */
export async function startMetricsServer(registry: Registry, port: number, host = '127.0.0.1'): Promise<MetricsEndpoint> {
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/metrics') {
      registry
        .metrics()
        .then((body) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(body);
        })
        .catch((error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`metrics failed: ${error instanceof Error ? error.message : String(error)}`);
        });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found; try /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
