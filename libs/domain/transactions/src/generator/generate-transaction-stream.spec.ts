import { describe, expect, it } from 'vitest';
import type { Transaction } from '../model/transaction.ts';
import { generateDataset } from './generate-dataset.ts';
import { generateTransactionStream } from './generate-transaction-stream.ts';

const OPTIONS = { seed: 314, customers: 30, months: 2, startMonth: '2026-03' };

function take(stream: Iterator<Transaction>, n: number): Transaction[] {
  const out: Transaction[] = [];
  for (let i = 0; i < n; i++) {
    const next = stream.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

describe('generateTransactionStream', () => {
  const dataset = generateDataset(OPTIONS);

  it('starts with exactly the transactions generateDataset returns for the same options', () => {
    const streamed = take(generateTransactionStream(OPTIONS), dataset.transactions.length);
    expect(streamed).toEqual(dataset.transactions);
  });

  it('is endless: it keeps going past `months` into the following months', () => {
    const streamed = take(generateTransactionStream(OPTIONS), dataset.transactions.length + 500);
    expect(streamed).toHaveLength(dataset.transactions.length + 500);
    const extra = streamed.slice(dataset.transactions.length);
    expect(new Set(extra.map((t) => t.occurred_at.slice(0, 7)))).toEqual(new Set(['2026-05']));
    expect(new Set(streamed.map((t) => t.tx_id)).size).toBe(streamed.length);
  });

  it('yields only transactions at or after startAt, continuing the same simulated history', () => {
    const startAt = new Date('2026-04-10T12:00:00.000Z');
    const expected = dataset.transactions.filter((t) => t.occurred_at >= startAt.toISOString());
    const streamed = take(generateTransactionStream({ ...OPTIONS, startAt }), expected.length);
    expect(streamed).toEqual(expected);
  });

  it('does not share random state between concurrent generators', () => {
    const alone = take(generateTransactionStream({ ...OPTIONS, seed: 1 }), 400);
    const a = generateTransactionStream({ ...OPTIONS, seed: 1 });
    const b = generateTransactionStream({ ...OPTIONS, seed: 2 });
    const interleaved: Transaction[] = [];
    for (let i = 0; i < 400; i++) {
      interleaved.push(a.next().value as Transaction);
      b.next();
      if (i === 200) generateDataset({ ...OPTIONS, customers: 5, months: 1, seed: 3 }); // unrelated run mid-way
    }
    expect(interleaved).toEqual(alone);
  });

  it('rejects an invalid startAt', () => {
    expect(() => generateTransactionStream({ ...OPTIONS, startAt: new Date('not a date') }).next()).toThrow(RangeError);
  });
});
