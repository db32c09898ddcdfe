/**
 * Statement amount cells: decimal comma or point, thousands separators (`1.234,56`, `1,234.56`,
 * `1 234,56`, `1'234.56`), currency symbols and codes (`€`, `$`, `£`, `CHF`, `EUR`), and negatives
 * written `-12.30`, `(12.30)`, `12.30-` or with a `DR` suffix (`CR` = money in).
 * Values become integer cents; there is no float anywhere on the way.
 */
export type DecimalSeparator = '.' | ',';

export interface DecimalEvidence {
  decimal: DecimalSeparator;
  /** Strong: `12,50` (1-2 digits after the only separator) or both separators present.
   *  Weak: `1,234` — a single separator followed by exactly three digits reads as thousands. */
  strong: boolean;
}

export type MoneyCellResult =
  | { kind: 'empty' }
  | { kind: 'money'; cents: bigint; currency?: string; evidence?: DecimalEvidence }
  | { kind: 'invalid'; reason: string };

const SYMBOL_CURRENCY: Record<string, string> = { '€': 'EUR', '£': 'GBP', $: 'USD', '¥': 'JPY' };
const MAX_INTEGER_DIGITS = 13; // numeric(15,2)

// Most cells in a big file are plain (`-12.30`): read those without the general machinery.
const MINUS = 45;
const ZERO = 48;
// Shared (read-only) rather than one new object per plain cell.
const STRONG_EVIDENCE: Readonly<Record<DecimalSeparator, Readonly<DecimalEvidence>>> = {
  '.': Object.freeze({ decimal: '.', strong: true }),
  ',': Object.freeze({ decimal: ',', strong: true }),
};

export function parseMoneyCell(raw: string, decimal: DecimalSeparator | undefined): MoneyCellResult {
  const separator = decimal ?? '.';
  const plain = plainCents(raw, separator.charCodeAt(0));
  if (!Number.isNaN(plain)) {
    const result: MoneyCellResult = { kind: 'money', cents: BigInt(plain) };
    // A plain cell holds nothing but a sign, digits and at most one separator, before 1-2 digits.
    if (raw.includes(separator)) result.evidence = STRONG_EVIDENCE[separator];
    return result;
  }
  const stripped = stripDecorations(raw);
  if (stripped.kind !== 'ok') return stripped;
  const { core, negative, currency } = stripped;
  if (!/^[\d.,'’ ]+$/.test(core) || !/\d/.test(core)) return notAmount(raw);
  const evidence = decimalEvidence(core);
  const sep = decimal ?? evidence?.decimal ?? '.';
  const cents = toCentsWith(core, sep);
  if (typeof cents === 'string') return { kind: 'invalid', reason: `'${raw.trim()}' is not a valid amount (${cents})` };
  const result: MoneyCellResult = { kind: 'money', cents: negative ? -cents : cents };
  if (currency !== undefined) result.currency = currency;
  if (evidence !== undefined) result.evidence = evidence;
  return result;
}

/**
 * Cents of a plain cell -- `-?` then 1-13 digits, then optionally the decimal separator and 1-2
 * digits -- or NaN for anything else. Read char by char: a regex match would allocate an array
 * and three strings per cell, and the parse of a large file is bound by allocation. At most
 * 13 + 2 digits stay below 2^53, so this integer arithmetic on a double is exact.
 */
function plainCents(raw: string, separator: number): number {
  const end = raw.length;
  const negative = raw.charCodeAt(0) === MINUS;
  let i = negative ? 1 : 0;
  const digitsFrom = i;
  let whole = 0;
  for (; i < end; i++) {
    const digit = raw.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
  }
  if (i === digitsFrom || i - digitsFrom > MAX_INTEGER_DIGITS) return NaN;
  let fraction = 0;
  if (i < end) {
    const fractionDigits = end - i - 1;
    if (raw.charCodeAt(i) !== separator || fractionDigits < 1 || fractionDigits > 2) return NaN;
    for (let k = 1; k <= 2; k++) {
      const digit = k <= fractionDigits ? raw.charCodeAt(i + k) - ZERO : 0;
      if (digit < 0 || digit > 9) return NaN;
      fraction = fraction * 10 + digit;
    }
  }
  const cents = whole * 100 + fraction;
  return negative ? -cents : cents;
}

/** Which decimal separator a number like `1.234,56` implies, if it implies one at all. */
export function decimalEvidence(core: string): DecimalEvidence | undefined {
  const lastDot = core.lastIndexOf('.');
  const lastComma = core.lastIndexOf(',');
  if (lastDot !== -1 && lastComma !== -1) return { decimal: lastDot > lastComma ? '.' : ',', strong: true };
  const sep: DecimalSeparator | undefined = lastDot !== -1 ? '.' : lastComma !== -1 ? ',' : undefined;
  if (sep === undefined) return undefined;
  const other: DecimalSeparator = sep === '.' ? ',' : '.';
  if (core.indexOf(sep) !== core.lastIndexOf(sep)) return { decimal: other, strong: true };
  const after = core.slice(core.lastIndexOf(sep) + 1);
  if (/^\d{1,2}$/.test(after)) return { decimal: sep, strong: true };
  if (/^\d{3}$/.test(after)) return { decimal: other, strong: false };
  return undefined;
}

type Stripped = { kind: 'ok'; core: string; negative: boolean; currency?: string } | { kind: 'empty' } | { kind: 'invalid'; reason: string };

/** Peels signs, brackets, CR/DR and currency markers off both ends until only the number is left. */
function stripDecorations(raw: string): Stripped {
  let s = raw.replace(/[\u00A0\u202F\u2007]/g, ' ').trim();
  if (s === '') return { kind: 'empty' };
  let negatives = 0;
  let positives = 0;
  const currencies = new Set<string>();
  const crdr = /^(.*[\d)\s])\s*(CR|DR)\.?$/i.exec(s);
  if (crdr) {
    s = (crdr[1] as string).trim();
    if ((crdr[2] as string).toUpperCase() === 'DR') negatives += 1;
    else positives += 1;
  }
  for (let pass = 0; pass < 8; pass++) {
    const before = s;
    if (s.startsWith('(') && s.endsWith(')')) {
      negatives += 1;
      s = s.slice(1, -1).trim();
    }
    if (/^[-\u2212]/.test(s)) {
      negatives += 1;
      s = s.slice(1).trim();
    } else if (s.startsWith('+')) {
      positives += 1;
      s = s.slice(1).trim();
    }
    if (/[-\u2212]$/.test(s)) {
      negatives += 1;
      s = s.slice(0, -1).trim();
    } else if (s.endsWith('+')) {
      positives += 1;
      s = s.slice(0, -1).trim();
    }
    const lead = /^([€£$¥]|[A-Z]{3}(?![A-Za-z]))\s*/.exec(s);
    if (lead) {
      currencies.add(SYMBOL_CURRENCY[lead[1] as string] ?? (lead[1] as string));
      s = s.slice(lead[0].length);
    }
    const trail = /\s*((?<![A-Za-z])[A-Z]{3}|[€£$¥])$/.exec(s);
    if (trail) {
      currencies.add(SYMBOL_CURRENCY[trail[1] as string] ?? (trail[1] as string));
      s = s.slice(0, s.length - trail[0].length);
    }
    s = s.trim();
    if (s === before) break;
  }
  if (negatives > 1 || (negatives > 0 && positives > 0) || positives > 1) {
    return { kind: 'invalid', reason: `'${raw.trim()}' is not a valid amount (conflicting sign markers)` };
  }
  if (currencies.size > 1) return { kind: 'invalid', reason: `'${raw.trim()}' is not a valid amount (two different currencies)` };
  const [currency] = currencies;
  return currency === undefined ? { kind: 'ok', core: s, negative: negatives === 1 } : { kind: 'ok', core: s, negative: negatives === 1, currency };
}

/** Integer cents, or a reason why the digits do not form an amount with this decimal separator. */
function toCentsWith(core: string, decimal: DecimalSeparator): bigint | string {
  const at = core.lastIndexOf(decimal);
  if (at !== core.indexOf(decimal)) return `more than one '${decimal}' but '${decimal}' is this file's decimal separator`;
  const integerText = at === -1 ? core : core.slice(0, at);
  const fraction = at === -1 ? '' : core.slice(at + 1);
  if (!/^\d*$/.test(fraction)) return `separator after the decimal '${decimal}'`;
  if (fraction.length > 2 && !/^0+$/.test(fraction.slice(2))) return 'more than 2 decimal places';
  const groups = integerText.split(/[.,'’ ]/);
  const separators = new Set(integerText.replace(/\d/g, ''));
  if (separators.size > 1) return 'mixed thousands separators';
  if (groups.length > 1) {
    const [first = '', ...rest] = groups;
    if (!/^\d{1,3}$/.test(first) || rest.some((g) => !/^\d{3}$/.test(g))) return `digits not grouped in thousands (decimal separator is '${decimal}')`;
  }
  const digits = groups.join('').replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_INTEGER_DIGITS) return 'too large';
  return BigInt(digits === '' ? '0' : digits) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, '0'));
}

function notAmount(raw: string): MoneyCellResult {
  return { kind: 'invalid', reason: `'${raw.trim()}' is not a valid amount` };
}
