import type { Randomizer } from '@faker-js/faker';

/**
 * Cheap seeded sampling for the hot path (one call per transaction field). It draws from the same
 * Mersenne Twister randomizer as the simulation's Faker instances, so the whole run is one
 * deterministic stream: same seed and options -> same calls in the same order -> same output.
 * Faker's own helpers are kept for the (rare) text generation, because they validate arguments
 * and allocate on every call.
 */
export class Rng {
  constructor(private readonly randomizer: Randomizer) {}

  /** Uniform in [0, 1). */
  next(): number {
    return this.randomizer.next();
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Index drawn with probability proportional to `weights[i]` (weights >= 0, not all zero). */
  weightedIndex(weights: readonly number[], total = weights.reduce((sum, w) => sum + w, 0)): number {
    let target = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i] ?? 0;
      if (target < 0) return i;
    }
    return weights.length - 1;
  }

  /** `count` distinct items (or all of them when fewer), in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const n = Math.min(count, pool.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
    }
    return pool.slice(0, n);
  }

  /** Standard normal (Box–Muller; one value per call keeps the draw order simple). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log(0) would be -Infinity
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal around `median` with shape `sigma`, clamped to [min, max]. */
  logNormal(median: number, sigma: number, min: number, max: number): number {
    const value = median * Math.exp(sigma * this.normal());
    return Math.min(max, Math.max(min, value));
  }

  /** Poisson count with the given mean (Knuth for small means, normal approximation above 30). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count++;
      product *= this.next();
    }
    return count;
  }
}
