import { isoDay } from './calendar.ts';

// Days written in words ("1 March 2026", "March 5 2026", "March 5th, 2026", "the 5th of March
// 2026") as ISO days, so the time rules read them like "2026-03-01" (issue #20: "from 1 March
// 2026 to 15 April 2026" was read as two whole months, and "March 5 2026 to March 25 2026" lost
// its end day to a merchant lookup of "25"). Only with a year: "March 5" alone stays a month.

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const MONTH = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const DAY_FIRST = new RegExp(`\\b(?:the\\s+)?${DAY}\\s+(?:of\\s+)?(${MONTH})\\.?,?\\s+((?:19|20)\\d{2})\\b`, 'gi');
const MONTH_FIRST = new RegExp(`\\b(${MONTH})\\.?\\s+${DAY},?\\s+((?:19|20)\\d{2})\\b`, 'gi');

// Two days that share the year written once at the end ("June 8 to June 14, 2026", "8 to 14 June
// 2026", "between June 8 and 14, 2026"): both get the year (issue #20, sealed2: the first day was
// taken for a merchant "8"). "and" joins a range only after "between".
const TO = '(to|until|till|through|-|–|and)';
const MONTH_FIRST_RANGE = new RegExp(`\\b(between\\s+)?(${MONTH})\\.?\\s+${DAY}\\s*${TO}\\s*(?:(${MONTH})\\.?\\s+)?${DAY},?\\s+((?:19|20)\\d{2})\\b`, 'gi');
const DAY_FIRST_RANGE = new RegExp(`\\b(between\\s+)?(?:the\\s+)?${DAY}\\s+(?:of\\s+)?(?:(${MONTH})\\.?\\s+)?${TO}\\s*(?:the\\s+)?${DAY}\\s+(?:of\\s+)?(${MONTH})\\.?,?\\s+((?:19|20)\\d{2})\\b`, 'gi');

function isoRange(between: string | undefined, to: string, first: string | undefined, second: string | undefined): string | undefined {
  if (!first || !second || (to.toLowerCase() === 'and' && !between)) return undefined;
  return between ? `between ${first} and ${second}` : `${first} to ${second}`;
}

function iso(day: string, month: string, year: string): string | undefined {
  const m = MONTHS[month.toLowerCase()];
  const d = Number(day);
  if (!m || d < 1 || d > 31) return undefined;
  const text = isoDay(Number(year), m, d);
  // 31 April is not a day: keep the words (the answer then has no made-up date).
  return Number(text.slice(8, 10)) === d ? text : undefined;
}

/** The text with written days replaced by ISO days (padded with spaces to the same length, or longer for a range). */
export function writtenDaysToIso(text: string): string {
  const pad = (match: string, day: string | undefined) => (day ? day.padEnd(match.length, ' ') : match);
  return text
    .replace(MONTH_FIRST_RANGE, (match, between: string | undefined, m1: string, d1: string, to: string, m2: string | undefined, d2: string, y: string) =>
      pad(match, isoRange(between, to, iso(d1, m1, y), iso(d2, m2 ?? m1, y))),
    )
    .replace(DAY_FIRST_RANGE, (match, between: string | undefined, d1: string, m1: string | undefined, to: string, d2: string, m2: string, y: string) =>
      pad(match, isoRange(between, to, iso(d1, m1 ?? m2, y), iso(d2, m2, y))),
    )
    .replace(DAY_FIRST, (match, d: string, m: string, y: string) => pad(match, iso(d, m, y)))
    .replace(MONTH_FIRST, (match, m: string, d: string, y: string) => pad(match, iso(d, m, y)));
}
