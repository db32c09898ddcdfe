import {
  addDays,
  addMonths,
  firstDay,
  isoDay,
  isoWeekday,
  isValidDay,
  lastDay,
  monthLabel,
  monthOf,
  parseDay,
  type YearMonth,
} from './calendar.ts';

import type { DayRange, TimeSpec } from './time-range.ts';

// Turning a recognised time expression (time-range.ts) into days, once "today" is known.

/** Whether resolving the spec needs to know "today" (the data's latest day or a given date). */
export function needsAnchor(spec: TimeSpec): boolean {
  switch (spec.kind) {
    case 'day':
    case 'year':
    case 'between':
      return false;
    case 'month':
    case 'quarter':
    case 'half':
    case 'months_of_year':
    case 'since_month':
      return spec.year === undefined || spec.kind === 'since_month';
    case 'between_months':
      return spec.from.year === undefined || spec.to.year === undefined;
    default:
      return true;
  }
}

/** The most recent `month` that is not after the anchor's month. */
function recentMonth(monthNumber: number, anchor: YearMonth, yearGiven?: number): YearMonth {
  if (yearGiven !== undefined) return { year: yearGiven, month: monthNumber };
  return { year: monthNumber <= anchor.month ? anchor.year : anchor.year - 1, month: monthNumber };
}

/**
 * Days of a spec relative to `anchor` (YYYY-MM-DD: the given today, else the day of the latest
 * transaction). Conventions (docs/agent.md): "last month" = the previous calendar month;
 * "this month/week/year" and "since ..." end at the anchor; "last N months" = the N calendar
 * months up to and including the anchor's month; "last N days" ends at the anchor; a month or
 * quarter without a year is the most recent one not after the anchor.
 */
export function resolveTimeSpec(spec: TimeSpec, anchor: string): DayRange {
  const now = monthOf(anchor);
  const range = (from: string, to: string) => (from <= to ? { from, to, label: rangeLabel(from, to) } : { from: to, to: from, label: rangeLabel(to, from) });
  switch (spec.kind) {
    case 'day':
      return range(spec.day, spec.day);
    case 'relative_day': {
      const day = addDays(anchor, spec.offset);
      return range(day, day);
    }
    case 'month': {
      const ym = recentMonth(spec.month, now, spec.year);
      return range(firstDay(ym), lastDay(ym));
    }
    case 'relative_month': {
      const ym = addMonths(now, spec.offset);
      return range(firstDay(ym), spec.offset === 0 ? anchor : lastDay(ym));
    }
    case 'last_months':
      return range(firstDay(addMonths(now, -(spec.count - 1))), anchor);
    case 'last_days':
      return range(addDays(anchor, -(spec.count - 1)), anchor);
    case 'week': {
      const monday = addDays(anchor, 1 - isoWeekday(anchor) + 7 * spec.offset);
      return range(monday, spec.offset === 0 ? anchor : addDays(monday, 6));
    }
    case 'quarter': {
      const firstMonth = (spec.quarter - 1) * 3 + 1;
      const start = spec.year !== undefined ? { year: spec.year, month: firstMonth } : recentMonth(firstMonth, now);
      return range(firstDay(start), lastDay(addMonths(start, 2)));
    }
    case 'relative_quarter': {
      const start = addMonths({ year: now.year, month: now.month - ((now.month - 1) % 3) }, 3 * spec.offset);
      return range(firstDay(start), spec.offset === 0 ? anchor : lastDay(addMonths(start, 2)));
    }
    case 'half': {
      const y = spec.year ?? now.year;
      return range(isoDay(y, spec.half === 1 ? 1 : 7, 1), spec.half === 1 ? isoDay(y, 6, 30) : isoDay(y, 12, 31));
    }
    case 'months_of_year': {
      const y = spec.year ?? now.year;
      const start = spec.edge === 'first' ? { year: y, month: 1 } : { year: y, month: 13 - spec.count };
      return range(firstDay(start), lastDay(addMonths(start, spec.count - 1)));
    }
    case 'year':
      return range(isoDay(spec.year, 1, 1), isoDay(spec.year, 12, 31));
    case 'relative_year': {
      const y = now.year + spec.offset;
      return range(isoDay(y, 1, 1), spec.offset === 0 ? anchor : isoDay(y, 12, 31));
    }
    case 'year_to_date':
      return range(isoDay(now.year, 1, 1), anchor);
    case 'since_month':
      return range(firstDay(recentMonth(spec.month, now, spec.year)), anchor);
    case 'since_day':
      return range(spec.day, anchor);
    case 'between':
      return range(spec.from, spec.to);
    case 'between_months': {
      const end = recentMonth(spec.to.month, now, spec.to.year);
      const startYear = spec.from.year ?? (spec.from.month <= end.month ? end.year : end.year - 1);
      return range(firstDay({ year: startYear, month: spec.from.month }), lastDay(end));
    }
  }
}

/** Invalid calendar days in a spec (2026-02-30), for an honest "that is not a date". */
export function invalidDays(spec: TimeSpec): string[] {
  const days = spec.kind === 'day' || spec.kind === 'since_day' ? [spec.day] : spec.kind === 'between' ? [spec.from, spec.to] : [];
  return days.filter((d) => !isValidDay(d));
}

/** "in March 2026", "in Q1 2026", "in 2025", "on 2026-03-05", else "from A to B". */
export function rangeLabel(from: string, to: string): string {
  if (from === to) return `on ${from}`;
  const start = parseDay(from);
  const ym = monthOf(from);
  if (start.day === 1 && to === lastDay(ym)) return `in ${monthLabel(ym)}`;
  if (start.day === 1 && start.month === 1 && to === isoDay(start.year, 12, 31)) return `in ${start.year}`;
  if (start.day === 1 && (start.month - 1) % 3 === 0 && to === lastDay(addMonths(ym, 2))) return `in Q${(start.month + 2) / 3} ${start.year}`;
  return `from ${from} to ${to}`;
}
