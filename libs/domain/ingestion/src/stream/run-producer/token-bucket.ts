/**
 * Rate limiter: tokens refill continuously at `ratePerSecond` up to `capacity` (the largest
 * burst). Time is passed in (milliseconds) so that the limiter is deterministic under test.
 */
export class TokenBucket {
  private tokens: number;
  private lastRefillAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError(`rate must be positive, got ${ratePerSecond}`);
    if (!(capacity >= 1)) throw new RangeError(`capacity must be at least 1, got ${capacity}`);
    this.tokens = capacity;
    this.lastRefillAt = now;
  }

  /** Milliseconds until `n` tokens are available (0 when they are now). */
  delayFor(n: number, now: number): number {
    if (n > this.capacity) throw new RangeError(`cannot take ${n} tokens at once from a bucket of ${this.capacity}`);
    this.refill(now);
    if (this.tokens >= n) return 0;
    return Math.ceil(((n - this.tokens) * 1000) / this.ratePerSecond);
  }

  /** Takes `n` tokens if available; returns whether it did. */
  tryTake(n: number, now: number): boolean {
    if (this.delayFor(n, now) > 0) return false;
    this.tokens -= n;
    return true;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.lastRefillAt);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    this.lastRefillAt = now;
  }
}
