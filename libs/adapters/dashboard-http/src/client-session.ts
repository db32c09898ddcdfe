import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'ledgerline_session';

export interface ClientSession {
  /** Stable per browser: the agent's conversations of this client live under it. */
  readonly id: string;
  /** Set when the client had no valid session: the Set-Cookie header to send. */
  readonly setCookie?: string;
}

/** One cookie value of a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Per-client sessions for the chat: each browser gets its own random id in a cookie (HttpOnly: no
 * script reads it; SameSite=Strict: no other site's request carries it). The value is signed with
 * a key of this process, so a client cannot pick another client's id (or fixate one): an unsigned
 * or foreign value gets a fresh session. A restart issues new sessions, as the memory is gone too.
 */
export class ClientSessions {
  private readonly key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    this.key = key;
  }

  of(req: IncomingMessage): ClientSession {
    const value = readCookie(req.headers.cookie, SESSION_COOKIE);
    const id = value === undefined ? undefined : this.verify(value);
    if (id) return { id };
    const fresh = randomBytes(18).toString('base64url');
    return { id: fresh, setCookie: `${SESSION_COOKIE}=${fresh}.${this.sign(fresh)}; Path=/; HttpOnly; SameSite=Strict` };
  }

  private sign(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('base64url');
  }

  private verify(value: string): string | undefined {
    const match = /^([\w-]{24})\.([\w-]{43})$/.exec(value);
    if (!match) return undefined;
    const [, id, mac] = match as unknown as [string, string, string];
    const expected = Buffer.from(this.sign(id));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
  }
}
