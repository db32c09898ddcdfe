import { describe, expect, it } from 'vitest';
import { txIdFor } from './tx-id.ts';

describe('txIdFor', () => {
  it('is deterministic and formatted as T- plus 16 hex digits', () => {
    expect(txIdFor(42, 0)).toBe(txIdFor(42, 0));
    expect(txIdFor(42, 0)).toMatch(/^T-[0-9a-f]{16}$/);
    expect(txIdFor(42, 0)).not.toBe(txIdFor(43, 0));
  });

  it('never repeats within a seed, including across the 2^32 counter boundary', () => {
    const ids = new Set<string>();
    const counters = [...Array.from({ length: 200_000 }, (_, i) => i), 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 33];
    for (const counter of counters) ids.add(txIdFor(7, counter));
    expect(ids.size).toBe(counters.length);
  });

  it('scatters consecutive counters (ids do not look sequential)', () => {
    const a = txIdFor(7, 1000);
    const b = txIdFor(7, 1001);
    const differing = [...a].filter((ch, i) => ch !== b[i]).length;
    expect(differing).toBeGreaterThan(6);
  });
});
