import { describe, expect, it } from 'vitest';
import { generateTransactionStream } from '@ledgerline/transactions/generator';
import { transactionFixture } from '../testing/store-fixtures.ts';
import { decodeTransactionRow, fastTransactionRow } from './decode-transaction-row.ts';
import { decodeTransactionEvent, encodeTransactionEvent, transactionFromEvent, validateTransactionEvent } from './transaction-event.ts';

const REF = 'transactions/1/7';
const producedAt = new Date('2025-11-02T10:00:00.000Z');
const base = JSON.parse(encodeTransactionEvent(transactionFixture(3, 'acc-00001'), producedAt)) as Record<string, unknown>;

/** What the zod path says: the reference the fast path must match. */
function viaZod(bytes: string) {
  const decoded = decodeTransactionEvent(bytes);
  return decoded.ok ? { ok: true as const, row: { ...transactionFromEvent(decoded.event, REF), version_at: decoded.event.produced_at } } : decoded;
}

const BAD_VALUES: unknown[] = [undefined, null, 0, 1, true, '', ' ', 'x', 'X'.repeat(81), [], {}, '-1.00', '0.00', '-0.00', '1.5', '12.30', '1e3'];

/** Per field: values worth trying beyond the generic ones (edges of each rule). */
const FIELD_VALUES: Record<string, unknown[]> = {
  tx_id: ['a', 'a'.repeat(80), 'a'.repeat(81)],
  account_id: ['a'.repeat(40), 'a'.repeat(41)],
  occurred_at: ['2025-02-29T10:00:00Z', '2024-02-29T10:00:00Z', '2025-11-02T10:00:00+02:00', '2025-11-02T10:00:00+0200', '2025-11-02T24:00:00Z', '2025-11-02T10:00Z', '2025-11-02T10:00:00.123456789Z', '2025-11-02 10:00:00Z', '2025-04-31T10:00:00Z'],
  amount: ['0.01', '00.00', '1234567890123.45', '12345678901234.56', '12.3', '+12.30', ' 12.30'],
  normalized_amount: ['0.00', '-0.00', '-0.01', '000.00', '7.00'],
  direction: ['DEBIT', 'CREDIT', 'debit'],
  txn_type: ['REFUND', 'refund', 'OTHER'],
  currency: ['GBP', 'XXX', 'gbp', 'EURO'],
  merchant: ['M'.repeat(200), 'M'.repeat(201)],
  mcc: ['5411', '541', '54111', 'abcd'],
  category: ['C'.repeat(60), 'C'.repeat(61)],
  subcategory: ['S'.repeat(60), 'S'.repeat(61)],
  channel: ['ONLINE', 'online'],
  description: ['D'.repeat(500), 'D'.repeat(501)],
  city: ['C'.repeat(100), 'C'.repeat(101)],
  state: ['S'.repeat(100), 'S'.repeat(101)],
  country: ['FR', 'fr', 'FRA'],
  is_recurring: [false, 'true'],
  status: ['POSTED', 'posted'],
  related_account_id: ['a'.repeat(40), 'a'.repeat(41)],
  source: ['csv', 'seed', 'kafka'],
  source_ref: ['r'.repeat(300), 'r'.repeat(301)],
  schema_version: [1, 2, '1'],
  produced_at: ['2025-11-02T10:00:00.000+01:00', 'yesterday'],
};

function variants(): Array<{ label: string; bytes: string }> {
  const out: Array<{ label: string; bytes: string }> = [{ label: 'valid', bytes: JSON.stringify(base) }];
  for (const field of Object.keys(base)) {
    for (const value of [...BAD_VALUES, ...(FIELD_VALUES[field] ?? [])]) {
      const event: Record<string, unknown> = { ...base, [field]: value };
      if (value === undefined) delete event[field];
      out.push({ label: `${field}=${JSON.stringify(value)}`, bytes: JSON.stringify(event) });
    }
  }
  out.push({ label: 'extra field', bytes: JSON.stringify({ ...base, extra: 'dropped' }) });
  for (const bytes of ['[]', 'null', '"text"', '42', '{"tx_id": "x",']) out.push({ label: bytes, bytes });
  return out;
}

describe('decodeTransactionRow (hand-written fast path, zod for the rest)', () => {
  it('gives exactly the zod path result — row or reason — for every field edge case', () => {
    const cases = variants();
    expect(cases.length).toBeGreaterThan(400);
    for (const { label, bytes } of cases) {
      expect({ label, result: decodeTransactionRow(Buffer.from(bytes), REF) }).toEqual({ label, result: viaZod(bytes) });
    }
  });

  it('only ever accepts on the fast path what zod accepts, with the same row', () => {
    let fastAccepted = 0;
    for (const { label, bytes } of variants()) {
      let json: unknown;
      try {
        json = JSON.parse(bytes);
      } catch {
        continue;
      }
      const fast = fastTransactionRow(json, REF);
      if (fast === undefined) continue;
      fastAccepted += 1;
      // zod's verdict alone (the text and precision checks run before either path).
      const validated = validateTransactionEvent(json);
      const reference = validated.ok ? { ok: true as const, row: { ...transactionFromEvent(validated.event, REF), version_at: validated.event.produced_at } } : validated;
      expect({ label, ok: reference.ok }).toEqual({ label, ok: true });
      expect(fast).toEqual(reference.ok ? reference.row : undefined);
    }
    // The edge values include many valid ones (max lengths, other enum members, offsets, nulls).
    expect(fastAccepted).toBeGreaterThan(40);
  });

  it('takes the fast path for what the generator produces (otherwise it would not be faster)', () => {
    let checked = 0;
    for (const tx of generateTransactionStream({ seed: 5, customers: 50, months: 1, startMonth: '2025-06', source: 'stream' })) {
      const bytes = encodeTransactionEvent(tx, producedAt);
      const fast = fastTransactionRow(JSON.parse(bytes), REF);
      expect(fast).toEqual({ ...tx, source: 'stream', source_ref: REF, version_at: producedAt.toISOString() });
      if ((checked += 1) >= 2_000) break;
    }
  });

  it('names the failing field like the zod path does', () => {
    const result = decodeTransactionRow(JSON.stringify({ ...base, amount: '-4.00' }), REF);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^invalid event: amount: must be greater than 0/) });
    expect(decodeTransactionRow('{"tx_id":', REF)).toEqual({ ok: false, reason: expect.stringMatching(/^invalid JSON: /) });
    // The sink's path refuses a future layout as such (it is then dead-lettered with this reason).
    expect(decodeTransactionRow(JSON.stringify({ ...base, schema_version: 2 }), REF)).toEqual({ ok: false, reason: expect.stringMatching(/^unsupported schema_version 2: /) });
  });
});
