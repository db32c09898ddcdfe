import { fromCents } from '@ledgerline/transactions';

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Exact cents of a decimal as a database returns it ("12.3", "12.30", "0", "-5.000", 42n).
 * Throws when the value has non-zero digits beyond the cent: money sums never should, so that
 * would be a bug in the SQL, not something to round away.
 */
export function decimalToCents(value: unknown): bigint {
  if (typeof value === 'bigint') return value * 100n;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value) * 100n;
  const match = typeof value === 'string' ? DECIMAL_TEXT.exec(value.trim()) : null;
  if (!match) throw new TypeError(`expected a decimal, got ${typeof value} ${String(value)}`);
  const [, sign, whole = '0', fraction = ''] = match;
  if (/[1-9]/.test(fraction.slice(2))) throw new RangeError(`${String(value)} has digits beyond the cent`);
  const cents = BigInt(whole) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, '0'));
  return sign === '-' ? -cents : cents;
}

/** A database decimal as house money text ("12.30"). */
export function decimalToMoney(value: unknown): string {
  return fromCents(decimalToCents(value));
}

/** An integer count from a database (bigint, number or numeric text), as a JS number. */
export function toCount(value: unknown): number {
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new TypeError(`expected a count, got ${typeof value} ${String(value)}`);
  return n;
}

/**
 * The catalog's percent change (semantic-catalog.ts) in hundredths of a percent:
 * (current - previous) / |previous|, half away from zero; null when previous is 0. Integers only,
 * so the result does not depend on float noise.
 */
export function percentChangeBasisPoints(current: bigint, previous: bigint): bigint | null {
  if (previous === 0n) return null;
  const scaled = (current - previous) * 10_000n;
  const magnitude = scaled < 0n ? -scaled : scaled;
  const divisor = previous < 0n ? -previous : previous;
  const rounded = (magnitude * 2n + divisor) / (divisor * 2n);
  return scaled < 0n ? -rounded : rounded;
}

/** Percent change from `previous` to `current` cents, rounded to 2 decimals; null when previous is 0. */
export function percentChange(current: bigint, previous: bigint): number | null {
  const bp = percentChangeBasisPoints(current, previous);
  return bp === null ? null : Number(bp) / 100;
}
