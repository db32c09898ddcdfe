/** An exact decimal: value = units / 10^scale. */
export interface ScaledDecimal {
  units: bigint;
  scale: number;
}

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

export function parseDecimal(text: string): ScaledDecimal {
  if (!DECIMAL_PATTERN.test(text)) throw new RangeError(`not a decimal number: ${text}`);
  const [whole = '0', fraction = ''] = text.split('.');
  return { units: BigInt(`${whole}${fraction}`), scale: fraction.length };
}

export function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

/**
 * numerator / denominator rounded to an integer with banker's rounding (round half to even):
 * an exact tie goes to the even neighbour (0.5 -> 0, 1.5 -> 2, 2.5 -> 2, -2.5 -> -2); anything
 * else goes to the nearest integer. Ties-to-even has no upward bias, so summing many rounded
 * conversions does not drift the way half-up rounding does.
 */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) return divideHalfEven(-numerator, -denominator);
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator % denominator; // same sign as numerator
  const twiceRemainder = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twiceRemainder < denominator) return quotient;
  const awayFromZero = numerator < 0n ? quotient - 1n : quotient + 1n;
  if (twiceRemainder > denominator) return awayFromZero;
  return quotient % 2n === 0n ? quotient : awayFromZero;
}
