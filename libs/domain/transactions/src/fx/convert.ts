import { fromCents, toCents } from '../model/money.ts';
import { divideHalfEven, parseDecimal, pow10 } from './decimal.ts';
import { DEFAULT_BASE_CURRENCY, FX_RATES_PER_EUR, isKnownCurrency, type KnownCurrency } from './fx-rates.ts';
import { UnknownCurrencyError } from './unknown-currency-error.ts';

interface ParsedRate {
  code: KnownCurrency;
  units: bigint;
  /** 10^scale of the rate, so that rate = units / scaleFactor. */
  scaleFactor: bigint;
}

// Parsed once: conversion sits on the generator's per-transaction path.
const PARSED_RATES = new Map<string, ParsedRate>(
  (Object.keys(FX_RATES_PER_EUR) as KnownCurrency[]).map((code) => {
    const { units, scale } = parseDecimal(FX_RATES_PER_EUR[code]);
    return [code, { code, units, scaleFactor: pow10(scale) }];
  }),
);

function rateOf(currency: string): ParsedRate {
  const rate = isKnownCurrency(currency) ? PARSED_RATES.get(currency) : undefined;
  if (!rate) throw new UnknownCurrencyError(currency);
  return rate;
}

/**
 * Converts integer cents of `from` into cents of `to`.
 *
 * Exact arithmetic: with both rates quoted per EUR (r = units / 10^scale),
 *   to_cents = from_cents * r_to / r_from
 *            = from_cents * units_to * 10^scale_from / (units_from * 10^scale_to)
 * is one rational number computed in bigint, and it is rounded ONCE, half-to-even, to whole
 * cents. No binary float and no intermediate rounding through EUR.
 */
export function convertCents(cents: bigint, from: string, to: string): bigint {
  const source = rateOf(from);
  const target = rateOf(to);
  if (source.code === target.code) return cents;
  const numerator = cents * target.units * source.scaleFactor;
  const denominator = source.units * target.scaleFactor;
  return divideHalfEven(numerator, denominator);
}

/**
 * `amount` (a money string in `currency`) expressed in `base`, as a money string rounded
 * half-to-even to cents. Throws UnknownCurrencyError for a currency (or base) without a rate.
 */
export function normalise(amount: string, currency: string, base: string = DEFAULT_BASE_CURRENCY): string {
  return fromCents(convertCents(toCents(amount), currency, base));
}
