import type { Transaction } from '../model/transaction.ts';
import { resolveGeneratorOptions, type GeneratorOptions } from './generator-options.ts';
import { Simulation } from './simulation.ts';

/**
 * An endless, seeded stream of transactions under the same rules as `generateDataset`
 * (`months` is ignored: the stream never ends). Months are simulated one at a time from
 * `startMonth`, so memory stays bounded. With `startAt`, months before it are still simulated
 * (balances, recurring items and pending refunds carry over) but only transactions at or after
 * `startAt` are yielded. Without `startAt`, the stream begins with exactly the transactions
 * `generateDataset` returns for the same options.
 *
 * Pacing (events per second, waiting for wall-clock time) is the caller's job.
 */
export function* generateTransactionStream(options: GeneratorOptions & { startAt?: Date }): Generator<Transaction> {
  const resolved = resolveGeneratorOptions(options);
  const startAtMs = options.startAt ? options.startAt.getTime() : Number.NEGATIVE_INFINITY;
  if (Number.isNaN(startAtMs)) throw new RangeError('startAt is not a valid date');
  const simulation = new Simulation(resolved);
  for (;;) {
    for (const tx of simulation.nextMonth()) {
      if (Date.parse(tx.occurred_at) >= startAtMs) yield tx;
    }
  }
}
