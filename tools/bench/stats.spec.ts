import { describe, expect, it } from 'vitest';
import { latencySummary, mean, percentile } from './stats.ts';

describe('percentile (nearest rank)', () => {
  const samples = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];

  it('picks the sample at the nearest rank regardless of input order', () => {
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 90)).toBe(9);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([42], 99)).toBe(42);
  });

  it('rejects empty input and out-of-range p', () => {
    expect(() => percentile([], 50)).toThrow();
    expect(() => percentile(samples, 101)).toThrow();
  });
});

describe('latencySummary', () => {
  it('derives p50, p99, mean, max and throughput from durations', () => {
    const byName = Object.fromEntries(latencySummary([1, 1, 2, 4]).map((m) => [m.name, m.value]));
    expect(byName).toEqual({ p50: 1, p99: 4, mean: 2, max: 4, throughput: 500 });
    expect(mean([2, 4])).toBe(3);
  });
});
