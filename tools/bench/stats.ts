/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (p < 0 || p > 100) throw new Error(`percentile out of range: ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function mean(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('mean of no samples');
  return samples.reduce((sum, x) => sum + x, 0) / samples.length;
}

/** Latency summary in milliseconds from per-operation durations in milliseconds. */
export function latencySummary(durationsMs: readonly number[]): Array<{ name: string; value: number; unit: string }> {
  const total = durationsMs.reduce((sum, x) => sum + x, 0);
  return [
    { name: 'p50', value: percentile(durationsMs, 50), unit: 'ms' },
    { name: 'p99', value: percentile(durationsMs, 99), unit: 'ms' },
    { name: 'mean', value: mean(durationsMs), unit: 'ms' },
    { name: 'max', value: Math.max(...durationsMs), unit: 'ms' },
    { name: 'throughput', value: total > 0 ? (durationsMs.length * 1000) / total : 0, unit: 'ops/s' },
  ];
}
