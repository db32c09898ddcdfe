import { z } from 'zod';

/**
 * Money crosses every port as a decimal string with exactly two fraction digits ("1234.50"),
 * never as a binary float. Arithmetic happens on integer cents (bigint).
 */
export const MONEY_PATTERN = /^-?\d{1,13}\.\d{2}$/;

export const moneySchema = z.string().regex(MONEY_PATTERN, 'expected a decimal with two fraction digits, e.g. 12.30');
export const positiveMoneySchema = moneySchema.refine((v) => MONEY_PATTERN.test(v) && toCents(v) > 0n, 'must be greater than 0');
export const nonNegativeMoneySchema = moneySchema.refine((v) => MONEY_PATTERN.test(v) && toCents(v) >= 0n, 'must not be negative');

export function toCents(amount: string): bigint {
  if (!MONEY_PATTERN.test(amount)) throw new RangeError(`not a money amount: ${amount}`);
  // The pattern guarantees exactly two fraction digits, so dropping the point leaves the cents
  // ("-12.30" -> -1230n). One BigInt parse: the batch ingest calls this per row.
  return BigInt(amount.replace('.', ''));
}

const MAX_EXACT_CENTS = BigInt(Number.MAX_SAFE_INTEGER);

export function fromCents(cents: bigint): string {
  // Fast path (hot in the generator): below 2^53 the value is an exact integer in a double, and
  // integer division/modulo by 100 on it is exact too. Same output as the bigint path below.
  if (cents <= MAX_EXACT_CENTS && cents >= -MAX_EXACT_CENTS) {
    const n = Number(cents);
    const abs = n < 0 ? -n : n;
    const fraction = abs % 100;
    return `${n < 0 ? '-' : ''}${(abs - fraction) / 100}.${fraction < 10 ? '0' : ''}${fraction}`;
  }
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

export function addMoney(...amounts: string[]): string {
  return fromCents(amounts.reduce((sum, a) => sum + toCents(a), 0n));
}
