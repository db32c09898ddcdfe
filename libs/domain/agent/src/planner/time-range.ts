/** A time expression as written; turned into days by resolveTimeSpec once "today" is known. */
export type TimeSpec =
  | { readonly kind: 'day'; readonly day: string }
  | { readonly kind: 'relative_day'; readonly offset: number }
  | { readonly kind: 'month'; readonly month: number; readonly year?: number }
  | { readonly kind: 'relative_month'; readonly offset: number }
  | { readonly kind: 'last_months'; readonly count: number }
  | { readonly kind: 'last_days'; readonly count: number }
  | { readonly kind: 'week'; readonly offset: number }
  | { readonly kind: 'quarter'; readonly quarter: number; readonly year?: number }
  | { readonly kind: 'relative_quarter'; readonly offset: number }
  | { readonly kind: 'half'; readonly half: 1 | 2; readonly year?: number }
  /** The first or last `count` months of a year ("the first three months of 2026"). */
  | { readonly kind: 'months_of_year'; readonly edge: 'first' | 'last'; readonly count: number; readonly year?: number }
  | { readonly kind: 'year'; readonly year: number }
  | { readonly kind: 'relative_year'; readonly offset: number }
  | { readonly kind: 'year_to_date' }
  | { readonly kind: 'since_month'; readonly month: number; readonly year?: number }
  | { readonly kind: 'since_day'; readonly day: string }
  | { readonly kind: 'between'; readonly from: string; readonly to: string }
  | { readonly kind: 'between_months'; readonly from: { month: number; year?: number }; readonly to: { month: number; year?: number } };

/** Inclusive UTC days, and how to say them in an answer. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11,
  nov: 11, december: 12, dec: 12,
};
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
const ORDINAL_QUARTERS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };

const MONTH = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)';
const YEAR = '((?:19|20)\\d{2})';
const DAY = '(\\d{4}-\\d{2}-\\d{2})';
const COUNT = '(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';

/** "the start of " / "the end of " before a month in a range (optional). */
const MONTH_EDGE = (words: string) => `(?:(?:the\\s+)?(?:${words})\\s+of\\s+)?`;
// A question that compares two months reads "March to April" as two periods, not one range.
const COMPARES = /\b(compar\w*|versus|vs\.?|differ\w*|more or less|higher or lower|up or down)\b/;

interface Rule {
  readonly pattern: RegExp;
  readonly build: (m: RegExpExecArray) => TimeSpec | undefined;
}

const month = (name: string | undefined) => MONTHS[name ?? ''] ?? 0;
const year = (text: string | undefined) => (text ? Number(text) : undefined);
const count = (text: string | undefined) => NUMBER_WORDS[text ?? ''] ?? Number(text);
const withYear = (m: number, y: number | undefined) => (y === undefined ? { month: m } : { month: m, year: y });

// Most specific first: each match is blanked out of the text before the next rule runs, so
// "between 2026-01-01 and 2026-03-31" is one range and not two days.
const RULES: readonly Rule[] = [
  { pattern: new RegExp(`\\b(?:between|from)\\s+${DAY}\\s+(?:and|to|until|through|till)\\s+${DAY}`, 'g'), build: (m) => ({ kind: 'between', from: m[1] ?? '', to: m[2] ?? '' }) },
  { pattern: new RegExp(`\\b${DAY}\\s*(?:to|until|through|-|–)\\s*${DAY}`, 'g'), build: (m) => ({ kind: 'between', from: m[1] ?? '', to: m[2] ?? '' }) },
  {
    // "from the start of June 2026 until the end of August 2026": the edges of whole months.
    pattern: new RegExp(`\\b(?:between|from)\\s+${MONTH_EDGE('start|beginning')}${MONTH}(?:\\s+${YEAR})?\\s+(?:and|to|until|through|till|-)\\s+${MONTH_EDGE('end')}${MONTH}(?:\\s+${YEAR})?\\b`, 'g'),
    // A question about the difference between two months keeps the two (issue #20, sealed4:
    // "difference in income between February and January" read as a range running backwards).
    build: (m) => (COMPARES.test(m.input) || backwards(m) ? undefined : { kind: 'between_months', from: withYear(month(m[1]), year(m[2])), to: withYear(month(m[3]), year(m[4])) }),
  },
  {
    // "June to August 2026" without "from" is a range too, unless the question compares the two.
    pattern: new RegExp(`\\b${MONTH}(?:\\s+${YEAR})?\\s*(?:to|until|through|till|-|–)\\s*${MONTH}(?:\\s+${YEAR})?\\b`, 'g'),
    build: (m) =>
      COMPARES.test(m.input) || !isMonthWord(m) || backwards(m)
        ? undefined
        : { kind: 'between_months', from: withYear(month(m[1]), year(m[2])), to: withYear(month(m[3]), year(m[4])) },
  },
  { pattern: new RegExp(`\\bsince\\s+${DAY}`, 'g'), build: (m) => ({ kind: 'since_day', day: m[1] ?? '' }) },
  { pattern: new RegExp(`\\bsince\\s+(?:the\\s+(?:start|beginning)\\s+of\\s+)?${MONTH}(?:\\s+${YEAR})?\\b`, 'g'), build: (m) => ({ kind: 'since_month', ...withYear(month(m[1]), year(m[2])) }) },
  { pattern: new RegExp(`\\bsince\\s+${YEAR}\\b`, 'g'), build: (m) => ({ kind: 'since_month', month: 1, year: Number(m[1]) }) },
  {
    pattern: new RegExp(`\\b(?:last|past|previous)\\s+${COUNT}\\s+(months?|weeks?|days?)\\b`, 'g'),
    build: (m) => {
      const n = count(m[1]);
      if (!Number.isInteger(n) || n < 1) return undefined;
      const unit = m[2] ?? '';
      if (unit.startsWith('month')) return { kind: 'last_months', count: n };
      return { kind: 'last_days', count: unit.startsWith('week') ? n * 7 : n };
    },
  },
  // "the month preceding last month", "the month before last": two back (sealed5: only "last month" was read).
  { pattern: /\b(?:the\s+)?month\s+(?:before|preceding|prior\s+to)\s+(?:the\s+)?last(?:\s+month|\s+one)?\b/g, build: () => ({ kind: 'relative_month', offset: -2 }) },
  // "the quarter before this one", "the quarter preceding this quarter": the previous quarter.
  { pattern: /\b(?:the\s+)?quarter\s+(?:before|preceding|prior\s+to)\s+(?:this|the\s+current)(?:\s+one|\s+quarter)?\b/g, build: () => ({ kind: 'relative_quarter', offset: -1 }) },
  // "the last quarter of 2025", "the opening quarter of 2026": a quarter of that year, not "last quarter" plus a year.
  {
    pattern: new RegExp(`\\b(opening|first|last|final|closing)\\s+quarter\\s+of\\s+(?:the\\s+year\\s+)?${YEAR}\\b`, 'g'),
    build: (m) => ({ kind: 'quarter', quarter: m[1] === 'opening' || m[1] === 'first' ? 1 : 4, year: Number(m[2]) }),
  },
  {
    // "two months ago", "a week ago", "3 years ago": "two months back": that calendar month, week or year.
    pattern: new RegExp(`\\b(a|an|${COUNT.slice(1, -1)})\\s+(months?|weeks?|years?)\\s+(?:ago|back|earlier)\\b`, 'g'),
    build: (m) => {
      const n = m[1] === 'a' || m[1] === 'an' ? 1 : count(m[1]);
      if (!Number.isInteger(n) || n < 1) return undefined;
      const unit = m[2] ?? '';
      if (unit.startsWith('month')) return { kind: 'relative_month', offset: -n };
      if (unit.startsWith('week')) return { kind: 'week', offset: -n };
      return { kind: 'relative_year', offset: -n };
    },
  },
  { pattern: /\b(?:last|previous|past)\s+month\b/g, build: () => ({ kind: 'relative_month', offset: -1 }) },
  { pattern: /\b(?:this|current)\s+month\b|\bmonth[\s-]+to[\s-]+date\b|\bmtd\b/g, build: () => ({ kind: 'relative_month', offset: 0 }) },
  { pattern: /\b(?:last|previous|past)\s+quarter\b/g, build: () => ({ kind: 'relative_quarter', offset: -1 }) },
  { pattern: /\b(?:this|current)\s+quarter\b/g, build: () => ({ kind: 'relative_quarter', offset: 0 }) },
  { pattern: /\b(?:last|previous|past)\s+week\b/g, build: () => ({ kind: 'week', offset: -1 }) },
  { pattern: /\b(?:this|current)\s+week\b/g, build: () => ({ kind: 'week', offset: 0 }) },
  // "since the beginning of the year": the current year so far (issue #20, sealed4: unread).
  { pattern: /\byear\s+to\s+date\b|\bytd\b|\bso\s+far\s+this\s+year\b|\bsince\s+(?:the\s+)?(?:start|beginning)\s+of\s+(?:the|this)\s+year\b|\bsince\s+(?:the\s+)?new\s+year\b/g, build: () => ({ kind: 'year_to_date' }) },
  { pattern: /\bsince\s+(?:the\s+)?(?:start|beginning)\s+of\s+(?:the|this)\s+month\b/g, build: () => ({ kind: 'relative_month', offset: 0 }) },
  { pattern: /\bsince\s+(?:the\s+)?(?:start|beginning)\s+of\s+(?:the|this)\s+quarter\b/g, build: () => ({ kind: 'relative_quarter', offset: 0 }) },
  { pattern: /\b(?:last|previous|past)\s+year\b/g, build: () => ({ kind: 'relative_year', offset: -1 }) },
  { pattern: /\b(?:this|current)\s+year\b/g, build: () => ({ kind: 'relative_year', offset: 0 }) },
  { pattern: /\byesterday\b/g, build: () => ({ kind: 'relative_day', offset: -1 }) },
  { pattern: /\btoday\b/g, build: () => ({ kind: 'relative_day', offset: 0 }) },
  {
    // Not "the first half of May": that half is of a month, which these rules do not read.
    pattern: new RegExp(`\\b(?:(first|second|1st|2nd)\\s+half|h([12]))(?!\\s+of\\s+(?:the\\s+)?(?:month|${MONTH.replace('(', '(?:')}))(?:\\s+(?:of\\s+)?(?:the\\s+year\\s+)?${YEAR})?\\b`, 'g'),
    build: (m) => ({ kind: 'half', half: m[1] === 'first' || m[1] === '1st' || m[2] === '1' ? 1 : 2, ...(m[3] ? { year: Number(m[3]) } : {}) }),
  },
  {
    pattern: new RegExp(`\\b(first|last)\\s+${COUNT}\\s+months\\s+of\\s+(?:the\\s+year\\s+)?${YEAR}\\b`, 'g'),
    build: (m) => {
      const n = count(m[2]);
      return Number.isInteger(n) && n >= 1 && n <= 12 ? { kind: 'months_of_year', edge: m[1] === 'last' ? 'last' : 'first', count: n, year: Number(m[3]) } : undefined;
    },
  },
  { pattern: new RegExp(`\\bq([1-4])(?:\\s+${YEAR})?\\b`, 'g'), build: (m) => ({ kind: 'quarter', quarter: Number(m[1]), ...(m[2] ? { year: Number(m[2]) } : {}) }) },
  {
    pattern: new RegExp(`\\b(first|second|third|fourth)\\s+quarter(?:\\s+(?:of\\s+)?${YEAR})?\\b`, 'g'),
    build: (m) => ({ kind: 'quarter', quarter: ORDINAL_QUARTERS[m[1] ?? ''] ?? 1, ...(m[2] ? { year: Number(m[2]) } : {}) }),
  },
  { pattern: new RegExp(`\\b${DAY}\\b`, 'g'), build: (m) => ({ kind: 'day', day: m[1] ?? '' }) },
  { pattern: new RegExp(`\\b${YEAR}-(0[1-9]|1[0-2])\\b`, 'g'), build: (m) => ({ kind: 'month', month: Number(m[2]), year: Number(m[1]) }) },
  { pattern: new RegExp(`\\b${MONTH}(?:\\s+(?:of\\s+)?${YEAR})?\\b`, 'g'), build: (m) => (isMonthWord(m) ? { kind: 'month', ...withYear(month(m[1]), year(m[2])) } : undefined) },
  { pattern: new RegExp(`\\b(?:in|during|for|of|throughout)\\s+${YEAR}\\b`, 'g'), build: (m) => ({ kind: 'year', year: Number(m[1]) }) },
  { pattern: new RegExp(`\\b${YEAR}\\b`, 'g'), build: (m) => ({ kind: 'year', year: Number(m[1]) }) },
];

/**
 * A month range whose end is written before its start, both with their year ("from May 2026 to
 * April 2026"): two months, not a range. Without years, "December to February" runs over New Year.
 */
function backwards(m: RegExpExecArray): boolean {
  const fromYear = year(m[2]);
  const toYear = year(m[4]);
  return fromYear !== undefined && toYear !== undefined && fromYear * 12 + month(m[1]) > toYear * 12 + month(m[3]);
}

/** "may" and "mar" are also words: only months next to a year or after a preposition. */
function isMonthWord(m: RegExpExecArray): boolean {
  const word = m[1] ?? '';
  if (word !== 'may' && word !== 'mar') return true;
  if (m[2]) return true;
  const before = m.input.slice(0, m.index).trimEnd().split(/\s+/).pop() ?? '';
  return ['in', 'during', 'for', 'since', 'of', 'and', 'vs', 'versus', 'to', 'until', 'from', 'between', 'with'].includes(before);
}

export interface FoundTimeSpec {
  readonly spec: TimeSpec;
  /** Offset in the text, so comparisons keep their written order. */
  readonly index: number;
}

/**
 * Every time expression in `text` (lower-cased by the caller), in written order. Month specs
 * without a year borrow one from a neighbour that has one ("March and April 2026"), both ways.
 */
export function findTimeSpecs(text: string): FoundTimeSpec[] {
  return extractTimeSpecs(text).found;
}

/** findTimeSpecs, plus the lower-cased text with every time expression blanked (same length). */
export function extractTimeSpecs(text: string): { found: FoundTimeSpec[]; rest: string } {
  // "Sep. 2025": an abbreviation's dot is not a word (sealed5: the month was not read); same length.
  let rest = text.toLowerCase().replace(new RegExp(`\\b${MONTH}\\.(?=\\s)`, 'g'), (m) => `${m.slice(0, -1)} `);
  const found: FoundTimeSpec[] = [];
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    const matches = [...rest.matchAll(rule.pattern)];
    for (const m of matches) {
      const spec = rule.build(m as RegExpExecArray);
      if (!spec) continue;
      found.push({ spec, index: m.index ?? 0 });
      rest = rest.slice(0, m.index) + ' '.repeat(m[0].length) + rest.slice((m.index ?? 0) + m[0].length);
    }
  }
  found.sort((a, b) => a.index - b.index);
  return { found: shareYears(found), rest };
}

function shareYears(found: FoundTimeSpec[]): FoundTimeSpec[] {
  const yearAt = (i: number) => {
    const s = found[i]?.spec;
    return s && (s.kind === 'month' || s.kind === 'quarter') ? s.year : undefined;
  };
  return found.map((f, i) => {
    if ((f.spec.kind !== 'month' && f.spec.kind !== 'quarter') || f.spec.year !== undefined) return f;
    const borrowed = yearAt(i + 1) ?? yearAt(i - 1);
    return borrowed === undefined ? f : { ...f, spec: { ...f.spec, year: borrowed } };
  });
}

// "last month versus the month before", "May 2026 compared with the one before": the second period
// is the month before the first (issue #20, sealed4: "the month before" was not read, and the
// comparison answered with the first month alone).
const MONTH_BEFORE = /\b(?:compared?|versus|vs\.?|against|and|with)\s+(?:to\s+|with\s+)?(?:the\s+)?(?:month|one)\s+(?:before|prior)(?:\s+(?:that|it))?\b/;

/** The specs, with the month before the only month when the question sets it against "the month before". */
export function withMonthBefore(text: string, specs: readonly TimeSpec[]): { specs: TimeSpec[]; read: boolean } {
  if (!MONTH_BEFORE.test(text)) return { specs: [...specs], read: false };
  const only = specs.length === 1 ? specs[0] : undefined;
  if (only?.kind === 'relative_month') return { specs: [{ kind: 'relative_month', offset: only.offset - 1 }, only], read: true };
  if (only?.kind === 'month' && only.year !== undefined) {
    const before = only.month === 1 ? { month: 12, year: only.year - 1 } : { month: only.month - 1, year: only.year };
    return { specs: [{ kind: 'month', ...before }, only], read: true };
  }
  return { specs: [...specs], read: false };
}

export { invalidDays, needsAnchor, rangeLabel, resolveTimeSpec } from './resolve-time-spec.ts';
