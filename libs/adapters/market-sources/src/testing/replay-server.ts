import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplayResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

/**
 * A local HTTP server that replays recorded responses (written from each API's documented shape)
 * for the adapters' tests: nothing leaves 127.0.0.1. Each route answers its responses in order and
 * then repeats the last; an unknown path is a 599 so a test sees it at once.
 */
export class ReplayServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, ReplayResponse[]>();
  private server: Server | null = null;
  baseUrl = '';

  /** `pathname` is matched without the query string. */
  route(pathname: string, ...responses: ReplayResponse[]): this {
    this.routes.set(pathname, responses);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      this.requests.push({ path, headers: request.headers });
      const queue = this.routes.get(path.split('?')[0] ?? path);
      const next = queue && (queue.length > 1 ? queue.shift() : queue[0]);
      if (!next) {
        response.writeHead(599, { 'content-type': 'text/plain' }).end(`no replay for ${path}`);
        return;
      }
      response.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(next.body);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
