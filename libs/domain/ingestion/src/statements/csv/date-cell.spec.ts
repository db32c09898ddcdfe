import { describe, expect, it } from 'vitest';
import { compileDateFormat, parseDateCell, resolveAmbiguousDate } from './date-cell.ts';

describe('parseDateCell', () => {
  it.each([
    ['2026-03-05', '2026-03-05', 'YYYY-MM-DD'],
    ['2026/3/5', '2026-03-05', 'YYYY/MM/DD'],
    ['20260305', '2026-03-05', 'YYYYMMDD'],
    ['05.03.2026', '2026-03-05', 'DD.MM.YYYY'],
    ['5.3.26', '2026-03-05', 'DD.MM.YY'],
    ['25/03/2026', '2026-03-25', 'DD/MM/YYYY'],
    ['03/25/2026', '2026-03-25', 'MM/DD/YYYY'],
    ['25-03-2026', '2026-03-25', 'DD-MM-YYYY'],
    ['05 Mar 2026', '2026-03-05', 'DD MMM YYYY'],
    ['05-Mär-26', '2026-03-05', 'DD MMM YY'],
    ['5 déc. 2026', '2026-12-05', 'DD MMM YYYY'],
    ['Mar 5, 2026', '2026-03-05', 'MMM DD, YYYY'],
    ['29/02/2028', '2028-02-29', 'DD/MM/YYYY'],
    ['01/01/99', '1999-01-01', 'DD/MM/YY'],
  ])('%s -> %s (%s)', (raw, date, format) => {
    const r = parseDateCell(raw, undefined);
    expect(r.kind).toBe('date');
    if (r.kind === 'date') expect(r.value).toEqual({ date, format });
  });

  it('reads a time and an offset after the date', () => {
    const r = parseDateCell('2026-03-05T09:07:01+0200', undefined);
    expect(r).toMatchObject({ kind: 'date', value: { date: '2026-03-05', time: '09:07:01', utc_offset: '+02:00' } });
    expect(parseDateCell('05.03.2026 18:30', undefined)).toMatchObject({ value: { time: '18:30:00' } });
    expect(parseDateCell('2026-03-05 25:00', undefined).kind).toBe('invalid');
  });

  it('says which order a day above 12 implies, and leaves the rest ambiguous', () => {
    expect(parseDateCell('25/03/2026', undefined)).toMatchObject({ impliesOrder: 'DMY' });
    expect(parseDateCell('03/25/2026', undefined)).toMatchObject({ impliesOrder: 'MDY' });
    const amb = parseDateCell('03/04/2026', undefined);
    expect(amb).toMatchObject({ kind: 'ambiguous', first: 3, second: 4, year: 2026 });
    if (amb.kind !== 'ambiguous') throw new Error('expected ambiguous');
    expect(resolveAmbiguousDate(amb, 'DMY').date).toBe('2026-04-03');
    expect(resolveAmbiguousDate(amb, 'MDY').date).toBe('2026-03-04');
    expect(parseDateCell('04/04/2026', undefined)).toMatchObject({ kind: 'date', sameBothWays: true, value: { date: '2026-04-04' } });
  });

  it('applies a known order and rejects impossible dates', () => {
    expect(parseDateCell('03/04/2026', 'DMY')).toMatchObject({ value: { date: '2026-04-03' } });
    expect(parseDateCell('03/25/2026', 'DMY')).toEqual({ kind: 'invalid', reason: "'03/25/2026' is not a valid date" });
    expect(parseDateCell('31/02/2026', undefined)).toEqual({ kind: 'invalid', reason: "'31/02/2026' is not a valid date" });
    expect(parseDateCell('29/02/2026', undefined).kind).toBe('invalid');
    expect(parseDateCell('31.04.2026', undefined).kind).toBe('invalid');
    expect(parseDateCell('', undefined)).toEqual({ kind: 'invalid', reason: 'date is empty' });
    expect(parseDateCell('yesterday', undefined).kind).toBe('invalid');
  });
});

describe('compileDateFormat', () => {
  it('reads exactly the profile’s format', () => {
    const mdy = compileDateFormat('MM/DD/YYYY');
    expect(mdy('03/04/2026')).toMatchObject({ value: { date: '2026-03-04', format: 'MM/DD/YYYY' } });
    expect(mdy('2026-03-04').kind).toBe('invalid');
    expect(compileDateFormat('D.M.YY')('5.3.26')).toMatchObject({ value: { date: '2026-03-05' } });
    expect(compileDateFormat('YYYYMMDD')('20260304')).toMatchObject({ value: { date: '2026-03-04' } });
    expect(compileDateFormat('DD MMM YYYY')('04 Mar 2026')).toMatchObject({ value: { date: '2026-03-04' } });
    expect(compileDateFormat('DD/MM/YYYY')('31/02/2026').kind).toBe('invalid');
  });
});
