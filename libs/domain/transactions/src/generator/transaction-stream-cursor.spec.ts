import { describe, expect, it } from 'vitest';
import type { Transaction } from '../model/transaction.ts';
import { generateDataset } from './generate-dataset.ts';
import { generateTransactionStream } from './generate-transaction-stream.ts';
import type { StreamPlan } from './stream-plan.ts';
import { StreamPlanMismatchError, TransactionStreamCursor } from './transaction-stream-cursor.ts';

const PLAN: StreamPlan = { seed: 77, startMonth: '2026-01', baseCurrency: 'EUR', customers: 6, growth: [] };

function take(source: Iterator<Transaction>, n: number): Transaction[] {
  const out: Transaction[] = [];
  for (let i = 0; i < n; i++) out.push(source.next().value as Transaction);
  return out;
}

describe('TransactionStreamCursor', () => {
  it('is the seeded stream, and reopened at a position continues it exactly there', () => {
    const whole = take(generateTransactionStream({ seed: 77, customers: 6, months: 1, startMonth: '2026-01', source: 'stream' }), 900);
    expect(take(TransactionStreamCursor.open(PLAN, 0), 900)).toEqual(whole);
    const resumed = TransactionStreamCursor.open(PLAN, 613);
    expect(resumed.position).toBe(613);
    expect(take(resumed, 287)).toEqual(whole.slice(613));
  });

  it('grows the population at a position, and a replay of the plan grows it at the same point', () => {
    const live = TransactionStreamCursor.open(PLAN, 400);
    live.growTo(9);
    expect(live.customerCount).toBe(9);
    const after = take(live, 1200);
    const plan = live.currentPlan;
    expect(plan.growth).toEqual([{ atPosition: 400, customers: 9 }]);

    const replayed = TransactionStreamCursor.open(plan, 400);
    expect(replayed.customerCount).toBe(9);
    expect(take(replayed, 1200)).toEqual(after);
    // New customers' accounts take part (once their first month begins), with ids after the old ones.
    expect(after.some((t) => t.account_id.startsWith('A-000009-'))).toBe(true);
    expect(new Set(after.map((t) => t.tx_id)).size).toBe(after.length);
  });

  it('is what generateDataset gives for its plan with the growth: mid-month, at a month boundary, twice', () => {
    const january = generateDataset({ seed: 77, customers: 6, months: 1, startMonth: '2026-01' }).transactions.length;
    const live = TransactionStreamCursor.open(PLAN, 0);
    const streamed = take(live, 250);
    live.growTo(8);
    streamed.push(...take(live, january - 250)); // the end of January exactly: February is not simulated yet
    live.growTo(10);
    const dataset = generateDataset({ seed: 77, customers: 6, months: 4, startMonth: '2026-01', source: 'stream', growth: live.currentPlan.growth });
    streamed.push(...take(live, dataset.transactions.length - january));
    expect(dataset.transactions).toEqual(streamed);
    expect(dataset.customers).toHaveLength(10);
    expect(dataset.accounts.map((a) => a.account_id).sort()).toEqual(Object.keys(dataset.openingBalances).sort());
    expect(streamed.some((t) => t.account_id.startsWith('A-000010-'))).toBe(true);
  });

  it('refuses fewer customers than the stream already has', () => {
    const cursor = TransactionStreamCursor.open(PLAN, 10);
    expect(() => cursor.growTo(4)).toThrow(StreamPlanMismatchError);
    cursor.growTo(6); // same count: nothing changes
    expect(cursor.currentPlan.growth).toEqual([]);
  });
});
