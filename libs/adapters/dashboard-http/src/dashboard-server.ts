import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AnalyticsUnavailableError } from '@ledgerline/analytics';
import { silentLogger, type Logger } from '@ledgerline/logging';
import { ZodError } from 'zod';
import { ApiContext, type ApiDeps } from './api-context.ts';
import { handleApi } from './api-routes.ts';
import { ClientSessions } from './client-session.ts';
import { describeIssues } from './dashboard-filters.ts';
import { FlowsApi } from './flows/flows-routes.ts';
import { HttpError } from './http-error.ts';
import { MarketApi } from './market/market-routes.ts';
import { readJsonBody } from './request-body.ts';
import { checkHost, checkSameOrigin, LOOPBACK_HOSTS, requireJsonBody } from './request-guard.ts';
import { SECURITY_HEADERS } from './security-headers.ts';
import { readStaticFile } from './static-files.ts';

export interface DashboardServerOptions extends ApiDeps {
  /** The built page (apps/dashboard/web/dist, WEB_DIST); unset = API only. */
  readonly staticDir?: string;
  readonly logger?: Logger;
  /**
   * Host names (Host header, port aside) served besides the loopback names and the host listened
   * on (DASHBOARD_ALLOWED_HOSTS): any other name is refused, against DNS rebinding.
   */
  readonly allowedHosts?: readonly string[];
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

/** `::1` as a Host header spells it; wildcard addresses name no host. */
function listenedHostName(host: string): string | undefined {
  if (host === '0.0.0.0' || host === '::') return undefined;
  return host.includes(':') ? `[${host.toLowerCase()}]` : host.toLowerCase();
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

  const market = new MarketApi(options.market);
  const flows = new FlowsApi(options.flows, options.now);
  const sessions = new ClientSessions();
  const allowedHosts = new Set([...LOOPBACK_HOSTS, ...(options.allowedHosts ?? []).map((h) => h.trim().toLowerCase()).filter(Boolean)]);

  async function handleApiRequest(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    try {
      checkHost(req, allowedHosts);
      let body: unknown;
      if (method !== 'GET' && method !== 'HEAD') {
        checkSameOrigin(req);
        requireJsonBody(req);
        body = await readJsonBody(req);
      }
      const session = sessions.of(req);
      if (session.setCookie) res.setHeader('set-cookie', session.setCookie);
      if (url.pathname === '/api/flows' || url.pathname.startsWith('/api/flows/')) {
        const answer = await flows.handle(url.pathname, method, url.searchParams, body);
        sendJson(res, answer.status, answer.body);
        return;
      }
      const answer = url.pathname.startsWith('/api/market/')
        ? await market.handle(url.pathname, method, url.searchParams)
        : await handleApi(url.pathname, method, { query: url.searchParams, body, clientSession: session.id }, ctx);
      sendJson(res, 200, answer);
    } catch (error) {
      const { status, message } = errorResponse(error, logger);
      sendJson(res, status, { error: message });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/api/')) return handleApiRequest(req, res, url, method);
    try {
      checkHost(req, allowedHosts);
    } catch (error) {
      const { status, message } = errorResponse(error, logger);
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(message);
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
        const name = listenedHostName(host);
        if (name) allowedHosts.add(name);
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
