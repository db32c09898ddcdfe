import { z } from 'zod';

/** Every timestamp is an ISO-8601 UTC instant with milliseconds ("2026-01-02T00:00:00.000Z"). */
export const UtcInstantSchema = z.iso.datetime({ offset: false, precision: 3 });
export type UtcInstant = z.infer<typeof UtcInstantSchema>;

/** Sources send epoch milliseconds (Binance) or seconds (Yahoo); both end as UTC instants. */
export function epochMsToUtc(epochMs: number): UtcInstant {
  if (!Number.isSafeInteger(epochMs)) throw new RangeError(`epoch milliseconds must be an integer: ${epochMs}`);
  return new Date(epochMs).toISOString();
}

export function epochSecondsToUtc(epochSeconds: number): UtcInstant {
  return epochMsToUtc(epochSeconds * 1000);
}

export function utcToEpochMs(instant: UtcInstant): number {
  return Date.parse(instant);
}
