import type { FlowInterval } from './flow-definition.ts';

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Ten years of days: past that a typo ('2062' for '2026') is likelier than a real request. */
export const MAX_BACKFILL_DAYS = 3660;

function parseDay(value: string, what: string): number {
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!DATE.test(value) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new Error(`${what} '${value}' is not a date (YYYY-MM-DD)`);
  }
  return ms;
}

/** One interval per UTC day from `from` to `to`, both included; refuses reversed or huge ranges. */
export function dailyIntervals(from: string, to: string): FlowInterval[] {
  const start = parseDay(from, '--from');
  const end = parseDay(to, '--to');
  if (end < start) throw new Error(`--to ${to} is before --from ${from}`);
  const days = (end - start) / DAY_MS + 1;
  if (days > MAX_BACKFILL_DAYS) throw new Error(`a backfill of ${days} days is more than ${MAX_BACKFILL_DAYS}; split it`);
  return Array.from({ length: days }, (_, i) => {
    const day = start + i * DAY_MS;
    return { start: new Date(day).toISOString().slice(0, 10), end: new Date(day + DAY_MS).toISOString().slice(0, 10) };
  });
}
