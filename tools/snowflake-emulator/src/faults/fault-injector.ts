import type { FailNext } from '../protocol/request-schemas.ts';

/** login: login-request; query: query-request and result fetches; other: everything else. */
export type RequestScope = 'login' | 'query' | 'other';

/**
 * Queued transient failures for tests of retry logic. Each queued fault answers the next
 * matching request(s) instead of the real handler; control endpoints are never affected.
 */
export class FaultInjector {
  private readonly queue: Array<FailNext & { remaining: number }> = [];
  private fired = 0;

  add(fault: FailNext): void {
    this.queue.push({ ...fault, remaining: fault.count });
  }

  /** The fault to apply to a request in `scope`, consuming one use of it; else undefined. */
  take(scope: RequestScope): FailNext | undefined {
    // Telemetry, heartbeats and logout never consume faults: the driver sends telemetry in
    // the background right after login, which would otherwise eat a fault meant for a query.
    if (scope === 'other') return undefined;
    const index = this.queue.findIndex((f) => f.scope === 'any' || f.scope === scope);
    const fault = this.queue[index];
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining === 0) this.queue.splice(index, 1);
    this.fired++;
    return fault;
  }

  /** How many requests were failed on purpose since the last reset. */
  firedCount(): number {
    return this.fired;
  }

  clear(): void {
    this.queue.length = 0;
    this.fired = 0;
  }
}
