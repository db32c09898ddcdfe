import { convertCents } from '../fx/convert.ts';
import { divideHalfEven } from '../fx/decimal.ts';
import { ZERO_DECIMAL_CURRENCIES } from './countries.ts';

/*
 * Sampling draws a float (a log-normal EUR price); it becomes integer cents exactly once, here,
 * and from then on every amount is a bigint of cents — no money arithmetic happens in floats.
 */

/** A sampled EUR price as integer EUR cents (at least 1 cent). */
export function eurCents(eur: number): bigint {
  return BigInt(Math.max(1, Math.round(eur * 100)));
}

/** Rounds cents to a multiple of `unitCents` (half-even), never below one unit. */
export function roundToUnit(cents: bigint, unitCents: bigint): bigint {
  const units = divideHalfEven(cents, unitCents);
  return (units < 1n ? 1n : units) * unitCents;
}

/** EUR cents expressed in `currency`, in whole units where the currency has no minor unit in use. */
export function localCents(eur: bigint, currency: string): bigint {
  const cents = convertCents(eur, 'EUR', currency);
  if (ZERO_DECIMAL_CURRENCIES.has(currency)) return roundToUnit(cents, 100n);
  return cents < 1n ? 1n : cents;
}

/** A list price like 12.99: whole local units minus one cent (whole units for zero-decimal currencies). */
export function charmPrice(eur: bigint, currency: string): bigint {
  const whole = roundToUnit(convertCents(eur, 'EUR', currency), 100n);
  return ZERO_DECIMAL_CURRENCIES.has(currency) ? whole : whole - 1n;
}

/** A "round" local amount (rent, salary, cash): a multiple of `stepEur` converted and rounded to a local step. */
export function roundLocal(eur: bigint, currency: string, stepUnits: number): bigint {
  return roundToUnit(convertCents(eur, 'EUR', currency), BigInt(stepUnits) * 100n);
}

/** A sensible note/rounding step for cash and contractual amounts in each currency. */
export function noteStep(currency: string): number {
  switch (currency) {
    case 'SEK':
    case 'NOK':
    case 'DKK':
    case 'CZK':
      return 100;
    case 'HUF':
    case 'JPY':
      return 1000;
    case 'PLN':
    case 'RON':
      return 50;
    case 'USD':
    case 'CHF':
    case 'CAD':
    case 'AUD':
    case 'NZD':
    case 'SGD':
      return 20;
    case 'HKD':
      return 100;
    default:
      return 10;
  }
}
