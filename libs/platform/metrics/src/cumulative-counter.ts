import { Counter, type Registry } from 'prom-client';

interface CumulativeCounterOptions {
  registry: Registry;
  name: string;
  help: string;
}

/**
 * A counter that follows a cumulative count a use case already keeps (its `stats()`), read at each
 * scrape: the counter grows by what the count grew since the last scrape. A count that falls (the
 * component behind it was rebuilt) adds nothing, so the counter never goes down.
 */
export function cumulativeCounter(options: CumulativeCounterOptions & { read: () => number }): Counter {
  let seen = 0;
  return new Counter({
    name: options.name,
    help: options.help,
    registers: [options.registry],
    collect() {
      const now = options.read();
      if (now > seen) this.inc(now - seen);
      seen = Math.max(seen, now);
    },
  });
}

/** The same, one series per value of a bounded label (every value created at 0 on the first scrape). */
export function cumulativeLabelledCounter<V extends string>(
  options: CumulativeCounterOptions & { label: string; values: readonly V[]; read: () => Partial<Record<V, number>> },
): Counter<string> {
  const seen = new Map<V, number>();
  return new Counter({
    name: options.name,
    help: options.help,
    labelNames: [options.label],
    registers: [options.registry],
    collect() {
      const counts = options.read();
      for (const value of options.values) {
        const now = counts[value] ?? 0;
        const before = seen.get(value) ?? 0;
        this.inc({ [options.label]: value }, now > before ? now - before : 0);
        seen.set(value, Math.max(before, now));
      }
    },
  });
}
