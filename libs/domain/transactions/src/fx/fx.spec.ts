import { describe, expect, it } from 'vitest';
import { convertCents, normalise } from './convert.ts';
import { divideHalfEven } from './decimal.ts';
import { FX_RATES_AS_OF, FX_RATES_PER_EUR, isKnownCurrency, KNOWN_CURRENCIES } from './fx-rates.ts';
import { balanceDeltaCents, settlementCents } from './settlement.ts';
import { isUnknownCurrencyError, UnknownCurrencyError } from './unknown-currency-error.ts';

describe('FX rates table', () => {
  it('covers the required currencies with decimal-string rates and an as-of date', () => {
    for (const code of ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'JPY', 'CAD', 'AUD']) expect(isKnownCurrency(code)).toBe(true);
    for (const code of KNOWN_CURRENCIES) expect(FX_RATES_PER_EUR[code]).toMatch(/^\d+(\.\d+)?$/);
    expect(FX_RATES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(isKnownCurrency('XYZ')).toBe(false);
    expect(isKnownCurrency('eur')).toBe(false);
    expect(isKnownCurrency('toString')).toBe(false); // no prototype keys
  });
});

describe('divideHalfEven (banker’s rounding)', () => {
  it('rounds exact ties to the even neighbour and everything else to the nearest', () => {
    const cases: Array<[bigint, bigint, bigint]> = [
      [5n, 10n, 0n], // 0.5 -> 0
      [15n, 10n, 2n], // 1.5 -> 2
      [25n, 10n, 2n], // 2.5 -> 2
      [35n, 10n, 4n], // 3.5 -> 4
      [-25n, 10n, -2n],
      [-35n, 10n, -4n],
      [24n, 10n, 2n],
      [26n, 10n, 3n],
      [-26n, 10n, -3n],
      [7n, 7n, 1n],
      [10n, -4n, -2n], // -2.5 -> -2
    ];
    for (const [n, d, expected] of cases) expect(divideHalfEven(n, d), `${n}/${d}`).toBe(expected);
  });
  it('rejects division by zero', () => {
    expect(() => divideHalfEven(1n, 0n)).toThrow(RangeError);
  });
});

describe('normalise', () => {
  it('is the identity in the base currency and defaults the base to EUR', () => {
    expect(normalise('12.34', 'EUR')).toBe('12.34');
    expect(normalise('12.34', 'USD', 'USD')).toBe('12.34');
  });

  it('converts with exact decimal arithmetic', () => {
    // 100 EUR * 1.0393 = 103.93 USD exactly
    expect(normalise('100.00', 'EUR', 'USD')).toBe('103.93');
    // 103.93 USD / 1.0393 = 100 EUR exactly
    expect(normalise('103.93', 'USD', 'EUR')).toBe('100.00');
    // cross rate USD -> GBP: 10000 * 0.83713 / 1.0393 = 8054.748... cents -> 80.55
    expect(normalise('100.00', 'USD', 'GBP')).toBe('80.55');
    // a float-unfriendly amount: 0.10 + 0.20 EUR in cents stays exact
    expect(normalise('0.30', 'EUR', 'EUR')).toBe('0.30');
  });

  it('rounds x.xx5 ties half-to-even to the cent', () => {
    // 50.00 EUR * 1.0393 = 51.965 USD -> tie, 5196 is even -> 51.96 (half-up would say 51.97)
    expect(normalise('50.00', 'EUR', 'USD')).toBe('51.96');
    // 150.00 EUR * 1.0393 = 155.895 USD -> tie, 15589 is odd -> 155.90
    expect(normalise('150.00', 'EUR', 'USD')).toBe('155.90');
    // 0.50 EUR * 160.87 = 80.435 JPY -> 80.44; 1.50 EUR * 160.87 = 241.305 -> 241.30
    expect(normalise('0.50', 'EUR', 'JPY')).toBe('80.44');
    expect(normalise('1.50', 'EUR', 'JPY')).toBe('241.30');
    // symmetric for negative amounts
    expect(normalise('-0.50', 'EUR', 'JPY')).toBe('-80.44');
    expect(normalise('-50.00', 'EUR', 'USD')).toBe('-51.96');
  });

  it('never drifts from the exact value by more than half a cent', () => {
    for (const currency of KNOWN_CURRENCIES) {
      for (const cents of [1n, 99n, 12_345n, 987_654_321n]) {
        const converted = convertCents(cents, currency, 'EUR');
        const exact = Number(cents) / Number(FX_RATES_PER_EUR[currency]); // float only as a tolerance check
        expect(Math.abs(Number(converted) - exact)).toBeLessThanOrEqual(0.5 + 1e-6);
      }
    }
  });

  it('throws a typed UnknownCurrencyError for an unknown currency or base', () => {
    let caught: unknown;
    try {
      normalise('1.00', 'XYZ');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnknownCurrencyError);
    expect(caught).toBeInstanceOf(Error);
    expect(isUnknownCurrencyError(caught)).toBe(true);
    expect((caught as UnknownCurrencyError).currency).toBe('XYZ');
    expect((caught as UnknownCurrencyError).name).toBe('UnknownCurrencyError');
    expect(() => normalise('1.00', 'EUR', 'ABC')).toThrow(UnknownCurrencyError);
    expect(() => normalise('1.00', 'XYZ', 'XYZ')).toThrow(UnknownCurrencyError);
    expect(isUnknownCurrencyError(new Error('x'))).toBe(false);
  });

  it('rejects amounts that are not money strings', () => {
    expect(() => normalise('1.5', 'EUR', 'USD')).toThrow(RangeError);
  });
});

describe('settlement on the account', () => {
  it('moves the amount itself in the account currency, else the converted amount', () => {
    expect(settlementCents({ amount: '10.00', currency: 'EUR' }, 'EUR')).toBe(1000n);
    expect(settlementCents({ amount: '51.96', currency: 'USD' }, 'USD')).toBe(5196n);
    expect(settlementCents({ amount: '103.93', currency: 'USD' }, 'EUR')).toBe(10000n);
    expect(balanceDeltaCents({ amount: '103.93', currency: 'USD', direction: 'DEBIT' }, 'EUR')).toBe(-10000n);
    expect(balanceDeltaCents({ amount: '1.00', currency: 'EUR', direction: 'CREDIT' }, 'EUR')).toBe(100n);
  });
});
