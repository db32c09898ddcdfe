import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('allows a burst up to capacity, then refills at the rate', () => {
    const bucket = new TokenBucket(100, 10, 0);
    expect(bucket.tryTake(10, 0)).toBe(true);
    expect(bucket.tryTake(1, 0)).toBe(false);
    expect(bucket.delayFor(5, 0)).toBe(50);
    expect(bucket.tryTake(5, 50)).toBe(true);
  });

  it('never stores more than its capacity however long it idles', () => {
    const bucket = new TokenBucket(1_000, 20, 0);
    expect(bucket.tryTake(20, 60_000)).toBe(true);
    expect(bucket.tryTake(1, 60_000)).toBe(false);
  });

  it('admits events at the configured rate over a long run', () => {
    const bucket = new TokenBucket(5_000, 250, 0);
    let taken = 0;
    for (let now = 0; now <= 10_000; now += 1) if (bucket.tryTake(250, now)) taken += 250;
    // 10 s at 5,000/s plus the initial burst.
    expect(taken).toBe(50_000 + 250);
  });

  it('rejects requests larger than a burst and nonsense rates', () => {
    expect(() => new TokenBucket(10, 5, 0).delayFor(6, 0)).toThrow(RangeError);
    expect(() => new TokenBucket(0, 5, 0)).toThrow(RangeError);
  });
});
