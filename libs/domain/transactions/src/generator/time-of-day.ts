import type { Rng } from './random.ts';

/** Relative weights of local hours 0..23 for one kind of activity. */
export type HourProfile = readonly number[];

function hours(weights: Record<number, number>): HourProfile {
  return Array.from({ length: 24 }, (_, hour) => weights[hour] ?? 0);
}

/**
 * Local wall-clock time-of-day distributions. Shapes follow common card-spend patterns:
 * groceries through the day with an after-work peak, dining peaks at lunch and dinner, cafes in
 * the morning, bars late, commuting at rush hours, direct debits in the early-morning bank batch.
 */
export const HOUR_PROFILES = {
  groceries: hours({ 7: 1, 8: 2, 9: 3, 10: 4, 11: 5, 12: 5, 13: 4, 14: 4, 15: 5, 16: 6, 17: 8, 18: 9, 19: 7, 20: 4, 21: 2 }),
  morning: hours({ 6: 3, 7: 6, 8: 8, 9: 7, 10: 5, 11: 3, 12: 2, 13: 1, 14: 1, 15: 2, 16: 2, 17: 1 }),
  meals: hours({ 11: 2, 12: 9, 13: 8, 14: 3, 15: 1, 16: 1, 17: 2, 18: 5, 19: 9, 20: 9, 21: 5, 22: 2 }),
  fastFood: hours({ 10: 1, 11: 3, 12: 8, 13: 7, 14: 3, 15: 2, 16: 2, 17: 3, 18: 5, 19: 5, 20: 4, 21: 3, 22: 2, 23: 1 }),
  cafe: hours({ 7: 4, 8: 7, 9: 6, 10: 5, 11: 3, 12: 3, 13: 3, 14: 4, 15: 5, 16: 4, 17: 2, 18: 1 }),
  nightlife: hours({ 0: 4, 1: 2, 17: 1, 18: 2, 19: 3, 20: 5, 21: 7, 22: 8, 23: 7 }),
  delivery: hours({ 11: 1, 12: 3, 13: 2, 17: 2, 18: 6, 19: 9, 20: 8, 21: 5, 22: 2 }),
  commute: hours({ 6: 3, 7: 9, 8: 10, 9: 5, 10: 2, 11: 2, 12: 2, 13: 2, 14: 2, 15: 3, 16: 6, 17: 9, 18: 7, 19: 3, 20: 2, 21: 1, 22: 1 }),
  rides: hours({ 0: 3, 1: 2, 7: 2, 8: 3, 9: 2, 12: 1, 16: 1, 17: 2, 18: 3, 19: 3, 20: 3, 21: 3, 22: 4, 23: 4 }),
  daytime: hours({ 9: 2, 10: 5, 11: 6, 12: 6, 13: 6, 14: 6, 15: 7, 16: 7, 17: 7, 18: 6, 19: 4, 20: 2 }),
  online: hours({ 0: 1, 6: 1, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3, 12: 4, 13: 4, 14: 3, 15: 3, 16: 3, 17: 4, 18: 5, 19: 6, 20: 7, 21: 7, 22: 5, 23: 3 }),
  bills: hours({ 3: 2, 4: 5, 5: 5, 6: 3 }),
  payroll: hours({ 5: 3, 6: 5, 7: 3 }),
  cash: hours({ 8: 2, 9: 3, 10: 4, 11: 5, 12: 7, 13: 5, 14: 4, 15: 4, 16: 5, 17: 7, 18: 7, 19: 5, 20: 3, 21: 2, 22: 1 }),
} satisfies Record<string, HourProfile>;

export type HourProfileName = keyof typeof HOUR_PROFILES;

const TOTALS = new Map<HourProfile, number>(
  Object.values(HOUR_PROFILES).map((profile) => [profile, profile.reduce((sum, w) => sum + w, 0)]),
);

/** Weekday weights, Sunday = index 0 (Date#getUTCDay order). */
export type WeekdayProfile = readonly [number, number, number, number, number, number, number];

export const WEEKDAY_PROFILES = {
  even: [1, 1, 1, 1, 1, 1, 1],
  // Many European supermarkets close on Sunday; big shops happen Friday and Saturday.
  groceries: [0.25, 0.9, 0.9, 1, 1, 1.3, 1.5],
  dining: [0.9, 0.7, 0.8, 0.9, 1, 1.4, 1.4],
  nightlife: [0.4, 0.2, 0.3, 0.5, 0.8, 1.5, 1.6],
  workdays: [0.25, 1, 1, 1, 1, 1, 0.35],
  shops: [0.2, 1, 1, 1, 1, 1.1, 1.5],
} as const satisfies Record<string, WeekdayProfile>;

export type WeekdayProfileName = keyof typeof WEEKDAY_PROFILES;

export function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/** The calendar facts day sampling needs, computed once per month rather than per draw. */
export interface MonthShape {
  days: number;
  /** Weekday of the 1st, Sunday = 0. */
  firstWeekday: number;
}

export function monthShape(year: number, month0: number): MonthShape {
  return { days: daysInMonth(year, month0), firstWeekday: new Date(Date.UTC(year, month0, 1)).getUTCDay() };
}

/** Day of month (1-based) drawn by rejection against the weekday weights. */
export function sampleDay(rng: Rng, { days, firstWeekday }: MonthShape, weekdays: WeekdayProfile): number {
  const max = Math.max(...weekdays);
  for (let attempt = 0; attempt < 32; attempt++) {
    const day = rng.int(1, days);
    if (rng.next() * max < (weekdays[(firstWeekday + day - 1) % 7] ?? 0)) return day;
  }
  return rng.int(1, days);
}

/** Local hour drawn from a profile, plus a uniform minute and second, as seconds after midnight. */
export function sampleSecondsOfDay(rng: Rng, profile: HourProfile): number {
  const hour = rng.weightedIndex(profile, TOTALS.get(profile));
  return hour * 3600 + rng.int(0, 59) * 60 + rng.int(0, 59);
}

/**
 * Epoch milliseconds of a local wall-clock time in a country with a fixed UTC offset, kept inside
 * the simulated UTC month: a local time whose UTC instant falls just outside the month (00:30 on
 * the 1st in UTC+1, 21:00 on the 31st in UTC-5) moves one day inwards. That keeps every month's
 * batch inside its own UTC month, so month-by-month output is globally sorted.
 */
export function localToUtcMs(year: number, month0: number, day: number, secondsOfDay: number, utcOffsetHours: number): number {
  const ms = Date.UTC(year, month0, day) + secondsOfDay * 1000 - utcOffsetHours * 3_600_000;
  const monthStart = Date.UTC(year, month0, 1);
  const monthEnd = Date.UTC(year, month0 + 1, 1);
  if (ms < monthStart) return ms + 86_400_000;
  if (ms >= monthEnd) return ms - 86_400_000;
  return ms;
}
