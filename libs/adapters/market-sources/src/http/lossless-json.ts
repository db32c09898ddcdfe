import { parse } from 'lossless-json';
import { z } from 'zod';

/**
 * JSON numbers kept as their source text. JSON.parse would turn 0.1 + 0.2-style prices into
 * binary floats; the text is what the API sent and becomes the decimal string.
 */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export function parseJsonLosslessly(text: string): unknown {
  return parse(text, null, (value) => new JsonNumber(value));
}

/** "1.2e-05" -> "0.000012", "5E+3" -> "5000": exact, by moving the decimal point in the text. */
export function plainDecimal(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) throw new RangeError(`not a JSON number: ${text}`);
  const [, sign = '', whole = '', fraction = '', exponentText] = match;
  // Plain text stays as sent, trailing zeros included ("62654.21000000" is Binance's own precision).
  if (exponentText === undefined) return text;
  const exponent = Number(exponentText ?? '0');
  const digits = `${whole}${fraction}`;
  const point = whole.length + exponent;
  let result: string;
  if (point <= 0) result = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) result = `${digits}${'0'.repeat(point - digits.length)}`;
  else result = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${sign}${result.replace(/^0+(?=\d)/, '')}`;
}

/** A JSON number (or a numeric string, as Binance sends) decoded to an exact decimal string. */
export const jsonDecimal = z.union([z.instanceof(JsonNumber).transform((n) => n.text), z.string()]).pipe(
  z.string().regex(/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/, 'a decimal number').transform(plainDecimal),
);

/** A JSON integer such as an epoch timestamp. */
export const jsonInteger = z
  .instanceof(JsonNumber, { message: 'expected a number' })
  .transform((n) => Number(n.text))
  .pipe(z.number().int().refine(Number.isSafeInteger, 'beyond a safe integer'));
