import type { DayRange } from './time-range.ts';

export interface Coverage {
  readonly firstDay: string;
  readonly lastDay: string;
}

export type Clipped =
  | { readonly kind: 'inside'; readonly range: DayRange }
  | { readonly kind: 'clipped'; readonly range: DayRange; readonly note: string }
  | { readonly kind: 'outside'; readonly reason: string };

/**
 * A range limited to the days the data covers (issue #20: "in 2026" over data that ends in June
 * is Jan-Jun, and the answer says so; "in 2019" before the data starts is no figure at all).
 */
export function clipToCoverage(range: DayRange, coverage: Coverage): Clipped {
  if (range.to < coverage.firstDay || range.from > coverage.lastDay) {
    return { kind: 'outside', reason: `${range.label} is outside the data, which covers ${coverage.firstDay} to ${coverage.lastDay}` };
  }
  const from = range.from < coverage.firstDay ? coverage.firstDay : range.from;
  const to = range.to > coverage.lastDay ? coverage.lastDay : range.to;
  if (from === range.from && to === range.to) return { kind: 'inside', range };
  return {
    kind: 'clipped',
    range: { from, to, label: range.label },
    note: `${range.label} clipped to the data's coverage, ${from} to ${to}`,
  };
}

/** Calendar months from the month of `from` to the month of `to`, both included. */
export function monthCount(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

