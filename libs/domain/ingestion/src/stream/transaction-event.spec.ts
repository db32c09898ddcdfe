import { describe, expect, it } from 'vitest';
import { transactionFixture } from '../testing/store-fixtures.ts';
import { decodeTransactionEvent, encodeTransactionEvent, transactionFromEvent } from './transaction-event.ts';

const tx = transactionFixture(7, 'acc-00001', { source: 'seed', source_ref: null, currency: 'GBP' });
const producedAt = new Date('2025-11-02T10:00:00.000Z');

function eventWith(overrides: Record<string, unknown>, drop: string[] = []): string {
  const event = { ...(JSON.parse(encodeTransactionEvent(tx, producedAt)) as Record<string, unknown>), ...overrides };
  for (const field of drop) delete event[field];
  return JSON.stringify(event);
}

function reasonOf(bytes: string): string {
  const result = decodeTransactionEvent(Buffer.from(bytes));
  if (result.ok) throw new Error('expected a rejection');
  return result.reason;
}

describe('transaction event wire format', () => {
  it('round-trips a transaction with schema_version 1 and produced_at', () => {
    const encoded = encodeTransactionEvent(tx, producedAt);
    expect(JSON.parse(encoded)).toMatchObject({ schema_version: 1, produced_at: '2025-11-02T10:00:00.000Z', tx_id: tx.tx_id });
    const decoded = decodeTransactionEvent(Buffer.from(encoded));
    expect(decoded.ok && decoded.event).toEqual({ ...tx, schema_version: 1, produced_at: '2025-11-02T10:00:00.000Z' });
  });

  it('stores the row as a stream row with where it was read from, without the envelope fields', () => {
    const decoded = decodeTransactionEvent(encodeTransactionEvent(tx, producedAt));
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(transactionFromEvent(decoded.event, 'transactions/3/42')).toEqual({ ...tx, source: 'stream', source_ref: 'transactions/3/42' });
  });

  it('rejects broken JSON with a reason instead of throwing', () => {
    expect(reasonOf('{"tx_id":"tx-1","amount":')).toMatch(/^invalid JSON: /);
  });

  it('rejects non-positive amounts, unknown currencies and missing fields, naming the field', () => {
    expect(reasonOf(eventWith({ amount: '-12.30' }))).toMatch(/amount: must be greater than 0/);
    expect(reasonOf(eventWith({ amount: '0.00' }))).toMatch(/amount/);
    expect(reasonOf(eventWith({ currency: 'XXX' }))).toMatch(/currency: unknown currency XXX/);
    expect(reasonOf(eventWith({}, ['occurred_at']))).toMatch(/occurred_at/);
  });

  it('refuses a future schema_version as unsupported, and a malformed one as invalid', () => {
    expect(reasonOf(eventWith({ schema_version: 2 }))).toMatch(/^unsupported schema_version 2: this consumer reads schema_version 1/);
    // Even when the rest no longer looks like version 1: the version decides first.
    expect(reasonOf(eventWith({ schema_version: 3, amount: 12.3 }, ['tx_id']))).toMatch(/^unsupported schema_version 3/);
    for (const bad of [0, -1, 1.5, '2', null]) expect(reasonOf(eventWith({ schema_version: bad }))).toMatch(/^invalid event: schema_version: /);
    expect(reasonOf(eventWith({}, ['schema_version']))).toMatch(/^invalid event: schema_version: /);
  });

  it('ignores fields it does not know (an additive change keeps the version)', () => {
    const decoded = decodeTransactionEvent(eventWith({ loyalty_points: 12 }));
    expect(decoded.ok && decoded.event).toEqual({ ...tx, schema_version: 1, produced_at: '2025-11-02T10:00:00.000Z' });
  });
});

describe('encodeTransactionEvent', () => {
  it('writes exactly the JSON of the transaction plus the envelope fields, in that order', () => {
    for (const [n, overrides] of [[1, {}], [2, { merchant: null, mcc: null, description: 'quote " and \\ backslash' }], [3, { country: null, is_recurring: true }]] as const) {
      const t = transactionFixture(n, 'acc-00002', overrides);
      const expected = JSON.stringify({ ...t, schema_version: 1, produced_at: producedAt.toISOString() });
      expect(encodeTransactionEvent(t, producedAt)).toBe(expected);
      expect(encodeTransactionEvent(t, producedAt.toISOString())).toBe(expected);
    }
  });
});
