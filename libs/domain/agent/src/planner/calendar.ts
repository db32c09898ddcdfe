// Calendar arithmetic on ISO days (YYYY-MM-DD) in UTC: the analytics' notion of a day.

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

export interface YearMonth {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
}

export function isoDay(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

export function parseDay(day: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`not an ISO day: ${day}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const { year, month, day: d } = parseDay(day);
  return isoDay(year, month, d) === day;
}

export function addDays(day: string, days: number): string {
  const { year, month, day: d } = parseDay(day);
  return isoDay(year, month, d + days);
}

/** The month `offset` months from ym (negative = earlier). */
export function addMonths(ym: YearMonth, offset: number): YearMonth {
  const index = ym.year * 12 + (ym.month - 1) + offset;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function monthOf(day: string): YearMonth {
  const { year, month } = parseDay(day);
  return { year, month };
}

export function firstDay(ym: YearMonth): string {
  return isoDay(ym.year, ym.month, 1);
}

export function lastDay(ym: YearMonth): string {
  return isoDay(ym.year, ym.month + 1, 0);
}

/** `YYYY-MM` */
export function monthKey(ym: YearMonth): string {
  return `${ym.year}-${String(ym.month).padStart(2, '0')}`;
}

export function monthLabel(ym: YearMonth): string {
  return `${MONTH_NAMES[ym.month - 1]} ${ym.year}`;
}

/** ISO weekday, Monday = 1 ... Sunday = 7. */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Calendar months touched by [from, to], in order. */
export function monthsBetween(from: string, to: string): YearMonth[] {
  const months: YearMonth[] = [];
  let current = monthOf(from);
  const end = monthOf(to);
  while (current.year * 12 + current.month <= end.year * 12 + end.month) {
    months.push(current);
    current = addMonths(current, 1);
  }
  return months;
}
