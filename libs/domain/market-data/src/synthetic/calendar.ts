/** Day 0 of every synthetic series. Requests before it are refused, not invented backwards. */
export const SYNTHETIC_ANCHOR_MS = Date.UTC(2015, 0, 1);
export const DAY_MS = 86_400_000;

/** Stocks trade 14:30-21:00 UTC (New York's regular session in winter), Monday to Friday. */
export const STOCK_SESSION_OPEN_MINUTE = 14 * 60 + 30;
export const STOCK_SESSION_MINUTES = 390;

export function dayIndexOf(epochMs: number): number {
  return Math.floor((epochMs - SYNTHETIC_ANCHOR_MS) / DAY_MS);
}

export function dayStartMs(dayIndex: number): number {
  return SYNTHETIC_ANCHOR_MS + dayIndex * DAY_MS;
}

export function isWeekday(dayIndex: number): boolean {
  const weekday = new Date(dayStartMs(dayIndex)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}
