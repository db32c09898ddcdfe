/**
 * Static FX reference rates: units of each currency per 1 EUR, as decimal strings (never binary
 * floats). Values are modelled on the ECB euro foreign exchange reference rates of the as-of
 * date, rounded to the precision the ECB publishes. Ledgerline's data is synthetic, so a fixed
 * table keeps every run reproducible; it is not a source of market data.
 *
 * The table is quoted against EUR, but any listed currency can be the base: converting X -> B
 * uses the cross rate (per_eur[B] / per_eur[X]) in exact rational arithmetic (see convert.ts).
 */
export const FX_RATES_AS_OF = '2025-01-31';

export const FX_QUOTE_CURRENCY = 'EUR';

export const FX_RATES_PER_EUR = {
  EUR: '1',
  USD: '1.0393',
  GBP: '0.83713',
  CHF: '0.9452',
  SEK: '11.4895',
  NOK: '11.7325',
  DKK: '7.4607',
  PLN: '4.2170',
  CZK: '25.117',
  HUF: '409.28',
  RON: '4.9769',
  JPY: '160.87',
  CAD: '1.5041',
  AUD: '1.6715',
  NZD: '1.8430',
  SGD: '1.4087',
  HKD: '8.0984',
} as const satisfies Record<string, string>;

export type KnownCurrency = keyof typeof FX_RATES_PER_EUR;

export const KNOWN_CURRENCIES = Object.keys(FX_RATES_PER_EUR) as KnownCurrency[];

export const DEFAULT_BASE_CURRENCY: KnownCurrency = 'EUR';

export function isKnownCurrency(code: string): code is KnownCurrency {
  return Object.hasOwn(FX_RATES_PER_EUR, code);
}
