import type { StreamPositions } from './stream-positions.ts';

export interface StreamCounts {
  /** Positions before the sink started and the producer published anything. */
  before: StreamPositions;
  /** Positions after the producer and the sink stopped. */
  after: StreamPositions;
  /** Events this run's producer had acknowledged by the bus. */
  produced: number;
  /** Events this run's sink stored (inserted, updated or confirmed unchanged). */
  landed: number;
  deadLettered: number;
}

export interface Reconciliation {
  ok: boolean;
  /** Events already in the log, not yet consumed, when this run started (a previous run's). */
  backlog: number;
  /** Events still in the log, not yet consumed, at the stop: the next run consumes them. */
  inFlight: number;
  /** One line for the user: the balance, or what does not add up. */
  summary: string;
}

/**
 * The stop's bookkeeping: every event is accounted for exactly once,
 *   backlog + produced = landed + dead-lettered + in flight,
 * and the log agrees with the producer (it grew by what was produced) and with the sink (its
 * stored positions advanced by what it landed or dead-lettered). Each term comes from a different
 * place (producer, sink, log, stored offsets), so a lost or skipped event shows as a difference.
 */
export function reconcileStream(counts: StreamCounts): Reconciliation {
  const backlog = counts.before.logEnd - counts.before.stored;
  const inFlight = counts.after.logEnd - counts.after.stored;
  const problems: string[] = [];
  const accounted = counts.landed + counts.deadLettered + inFlight;
  if (backlog + counts.produced !== accounted) {
    problems.push(
      `${backlog} waiting + ${counts.produced} produced = ${backlog + counts.produced}, but ${counts.landed} landed + ${counts.deadLettered} dead-lettered + ${inFlight} in flight = ${accounted}`,
    );
  }
  const grew = counts.after.logEnd - counts.before.logEnd;
  if (grew !== counts.produced) problems.push(`the log grew by ${grew} events but the producer counted ${counts.produced}`);
  const consumed = counts.after.stored - counts.before.stored;
  if (consumed !== counts.landed + counts.deadLettered) {
    problems.push(`the stored offsets advanced by ${consumed} events but the sink landed or dead-lettered ${counts.landed + counts.deadLettered}`);
  }
  const parts = [`${counts.produced} events produced`];
  if (backlog > 0) parts.push(`${backlog} waiting from an earlier run`);
  parts.push(`${counts.landed} landed`, `${counts.deadLettered} dead-lettered`, `${inFlight} in flight`);
  const balance = parts.join(', ');
  return problems.length === 0
    ? { ok: true, backlog, inFlight, summary: balance }
    : { ok: false, backlog, inFlight, summary: `${balance} — counts do not add up: ${problems.join('; ')}` };
}
