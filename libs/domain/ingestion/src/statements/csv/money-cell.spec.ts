import { describe, expect, it } from 'vitest';
import { decimalEvidence, parseMoneyCell, type DecimalSeparator } from './money-cell.ts';

function cents(raw: string, decimal?: DecimalSeparator): { cents: string; currency?: string } | string {
  const r = parseMoneyCell(raw, decimal);
  if (r.kind === 'money') return r.currency ? { cents: r.cents.toString(), currency: r.currency } : { cents: r.cents.toString() };
  return r.kind === 'empty' ? 'empty' : r.reason;
}

describe('parseMoneyCell', () => {
  it.each([
    ['12.30', undefined, '1230'],
    ['-12.30', undefined, '-1230'],
    ['−12.30', undefined, '-1230'],
    ['+12.30', undefined, '1230'],
    ['(12.30)', undefined, '-1230'],
    ['12.30-', undefined, '-1230'],
    ['12.30 DR', undefined, '-1230'],
    ['12.30dr', undefined, '-1230'],
    ['12.30 CR', undefined, '1230'],
    ['1,234.56', undefined, '123456'],
    ['1.234,56', undefined, '123456'],
    ['1 234,56', undefined, '123456'],
    ['1\u00a0234,56', undefined, '123456'],
    ["1'234.56", undefined, '123456'],
    ['1,234,567.8', undefined, '123456780'],
    ['12', undefined, '1200'],
    ['0,5', undefined, '50'],
    ['.75', '.', '75'],
    ['12.300', '.', '1230'],
    ['1,234', undefined, '123400'],
    ['1.234', undefined, '123400'],
  ])('%s -> %s cents', (raw, decimal, expected) => {
    expect(cents(raw, decimal as DecimalSeparator | undefined)).toEqual({ cents: expected });
  });

  it.each([
    ['€12.30', 'EUR', '1230'],
    ['-€12.30', 'EUR', '-1230'],
    ['€-12.30', 'EUR', '-1230'],
    ['12,30 €', 'EUR', '1230'],
    ['$1,950.00', 'USD', '195000'],
    ['£(4.20)', 'GBP', '-420'],
    ['CHF 1\'234.50', 'CHF', '123450'],
    ['-45.60 EUR', 'EUR', '-4560'],
    ['EUR 12.30 CR', 'EUR', '1230'],
  ])('%s carries currency %s', (raw, currency, expected) => {
    expect(cents(raw)).toEqual({ cents: expected, currency });
  });

  it('uses the file-level decimal separator over the cell’s own look', () => {
    expect(cents('1,234', ',')).toMatch(/more than 2 decimal places/);
    expect(cents('1.234', ',')).toEqual({ cents: '123400' });
    expect(cents('12,50', '.')).toMatch(/not grouped in thousands/);
  });

  it('rejects what is not an amount', () => {
    expect(cents('')).toBe('empty');
    expect(cents('   ')).toBe('empty');
    expect(cents('abc')).toMatch(/'abc' is not a valid amount/);
    expect(cents('12.3.4', '.')).toMatch(/more than one '\.'/);
    expect(cents('-(12.30)')).toMatch(/conflicting sign markers/);
    expect(cents('-12.30 CR')).toMatch(/conflicting sign markers/);
    expect(cents('€12.30 USD')).toMatch(/two different currencies/);
    expect(cents('12.345')).toEqual({ cents: '1234500' }); // three digits after the only '.' = thousands
    expect(cents('12.345', '.')).toMatch(/more than 2 decimal places/);
    expect(cents('12345678901234.00')).toMatch(/too large/);
    expect(cents('1,23,456.00')).toMatch(/not grouped in thousands/);
  });
});

describe('decimalEvidence', () => {
  it('separates strong from weak evidence', () => {
    expect(decimalEvidence('1.234,56')).toEqual({ decimal: ',', strong: true });
    expect(decimalEvidence('12,5')).toEqual({ decimal: ',', strong: true });
    expect(decimalEvidence('1,234')).toEqual({ decimal: '.', strong: false });
    expect(decimalEvidence('1.234.567')).toEqual({ decimal: ',', strong: true });
    expect(decimalEvidence('1234')).toBeUndefined();
  });
});
