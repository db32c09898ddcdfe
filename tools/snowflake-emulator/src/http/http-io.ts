import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';

const MAX_BODY_BYTES = 512 * 1024 * 1024;

/**
 * Reads a request body as JSON. The driver gzips bodies, but sets `Content-Encoding: gzip`
 * from an async callback that can lose the race with the send, so the header is not trusted:
 * the gzip magic bytes decide. An empty body reads as `{}`.
 */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buffer);
  }
  let body = Buffer.concat(chunks);
  if (body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b) body = gunzipSync(body);
  const text = body.toString('utf8').trim();
  return text === '' ? {} : (JSON.parse(text) as unknown);
}

/** The driver parses a response only when its content type is application/json. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
  response.end(payload);
}
