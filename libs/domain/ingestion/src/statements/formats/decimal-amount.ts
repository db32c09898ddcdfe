import { fromCents } from '@ledgerline/transactions';

/**
 * A decimal number as the structured formats write it (`-1234.5`, `1.234,56`, `+12`, `0012,00`)
 * as a signed money string with two fraction digits. `decimal` is the format's (or the file's)
 * decimal separator; the other separator is accepted only as thousands grouping in groups of three.
 * Returns undefined for anything else, and for fraction digits beyond cents that are not zero
 * (`12.345`): rounding would store an amount the file does not state.
 */
export function decimalAmount(text: string, decimal: '.' | ','): string | undefined {
  const grouping = decimal === '.' ? ',' : '.';
  const trimmed = text.trim().replace(/\s+/g, '');
  const match = /^([+-]?)(\d[\d.,]*|[.,]\d+)$/.exec(trimmed);
  if (!match) return undefined;
  const [, sign, digits] = match as unknown as [string, string, string];
  const decimalAt = digits.lastIndexOf(decimal);
  const whole = decimalAt === -1 ? digits : digits.slice(0, decimalAt);
  const fraction = decimalAt === -1 ? '' : digits.slice(decimalAt + 1);
  if (fraction.includes(grouping) || fraction.includes(decimal)) return undefined;
  if (whole.includes(grouping) && !/^\d{1,3}(\.\d{3})*$|^\d{1,3}(,\d{3})*$/.test(whole)) return undefined;
  const integer = whole.split(grouping).join('') || '0';
  if (!/^\d+$/.test(integer) || !/^\d*$/.test(fraction)) return undefined;
  if (/[1-9]/.test(fraction.slice(2))) return undefined;
  const cents = BigInt(integer) * 100n + BigInt((fraction + '00').slice(0, 2));
  return fromCents(sign === '-' ? -cents : cents);
}
