import { INTERVAL_MS, type BarInterval } from '../model/price-bar.ts';
import { epochMsToUtc, utcToEpochMs, type UtcInstant } from '../model/utc-time.ts';

// About 1,500 bars per symbol per window: bounded memory, and close to what the APIs page by.
const BARS_PER_WINDOW = 1440;

/** [from, to) cut into consecutive windows, each aligned to the interval grid. */
export function timeWindows(from: UtcInstant, to: UtcInstant, interval: BarInterval): Array<{ from: UtcInstant; to: UtcInstant }> {
  const start = utcToEpochMs(from);
  const end = utcToEpochMs(to);
  if (!(start < end)) throw new RangeError(`empty range: --from ${from} must be before --to ${to}`);
  const step = INTERVAL_MS[interval] * BARS_PER_WINDOW;
  const windows: Array<{ from: UtcInstant; to: UtcInstant }> = [];
  for (let cursor = start; cursor < end; cursor = Math.min(end, Math.floor(cursor / step) * step + step)) {
    windows.push({ from: epochMsToUtc(cursor), to: epochMsToUtc(Math.min(end, Math.floor(cursor / step) * step + step)) });
  }
  return windows;
}
