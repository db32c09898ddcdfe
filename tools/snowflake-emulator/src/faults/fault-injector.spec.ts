import { describe, expect, it } from 'vitest';
import { failNextSchema } from '../protocol/request-schemas.ts';
import { FaultInjector } from './fault-injector.ts';

describe('FaultInjector', () => {
  it('fails the next `count` requests of the matching scope, then stops', () => {
    const faults = new FaultInjector();
    faults.add(failNextSchema.parse({ count: 2, status: 503, scope: 'query' }));
    expect(faults.take('login')).toBeUndefined();
    expect(faults.take('query')?.status).toBe(503);
    expect(faults.take('query')?.status).toBe(503);
    expect(faults.take('query')).toBeUndefined();
    expect(faults.firedCount()).toBe(2);
  });

  it('applies queued faults in order, and never to telemetry, heartbeats or logout', () => {
    const faults = new FaultInjector();
    faults.add(failNextSchema.parse({ status: 503 }));
    faults.add(failNextSchema.parse({ code: '000625' }));
    expect(faults.take('other')).toBeUndefined();
    expect(faults.take('login')?.status).toBe(503);
    expect(faults.take('query')?.code).toBe('000625');
    expect(faults.take('query')).toBeUndefined();
  });

  it('forgets queued faults on clear', () => {
    const faults = new FaultInjector();
    faults.add(failNextSchema.parse({ count: 5, status: 500 }));
    faults.take('query');
    faults.clear();
    expect(faults.take('query')).toBeUndefined();
    expect(faults.firedCount()).toBe(0);
  });

  it('needs a status or a code', () => {
    expect(failNextSchema.safeParse({ count: 1 }).success).toBe(false);
  });
});
