import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the agent's chat client sent: where to, which headers, the JSON body. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

/** One reply of the script: an HTTP status and the JSON body the real API would send. */
export interface WireReply {
  readonly status?: number;
  readonly body: unknown;
}

/**
 * A local HTTP server that answers the agent's chat client with recorded replies, in order, and
 * keeps every request. It speaks no protocol itself: the replies are the provider's own JSON
 * (OpenAI chat completions, Gemini generateContent), so what is tested is the real client
 * library decoding real wire shapes and the agent acting on them. After the script it answers
 * 599, which fails a test that asks for more than was recorded.
 */
export class RecordedLlmServer {
  readonly requests: RecordedRequest[] = [];
  private readonly server: Server;
  private next = 0;

  private constructor(private readonly replies: readonly WireReply[]) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // kept as text
        }
        this.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
        const reply = this.replies[this.next];
        this.next += 1;
        res.writeHead(reply?.status ?? (reply ? 200 : 599), { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply?.body ?? { error: { message: 'no more recorded replies' } }));
      });
    });
  }

  static async start(replies: readonly WireReply[]): Promise<RecordedLlmServer> {
    const server = new RecordedLlmServer(replies);
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
