import { describe, expect, it } from 'vitest';
import { findTimeSpecs, invalidDays, needsAnchor, rangeLabel, resolveTimeSpec } from './time-range.ts';

const ANCHOR = '2026-06-17'; // a Wednesday

function resolveAll(text: string, anchor = ANCHOR) {
  return findTimeSpecs(text).map((f) => resolveTimeSpec(f.spec, anchor));
}

describe('time expressions', () => {
  it.each([
    ['last month', '2026-05-01', '2026-05-31', 'in May 2026'],
    ['this month', '2026-06-01', '2026-06-17', 'from 2026-06-01 to 2026-06-17'],
    ['in March 2026', '2026-03-01', '2026-03-31', 'in March 2026'],
    ['in March', '2026-03-01', '2026-03-31', 'in March 2026'],
    ['in September', '2025-09-01', '2025-09-30', 'in September 2025'],
    ['for 2026-02', '2026-02-01', '2026-02-28', 'in February 2026'],
    ['since January', '2026-01-01', '2026-06-17', 'from 2026-01-01 to 2026-06-17'],
    ['since 2026-03-10', '2026-03-10', '2026-06-17', 'from 2026-03-10 to 2026-06-17'],
    ['between 2026-01-01 and 2026-03-31', '2026-01-01', '2026-03-31', 'in Q1 2026'],
    ['from 2026-01-05 to 2026-01-20', '2026-01-05', '2026-01-20', 'from 2026-01-05 to 2026-01-20'],
    ['last 3 months', '2026-04-01', '2026-06-17', 'from 2026-04-01 to 2026-06-17'],
    ['in the past two weeks', '2026-06-04', '2026-06-17', 'from 2026-06-04 to 2026-06-17'],
    ['last 7 days', '2026-06-11', '2026-06-17', 'from 2026-06-11 to 2026-06-17'],
    ['in 2025', '2025-01-01', '2025-12-31', 'in 2025'],
    ['this year', '2026-01-01', '2026-06-17', 'from 2026-01-01 to 2026-06-17'],
    ['last year', '2025-01-01', '2025-12-31', 'in 2025'],
    ['year to date', '2026-01-01', '2026-06-17', 'from 2026-01-01 to 2026-06-17'],
    ['in Q1 2026', '2026-01-01', '2026-03-31', 'in Q1 2026'],
    ['in the third quarter', '2025-07-01', '2025-09-30', 'in Q3 2025'],
    ['last quarter', '2026-01-01', '2026-03-31', 'in Q1 2026'],
    ['yesterday', '2026-06-16', '2026-06-16', 'on 2026-06-16'],
    ['today', '2026-06-17', '2026-06-17', 'on 2026-06-17'],
    ['on 2026-03-05', '2026-03-05', '2026-03-05', 'on 2026-03-05'],
    ['last week', '2026-06-08', '2026-06-14', 'from 2026-06-08 to 2026-06-14'],
    ['this week', '2026-06-15', '2026-06-17', 'from 2026-06-15 to 2026-06-17'],
    ['from January to March', '2026-01-01', '2026-03-31', 'in Q1 2026'],
    ['between November and February', '2025-11-01', '2026-02-28', 'from 2025-11-01 to 2026-02-28'],
  ])('"%s" is %s..%s (%s)', (text, from, to, label) => {
    expect(resolveAll(`How much did I spend ${text}?`)).toEqual([{ from, to, label }]);
  });

  it('keeps two periods for a comparison, sharing the year', () => {
    expect(resolveAll('compare March and April 2026').map((r) => r.label)).toEqual(['in March 2026', 'in April 2026']);
    expect(resolveAll('compare March 2025 vs April').map((r) => r.label)).toEqual(['in March 2025', 'in April 2025']);
    expect(resolveAll('this month versus last month').map((r) => r.from)).toEqual(['2026-06-01', '2026-05-01']);
  });

  it('reads "may" as a month only where a month fits', () => {
    expect(resolveAll('What may I ask about?')).toEqual([]);
    expect(resolveAll('spend in may')).toEqual([{ from: '2026-05-01', to: '2026-05-31', label: 'in May 2026' }]);
  });

  it('finds nothing in ids and amounts', () => {
    expect(findTimeSpecs('customer C-000042 account A-002026-1 over 1000 EUR')).toEqual([]);
  });

  it('knows which specs need today', () => {
    const needs = (t: string) => findTimeSpecs(t).map((f) => needsAnchor(f.spec));
    expect(needs('in March 2026')).toEqual([false]);
    expect(needs('between 2026-01-01 and 2026-02-01')).toEqual([false]);
    expect(needs('last month')).toEqual([true]);
    expect(needs('in March')).toEqual([true]);
  });

  it('flags impossible days', () => {
    const [found] = findTimeSpecs('on 2026-02-30');
    expect(found && invalidDays(found.spec)).toEqual(['2026-02-30']);
  });

  it('labels ranges', () => {
    expect(rangeLabel('2026-04-01', '2026-06-30')).toBe('in Q2 2026');
    expect(rangeLabel('2026-04-02', '2026-06-30')).toBe('from 2026-04-02 to 2026-06-30');
  });
});
