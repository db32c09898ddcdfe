import { StatementParseError } from '@ledgerline/ingestion';
import { isoDate } from '../text-lines.ts';

export type DayMonthOrder = 'DMY' | 'MDY';

interface RawDate {
  line: number;
  raw: string;
  /** ISO `YYYY-MM-DD` written as such: no order to settle. */
  iso?: string;
  first: number;
  second: number;
  year: number;
  separator: string;
}

/**
 * QIF dates come in whatever form the exporting program used: `1/ 5'24` and `01/05/2024`
 * (Quicken US, month first), `05.01.2024` (German Quicken, day first), `2024-01-05`. The
 * day/month order is one per file, so it is settled from every date in it: a first part above 12
 * means day first, a second part above 12 month first, both at once is an error. When every
 * date fits both orders, Quicken's apostrophe year says month first and a dotted date day first;
 * otherwise the order is `hint` (the profile's dateFormat) or the file is refused.
 */
export function resolveQifDates(dates: { line: number; raw: string }[], hint?: DayMonthOrder): string[] {
  const parsed = dates.map(splitDate);
  const dayFirst = parsed.find((d) => !d.iso && d.first > 12);
  const monthFirst = parsed.find((d) => !d.iso && d.second > 12);
  if (dayFirst && monthFirst) {
    throw new StatementParseError({ line: monthFirst.line, column: 'D', reason: `dates disagree on their order: '${dayFirst.raw}' (line ${dayFirst.line}) is day first, '${monthFirst.raw}' is month first` });
  }
  const undecided = parsed.filter((d) => !d.iso);
  let order: DayMonthOrder | undefined = dayFirst ? 'DMY' : monthFirst ? 'MDY' : hint;
  if (!order && undecided.length > 0) {
    if (undecided.every((d) => d.separator === "'" || d.separator === '/') && undecided.some((d) => d.separator === "'")) order = 'MDY';
    else if (undecided.every((d) => d.separator === '.')) order = 'DMY';
  }
  if (!order && undecided.length > 0) {
    const example = undecided[0] as RawDate;
    throw new StatementParseError({
      line: example.line,
      column: 'D',
      reason: `cannot tell day from month: every date in the file fits both orders (e.g. '${example.raw}'); pass a profile with dateFormat (DD/MM/YYYY or MM/DD/YYYY)`,
    });
  }
  return parsed.map((d) => {
    if (d.iso) return d.iso;
    const [month, day] = order === 'DMY' ? [d.second, d.first] : [d.first, d.second];
    const date = isoDate(d.year, month, day);
    if (!date) throw new StatementParseError({ line: d.line, column: 'D', reason: `'${d.raw}' is not a valid date (${order === 'DMY' ? 'day/month' : 'month/day'} order)` });
    return date;
  });
}

function splitDate({ line, raw }: { line: number; raw: string }): RawDate {
  const text = raw.replace(/\s+/g, '');
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) {
    const date = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (!date) throw notADate(line, raw);
    return { line, raw, iso: date, first: 0, second: 0, year: 0, separator: '-' };
  }
  // Quicken writes the year after an apostrophe from 2000 on ("1/5'24"); 2-digit years are 20YY below 70.
  const m = /^(\d{1,2})([/.-])(\d{1,2})(['/.-])(\d{2}|\d{4})$/.exec(text);
  if (!m) throw notADate(line, raw);
  const yearText = m[5] as string;
  const year = yearText.length === 4 ? Number(yearText) : Number(yearText) < 70 || m[4] === "'" ? 2000 + Number(yearText) : 1900 + Number(yearText);
  return { line, raw, first: Number(m[1]), second: Number(m[3]), year, separator: m[4] === "'" ? "'" : (m[2] as string) };
}

function notADate(line: number, raw: string): StatementParseError {
  return new StatementParseError({ line, column: 'D', reason: `'${raw}' is not a QIF date` });
}
