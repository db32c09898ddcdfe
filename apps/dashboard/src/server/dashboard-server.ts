import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AnalyticsUnavailableError } from '@ledgerline/analytics';
import { silentLogger, type Logger } from '@ledgerline/logging';
import { ZodError } from 'zod';
import { ApiContext, type ApiDeps } from './api-context.ts';
import { handleApi } from './api-routes.ts';
import { describeIssues } from './dashboard-filters.ts';
import { HttpError } from './http-error.ts';
import { readJsonBody } from './request-body.ts';
import { readStaticFile } from './static-files.ts';

export interface DashboardServerOptions extends ApiDeps {
  /** The built page (apps/dashboard/web/dist); unset = API only. */
  readonly staticDir?: string;
  readonly logger?: Logger;
}

export interface DashboardServer {
  readonly server: Server;
  /** Listens on 127.0.0.1 (port 0 = a random free port) and resolves to the base URL. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The status and message a failure answers with; internals are logged, never sent. */
function errorResponse(error: unknown, logger: Logger): { status: number; message: string } {
  if (error instanceof HttpError) return { status: error.status, message: error.message };
  // The store validates params too: its refusals are the caller's input, not a server fault.
  if (error instanceof ZodError) return { status: 400, message: describeIssues(error) };
  if (error instanceof AnalyticsUnavailableError) return { status: 503, message: `analytics data is unavailable: ${error.message}` };
  logger.error('request failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return { status: 500, message: 'internal error (see the server log)' };
}

/** The dashboard's HTTP server: `/api/*` as JSON, everything else from the built page. */
export function createDashboardServer(options: DashboardServerOptions): DashboardServer {
  const ctx = new ApiContext(options);
  const logger = options.logger ?? silentLogger;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/api/')) {
      try {
        const body = method === 'POST' ? await readJsonBody(req) : undefined;
        sendJson(res, 200, await handleApi(url.pathname, method, { query: url.searchParams, body }, ctx));
      } catch (error) {
        const { status, message } = errorResponse(error, logger);
        sendJson(res, status, { error: message });
      }
      return;
    }
    const file = method === 'GET' && options.staticDir ? await readStaticFile(options.staticDir, url.pathname) : undefined;
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.contentType, 'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
    res.end(file.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error('response failed', { error: String(error) });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });

  return {
    server,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolveUrl, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const { port: actual } = server.address() as AddressInfo;
          resolveUrl(`http://${host}:${actual}`);
        });
      }),
    close: () =>
      new Promise((resolveClose, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolveClose()));
      }),
  };
}
