import { randomBytes } from 'node:crypto';
import type { Session } from './session.ts';

/** Sessions by their session token (sent as `Authorization: Snowflake Token="..."`). */
export class SessionRegistry {
  private readonly byToken = new Map<string, Session>();
  private readonly byMasterToken = new Map<string, Session>();
  private nextId = 1_000_000_001;

  newId(): string {
    return String(this.nextId++);
  }

  newToken(prefix: string): string {
    return `${prefix}.${randomBytes(24).toString('base64url')}`;
  }

  add(session: Session): void {
    this.byToken.set(session.token, session);
    this.byMasterToken.set(session.masterToken, session);
  }

  fromAuthorization(header: string | undefined): Session | undefined {
    const token = tokenOf(header);
    return token ? this.byToken.get(token) : undefined;
  }

  fromMasterAuthorization(header: string | undefined): Session | undefined {
    const token = tokenOf(header);
    return token ? this.byMasterToken.get(token) : undefined;
  }

  /** Issues a new session token (token renewal); the old one stops working. */
  renew(session: Session): string {
    this.byToken.delete(session.token);
    session.token = this.newToken('ETMsDgAAA');
    this.byToken.set(session.token, session);
    return session.token;
  }

  remove(session: Session): void {
    this.byToken.delete(session.token);
    this.byMasterToken.delete(session.masterToken);
  }

  all(): Session[] {
    return [...this.byToken.values()];
  }
}

function tokenOf(header: string | undefined): string | undefined {
  return /Snowflake Token="([^"]+)"/.exec(header ?? '')?.[1];
}
