import { INTERVAL_MS, type BarInterval } from '@ledgerline/market-data';

/**
 * How far back a read of the newest `limit` bars looks, in bar intervals per bar asked for. The
 * RAW tables are clustered by series (newest first), and a literal lower bound on open_time lets
 * DuckDB skip the column segments before it (zone maps); without one a read scans the whole
 * series (~45,000 minutes) to keep 300. 1.5 covers the weekends of a stock's daily bars (300
 * trading days are ~420 calendar days); where it does not (a gap, a stock's night between
 * minutes), the bounded read returns fewer than `limit` bars and is repeated without the bound,
 * so the answer is always the unbounded one.
 */
export const BOUND_SPAN_PER_BAR = 1.5;

export interface SeriesRead {
  readonly interval: BarInterval;
  /** Epoch ms, or null for an open end. */
  readonly fromMs: number | null;
  readonly toMs: number | null;
  readonly limit: number;
}

/**
 * The lower bound (epoch ms) a bounded read of the newest `limit` bars uses, given the series'
 * newest open_time; undefined when the series is unknown or the read's own `from` is already
 * later (nothing to gain).
 */
export function boundedFromMs(read: SeriesRead, lastOpenMs: number | undefined): number | undefined {
  if (lastOpenMs === undefined) return undefined;
  const newest = read.toMs === null ? lastOpenMs : Math.min(read.toMs, lastOpenMs);
  const bound = newest - Math.ceil(read.limit * BOUND_SPAN_PER_BAR) * INTERVAL_MS[read.interval];
  return read.fromMs !== null && read.fromMs >= bound ? undefined : bound;
}

/** A bound as a SQL literal: a literal (not a parameter) is what DuckDB prunes row segments by. */
export function timestampLiteral(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${ms}`);
  return `TIMESTAMP '${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}'`;
}
