import { describe, expect, it } from 'vitest';
import { transactionFixture } from '../../testing/store-fixtures.ts';
import { decodeTransactionEvent } from '../transaction-event.ts';
import { POISON_KINDS, PoisonInjector, poisonEvent } from './poison-events.ts';

describe('poison events', () => {
  const tx = transactionFixture(3, 'acc-00009');

  it.each(POISON_KINDS)('%s is rejected by the sink decoder and keeps the account key', (kind) => {
    const event = poisonEvent(kind, tx, new Date('2025-11-01T00:00:00Z'));
    expect(event.key).toBe('acc-00009');
    const decoded = decodeTransactionEvent(Buffer.from(event.value));
    expect(decoded.ok).toBe(false);
  });

  it('injects about the requested share, deterministically per seed, rotating the kinds', () => {
    const picks = (seed: number) => {
      const injector = new PoisonInjector(0.01, seed);
      return Array.from({ length: 20_000 }, () => injector.pick());
    };
    const first = picks(7);
    expect(first).toEqual(picks(7));
    const poisoned = first.filter((k) => k !== undefined);
    expect(poisoned.length).toBeGreaterThan(140);
    expect(poisoned.length).toBeLessThan(260);
    expect(poisoned.slice(0, 4)).toEqual([...POISON_KINDS]);
  });

  it('injects nothing at rate 0 and refuses rates outside 0..1', () => {
    const injector = new PoisonInjector(0, 1);
    expect(Array.from({ length: 1000 }, () => injector.pick()).every((k) => k === undefined)).toBe(true);
    expect(() => new PoisonInjector(1.5, 1)).toThrow(RangeError);
  });
});
