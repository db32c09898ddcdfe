/**
 * Statement date cells: ISO `YYYY-MM-DD`, `DD.MM.YYYY`, `DD/MM/YYYY` or `MM/DD/YYYY` (also with
 * `-` and 2-digit years), `YYYYMMDD`, `03 Mar 2026`, `Mar 3, 2026`, optionally followed by a time.
 * Slash/dash dates whose two first parts are both <= 12 cannot be read on their own: they come back
 * as `ambiguous` and the caller resolves them from the whole column (see StatementCsvParser).
 */
export type DateOrder = 'DMY' | 'MDY';

export interface DateValue {
  date: string;
  time?: string;
  utc_offset?: string;
  /** The format the cell was read with, e.g. `DD/MM/YYYY`. */
  format: string;
}

export interface AmbiguousDate {
  kind: 'ambiguous';
  first: number;
  second: number;
  year: number;
  format: { dmy: string; mdy: string };
  time?: string;
  utc_offset?: string;
}

export type DateCellResult =
  | { kind: 'date'; value: DateValue; impliesOrder?: DateOrder; sameBothWays?: boolean }
  | AmbiguousDate
  | { kind: 'invalid'; reason: string };

interface TimePart {
  time?: string;
  utc_offset?: string;
}

const TIME_TAIL = String.raw`(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?`;
const ISO = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME_TAIL}$`);
const COMPACT = new RegExp(String.raw`^((?:19|20)\d{2})(\d{2})(\d{2})${TIME_TAIL}$`);
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})${TIME_TAIL}$`);
const DAY_MONTH_NAME = new RegExp(String.raw`^(\d{1,2})\.?[\s/-]*([A-Za-z\u00C0-\u00FF]{3,10})\.?[\s/,-]*(\d{4}|\d{2})${TIME_TAIL}$`);
const MONTH_NAME_DAY = new RegExp(String.raw`^([A-Za-z\u00C0-\u00FF]{3,10})\.?\s+(\d{1,2}),?\s+(\d{4})${TIME_TAIL}$`);

const MONTHS: Record<string, number> = {
  jan: 1, ene: 1, feb: 2, fev: 2, mar: 3, mrt: 3, apr: 4, avr: 4, abr: 4, may: 5, mai: 5, mei: 5,
  jun: 6, juin: 6, jul: 7, juil: 7, aug: 8, aou: 8, ago: 8, sep: 9, oct: 10, okt: 10, nov: 11, dec: 12, dez: 12, dic: 12,
};

const PLAIN_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const NO_TIME: Array<string | undefined> = [];

export function parseDateCell(raw: string, order: DateOrder | undefined): DateCellResult {
  const plain = PLAIN_ISO.exec(raw);
  if (plain) return definite(raw, Number(plain[1]), Number(plain[2]), Number(plain[3]), NO_TIME, 'YYYY-MM-DD');
  // Hungarian banks end a year-first date with a dot ("2026.03.02."): the dot closes the day.
  const s = raw.trim().replace(/^(\d{4}\.\d{1,2}\.\d{1,2})\.$/, '$1');
  if (s === '') return { kind: 'invalid', reason: 'date is empty' };
  let m = ISO.exec(s);
  if (m) {
    const sep = m[2] as string;
    return definite(s, Number(m[1]), Number(m[3]), Number(m[4]), m.slice(5), `YYYY${sep}MM${sep}DD`);
  }
  m = COMPACT.exec(s);
  if (m) return definite(s, Number(m[1]), Number(m[2]), Number(m[3]), m.slice(4), 'YYYYMMDD');
  m = NUMERIC.exec(s);
  if (m) {
    const a = Number(m[1]);
    const sep = m[2] as string;
    const b = Number(m[3]);
    const yearText = m[4] as string;
    const year = fullYear(yearText);
    const yy = yearText.length === 2 ? 'YY' : 'YYYY';
    const dmy = `DD${sep}MM${sep}${yy}`;
    const mdy = `MM${sep}DD${sep}${yy}`;
    const tail = m.slice(5);
    // Dotted dates are day-first everywhere they are used (DE, NL, CH...).
    if (sep === '.') return definite(s, year, b, a, tail, dmy);
    if (order === 'DMY') return definite(s, year, b, a, tail, dmy);
    if (order === 'MDY') return definite(s, year, a, b, tail, mdy);
    if (a > 12 && b > 12) return invalid(s);
    if (a > 12) return withOrder(definite(s, year, b, a, tail, dmy), 'DMY');
    if (b > 12) return withOrder(definite(s, year, a, b, tail, mdy), 'MDY');
    if (a === 0 || b === 0) return invalid(s);
    const time = timePart(tail);
    if (time === undefined) return invalid(s);
    // Same day and month: both readings give the same date.
    if (a === b) {
      const same = definite(s, year, a, b, tail, dmy);
      return same.kind === 'date' ? { ...same, sameBothWays: true } : same;
    }
    return { kind: 'ambiguous', first: a, second: b, year, format: { dmy, mdy }, ...time };
  }
  m = DAY_MONTH_NAME.exec(s);
  if (m) {
    const month = monthNumber(m[2] as string);
    if (month === undefined) return invalid(s);
    return definite(s, fullYear(m[3] as string), month, Number(m[1]), m.slice(4), (m[3] as string).length === 2 ? 'DD MMM YY' : 'DD MMM YYYY');
  }
  m = MONTH_NAME_DAY.exec(s);
  if (m) {
    const month = monthNumber(m[1] as string);
    if (month === undefined) return invalid(s);
    return definite(s, Number(m[3]), month, Number(m[2]), m.slice(4), 'MMM DD, YYYY');
  }
  return invalid(s);
}

/** Reads an ambiguous date once the column's order is known (both readings are valid dates). */
export function resolveAmbiguousDate(date: AmbiguousDate, order: DateOrder): DateValue {
  const [month, day] = order === 'DMY' ? [date.second, date.first] : [date.first, date.second];
  const value: DateValue = { date: isoDate(date.year, month, day), format: order === 'DMY' ? date.format.dmy : date.format.mdy };
  if (date.time !== undefined) value.time = date.time;
  if (date.utc_offset !== undefined) value.utc_offset = date.utc_offset;
  return value;
}

/**
 * A date format from a mapping profile, e.g. `DD/MM/YYYY`, `M/D/YY`, `YYYYMMDD`, `DD MMM YYYY`.
 * Tokens: YYYY, YY, MMM (month name), MM/DD (two digits), M/D (one or two digits).
 */
export function compileDateFormat(pattern: string): (raw: string) => DateCellResult {
  const groups: string[] = [];
  let source = '';
  const tokens = /YYYY|YY|MMM|MM|M|DD|D/g;
  let last = 0;
  for (let t = tokens.exec(pattern); t; t = tokens.exec(pattern)) {
    source += escapeLiteral(pattern.slice(last, t.index));
    const token = t[0];
    groups.push(token);
    source += { YYYY: String.raw`(\d{4})`, YY: String.raw`(\d{2})`, MMM: String.raw`([A-Za-z\u00C0-\u00FF]{3,10})\.?`, MM: String.raw`(\d{2})`, M: String.raw`(\d{1,2})`, DD: String.raw`(\d{2})`, D: String.raw`(\d{1,2})` }[token];
    last = t.index + token.length;
  }
  source += escapeLiteral(pattern.slice(last));
  const re = new RegExp(`^${source}${TIME_TAIL}$`);
  return (raw) => {
    const s = raw.trim();
    const m = re.exec(s);
    if (!m) return { kind: 'invalid', reason: `'${s}' does not match the date format ${pattern}` };
    let year = 0;
    let month: number | undefined = 0;
    let day = 0;
    groups.forEach((token, i) => {
      const v = m[i + 1] as string;
      if (token === 'YYYY' || token === 'YY') year = fullYear(v);
      else if (token === 'MMM') month = monthNumber(v);
      else if (token === 'MM' || token === 'M') month = Number(v);
      else day = Number(v);
    });
    if (month === undefined) return invalid(s);
    return definite(s, year, month, day, m.slice(groups.length + 1), pattern);
  };
}

function definite(raw: string, year: number, month: number, day: number, tail: Array<string | undefined>, format: string): DateCellResult {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return invalid(raw);
  const time = timePart(tail);
  if (time === undefined) return invalid(raw);
  return { kind: 'date', value: { date: isoDate(year, month, day), format, ...time } };
}

function withOrder(result: DateCellResult, order: DateOrder): DateCellResult {
  return result.kind === 'date' ? { ...result, impliesOrder: order } : result;
}

function timePart(tail: Array<string | undefined>): TimePart | undefined {
  const [h, min, sec, offset] = tail;
  if (h === undefined) return {};
  const hours = Number(h);
  const minutes = Number(min);
  const seconds = sec === undefined ? 0 : Number(sec);
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const out: TimePart = { time: `${pad(hours)}:${pad(minutes)}:${pad(seconds)}` };
  if (offset !== undefined && offset !== 'Z') out.utc_offset = offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
  return out;
}

function invalid(raw: string): DateCellResult {
  return { kind: 'invalid', reason: `'${raw}' is not a valid date` };
}

function monthNumber(name: string): number | undefined {
  const key = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return MONTHS[key.slice(0, 4)] ?? MONTHS[key.slice(0, 3)];
}

// Two-digit years: 00-69 -> 2000s, 70-99 -> 1900s.
function fullYear(text: string): number {
  const n = Number(text);
  if (text.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, String.raw`\s+`);
}
