import { z } from 'zod';

/**
 * Prices, volumes and market caps cross the port as decimal strings ("64123.50000000"): a binary
 * float cannot hold most decimal prices exactly, and the warehouse stores them as exact numerics.
 */
export const DECIMAL_STRING_PATTERN = /^-?\d+(\.\d+)?$/;

export const DecimalStringSchema = z.string().regex(DECIMAL_STRING_PATTERN, 'a plain decimal string such as "123.45"');
export type DecimalString = z.infer<typeof DecimalStringSchema>;

export const NonNegativeDecimalStringSchema = DecimalStringSchema.refine((text) => !text.startsWith('-'), 'must not be negative');

interface Scaled {
  units: bigint;
  scale: number;
}

function toScaled(text: string): Scaled {
  if (!DECIMAL_STRING_PATTERN.test(text)) throw new RangeError(`not a decimal string: ${text}`);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const units = BigInt(`${whole}${fraction}`);
  return { units: negative ? -units : units, scale: fraction.length };
}

function fromScaled({ units, scale }: Scaled): DecimalString {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

function aligned(a: Scaled, b: Scaled): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

/** Exact a - b over decimal strings (a CoinGecko open price is its current price less the 24h change). */
export function subtractDecimal(a: DecimalString, b: DecimalString): DecimalString {
  const [x, y, scale] = aligned(toScaled(a), toScaled(b));
  return fromScaled({ units: x - y, scale });
}

/** Exact comparison: negative when a < b, 0 when equal, positive when a > b. */
export function compareDecimal(a: DecimalString, b: DecimalString): number {
  const [x, y] = aligned(toScaled(a), toScaled(b));
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * A generated float rendered with `significant` significant digits and at most `maxScale`
 * decimals. Only the synthetic source uses this: it draws floats inside and hands strings out.
 */
export function formatGeneratedDecimal(value: number, significant = 8, maxScale = 8): DecimalString {
  if (!Number.isFinite(value)) throw new RangeError(`cannot render ${value} as a decimal`);
  const magnitude = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(value)));
  const scale = Math.min(maxScale, Math.max(0, significant - 1 - magnitude));
  return value.toFixed(scale);
}
