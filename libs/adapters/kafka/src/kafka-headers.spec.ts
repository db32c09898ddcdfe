import { describe, expect, it } from 'vitest';
import { headersToRecord } from './kafka-headers.ts';

describe('headersToRecord', () => {
  it('decodes buffers as UTF-8, keeps strings, takes the last of repeated headers', () => {
    expect(
      headersToRecord({
        'x-error': Buffer.from('amount: must be > 0 — ✗'),
        plain: 'text',
        repeated: [Buffer.from('first'), 'second'],
        missing: undefined,
      }),
    ).toEqual({ 'x-error': 'amount: must be > 0 — ✗', plain: 'text', repeated: 'second' });
  });

  it('returns an empty record when there are no headers', () => {
    expect(headersToRecord(undefined)).toEqual({});
  });
});
