import { generateMersenne53Randomizer } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { Rng } from './random.ts';
import { HOUR_PROFILES, localToUtcMs, monthShape, sampleDay, sampleSecondsOfDay, WEEKDAY_PROFILES } from './time-of-day.ts';

describe('localToUtcMs', () => {
  it('shifts local wall-clock time by the fixed UTC offset', () => {
    // 19:30 local in UTC+1 is 18:30Z
    expect(new Date(localToUtcMs(2026, 0, 15, 19.5 * 3600, 1)).toISOString()).toBe('2026-01-15T18:30:00.000Z');
    // 19:30 local in UTC-5 is 00:30Z next day
    expect(new Date(localToUtcMs(2026, 0, 15, 19.5 * 3600, -5)).toISOString()).toBe('2026-01-16T00:30:00.000Z');
  });

  it('keeps the instant inside the simulated UTC month by moving a day inwards', () => {
    // 00:30 on Jan 1st in UTC+1 would be Dec 31st UTC -> moved to Jan 1st 23:30Z
    expect(new Date(localToUtcMs(2026, 0, 1, 1800, 1)).toISOString()).toBe('2026-01-01T23:30:00.000Z');
    // 21:00 on Jan 31st in UTC-5 would be Feb 1st UTC -> moved to Jan 31st 02:00Z
    expect(new Date(localToUtcMs(2026, 0, 31, 21 * 3600, -5)).toISOString()).toBe('2026-01-31T02:00:00.000Z');
  });
});

describe('sampling', () => {
  const rng = new Rng(generateMersenne53Randomizer(5));

  it('draws hours only where the profile has weight', () => {
    for (let i = 0; i < 2000; i++) {
      const hour = Math.floor(sampleSecondsOfDay(rng, HOUR_PROFILES.bills) / 3600);
      expect(HOUR_PROFILES.bills[hour]).toBeGreaterThan(0);
    }
  });

  it('favours weekdays by weight (grocery Sundays are rare)', () => {
    const march = monthShape(2026, 2); // March 2026 starts on a Sunday: 5 Sundays, 4 Saturdays
    expect(march).toEqual({ days: 31, firstWeekday: 0 });
    const counts = [0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 20_000; i++) {
      const day = sampleDay(rng, march, WEEKDAY_PROFILES.groceries);
      counts[new Date(Date.UTC(2026, 2, day)).getUTCDay()]!++;
    }
    expect(counts[6]).toBeGreaterThan(counts[0]! * 4); // Saturday vs Sunday, weights 1.5 vs 0.25
  });
});
