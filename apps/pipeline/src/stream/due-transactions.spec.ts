import { describe, expect, it } from 'vitest';
import { TransactionStreamCursor } from '@ledgerline/transactions/generator';
import { DueTransactions } from './due-transactions.ts';

describe('DueTransactions', () => {
  it('lets out only what the clock has reached, then the rest as time passes', () => {
    const cursor = TransactionStreamCursor.open({ seed: 3, startMonth: '2026-10', baseCurrency: 'EUR', customers: 4, growth: [] }, 0);
    let now = Date.parse('2026-11-15T12:00:00Z');
    const due = new DueTransactions(cursor, () => now);
    const first = [...due];
    expect(first.length).toBeGreaterThan(50);
    expect(first.every((t) => Date.parse(t.occurred_at) <= now)).toBe(true);
    expect(due.msUntilNext()).toBeGreaterThan(0);
    now += due.msUntilNext();
    const next = [...due];
    expect(next.length).toBeGreaterThanOrEqual(1);
    expect(next.every((t) => Date.parse(t.occurred_at) <= now)).toBe(true);
    // Nothing skipped, nothing repeated: the two rounds are the stream's next transactions.
    const replay = TransactionStreamCursor.open({ seed: 3, startMonth: '2026-10', baseCurrency: 'EUR', customers: 4, growth: [] }, 0);
    expect([...first, ...next].map((t) => t.tx_id)).toEqual([...first, ...next].map(() => replay.next().value.tx_id));
  });
});
