import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.ts';

/** Names a loopback-bound dashboard always answers to. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** The host name of a Host or Origin authority (`name[:port]`), lower case; undefined when malformed. */
export function hostNameOf(authority: string): string | undefined {
  try {
    const url = new URL(`http://${authority}`);
    // A Host header is an authority only: no user info, path, query or fragment.
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return undefined;
    return url.hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * DNS rebinding defence: a page on evil.example that re-points its name at 127.0.0.1 reaches this
 * server with `Host: evil.example`. Only the names the server is bound to (or told to accept) pass.
 */
export function checkHost(req: IncomingMessage, allowed: ReadonlySet<string>): void {
  const header = req.headers.host;
  if (!header) throw new HttpError(400, 'the request has no Host header');
  const name = hostNameOf(header);
  if (!name || !allowed.has(name)) {
    throw new HttpError(421, `host ${JSON.stringify(header)} is not served here (allowed: ${[...allowed].join(', ')}; see DASHBOARD_ALLOWED_HOSTS)`);
  }
}

/**
 * A state-changing request must come from the dashboard's own page: a browser tells where a
 * request comes from with Sec-Fetch-Site and Origin, and a cross-site page cannot forge either.
 * Clients that send neither (curl, tests) are not browsers and pass.
 */
export function checkSameOrigin(req: IncomingMessage): void {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new HttpError(403, `cross-site request refused (Sec-Fetch-Site: ${site})`);
  }
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let originAuthority: string | undefined;
  try {
    const url = new URL(origin);
    originAuthority = url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : undefined;
  } catch {
    originAuthority = undefined;
  }
  if (!originAuthority || originAuthority !== req.headers.host?.toLowerCase()) {
    throw new HttpError(403, `cross-origin request refused (Origin: ${origin})`);
  }
}

/**
 * The API's bodies are JSON. Requiring the media type also keeps cross-site HTML forms and
 * "simple" fetches (text/plain, form encodings: no CORS preflight) out.
 */
export function requireJsonBody(req: IncomingMessage): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, `the body must be application/json (got ${req.headers['content-type'] ?? 'no content type'})`);
  }
}
