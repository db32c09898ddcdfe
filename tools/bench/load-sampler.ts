import { loadavg } from 'node:os';
import { percentile } from './stats.ts';

/**
 * Samples the machine's 1-minute load average while a benchmark runs, so its numbers can be read
 * against how busy the (shared) machine was: `summary()` gives min / median / max of the samples.
 */
export function sampleLoadAverage(intervalMs = 10_000): { stop(): void; summary(): string } {
  const samples = [loadavg()[0]!];
  const timer = setInterval(() => samples.push(loadavg()[0]!), intervalMs);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    summary: () =>
      `1-minute load average on ${samples.length} samples every ${intervalMs / 1000} s: min ${Math.min(...samples).toFixed(1)}, ` +
      `median ${percentile(samples, 50).toFixed(1)}, max ${Math.max(...samples).toFixed(1)} (2 cores)`,
  };
}
