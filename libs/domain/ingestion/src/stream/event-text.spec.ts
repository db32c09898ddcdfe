import { describe, expect, it } from 'vitest';
import { transactionFixture } from '../testing/store-fixtures.ts';
import { decodeTransactionRow } from './decode-transaction-row.ts';
import { decodeTransactionEvent, encodeTransactionEvent } from './transaction-event.ts';

const REF = 'transactions/0/1';
const valid = encodeTransactionEvent({ ...transactionFixture(1, 'acc-00001'), merchant: 'Café Müller' }, new Date('2025-11-02T10:00:00.000Z'));

/** The event's bytes with the merchant's JSON string (quotes included) replaced by `raw`. */
function withMerchantBytes(raw: Buffer): Buffer {
  const [before, after] = valid.split('"Café Müller"');
  return Buffer.concat([Buffer.from(before ?? ''), raw, Buffer.from(after ?? '')]);
}

const decoders = [
  ['decodeTransactionRow', (bytes: Buffer | string) => decodeTransactionRow(bytes, REF)],
  ['decodeTransactionEvent', decodeTransactionEvent],
] as const;

describe.each(decoders)('%s: text the store could not keep unchanged is refused with its own reason', (_name, decode) => {
  it('accepts raw UTF-8 and escaped surrogate pairs (a valid emoji)', () => {
    expect(decode(Buffer.from(valid)).ok).toBe(true);
    expect(decode(withMerchantBytes(Buffer.from('"Caf\\u00e9 \\ud83d\\ude00"'))).ok).toBe(true);
  });

  it('refuses a Latin-1 byte (was stored as U+FFFD)', () => {
    const latin1 = withMerchantBytes(Buffer.from([0x22, 0x43, 0x61, 0x66, 0xe9, 0x22])); // "Caf\xE9"
    const at = latin1.indexOf(0xe9);
    expect(decode(latin1)).toEqual({ ok: false, reason: `invalid UTF-8: byte 0xe9 at offset ${at} is not valid UTF-8` });
  });

  it('refuses a surrogate encoded as UTF-8 bytes (CESU-8), an overlong form and a cut sequence', () => {
    for (const raw of [[0xed, 0xa0, 0xbd], [0xc0, 0xaf], [0xe2, 0x82]]) {
      const bytes = withMerchantBytes(Buffer.from([0x22, ...raw, 0x22]));
      expect(decode(bytes)).toEqual({ ok: false, reason: `invalid UTF-8: byte 0x${raw[0]?.toString(16)} at offset ${bytes.indexOf(raw[0] ?? 0)} is not valid UTF-8` });
    }
  });

  it('refuses an escaped lone surrogate, high or low (was stored as U+FFFD)', () => {
    expect(decode(withMerchantBytes(Buffer.from('"Caf\\ud83d"')))).toEqual({
      ok: false,
      reason: 'invalid text: merchant: lone surrogate U+D83D at index 3 (not valid Unicode)',
    });
    expect(decode(withMerchantBytes(Buffer.from('"\\ude00x"')))).toEqual({
      ok: false,
      reason: 'invalid text: merchant: lone surrogate U+DE00 at index 0 (not valid Unicode)',
    });
  });

  it('refuses a NUL character before the store sees it (it made the whole batch fail)', () => {
    expect(decode(withMerchantBytes(Buffer.from('"Caf\\u0000e"')))).toEqual({
      ok: false,
      reason: 'invalid text: merchant: NUL character (U+0000) at index 3, which the store cannot hold',
    });
  });

  it('checks a string input too (no bytes to prefilter)', () => {
    const event = JSON.parse(valid) as Record<string, unknown>;
    expect(decode(JSON.stringify({ ...event, city: 'a\u0000b' }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid text: city: NUL/) });
  });

  it('refuses a nanosecond occurred_at (the store would round it) and keeps microseconds and trailing zeros', () => {
    const event = JSON.parse(valid) as Record<string, unknown>;
    const at = (occurred_at: string) => decode(Buffer.from(JSON.stringify({ ...event, occurred_at })));
    expect(at('2025-11-02T10:00:00.123456789Z')).toEqual({
      ok: false,
      reason: 'invalid event: occurred_at: 2025-11-02T10:00:00.123456789Z is more precise than microseconds, which the store would round',
    });
    expect(at('2025-11-02T10:00:00.123456Z').ok).toBe(true);
    expect(at('2025-11-02T10:00:00.123456000Z').ok).toBe(true);
  });
});
