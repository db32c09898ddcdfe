import { numberedLines, truncatedAt } from '../text-lines.ts';
import { mt940TaggedInformation, type Mt940Description } from './mt940-tagged-information.ts';

/** One MT940 field: its tag (`61`, `60F`), its value with continuation lines joined by `\n`, and its first line. */
export interface Mt940Field {
  tag: string;
  value: string;
  line: number;
}

/**
 * Splits MT940 text into fields. A field starts with `:tag:` at the start of a line; other lines
 * continue the field before them. SWIFT envelope blocks (`{1:...}{2:...}{4:`) and the message
 * end (`-}` or a lone `-`, with or without the trailer block `{5:...}`) are dropped; an envelope opened but never closed means the file was cut.
 */
export function mt940Fields(content: string): Mt940Field[] {
  const fields: Mt940Field[] = [];
  let openEnvelope: number | undefined;
  for (const { line, text } of numberedLines(content)) {
    let rest = text;
    if (/^\{1:/.test(rest)) {
      const block4 = rest.indexOf('{4:');
      if (block4 === -1) continue;
      openEnvelope = line;
      rest = rest.slice(block4 + 3);
      if (rest.trim() === '') continue;
    }
    // The message ends with `-}`, often followed on the same line by SWIFT's trailer block
    // (`-}{5:{MAC:...}{CHK:...}}`, Knab's export), or with a lone `-`; a trailer may also stand alone.
    if (/^-\}?\s*$/.test(rest) || /^-\}\{5:.*\}\s*$/.test(rest) || /^\{5:/.test(rest)) {
      if (rest.includes('}')) openEnvelope = undefined;
      continue;
    }
    const tag = /^:(\d{2}[A-Z]?):/.exec(rest);
    if (tag) {
      fields.push({ tag: tag[1] as string, value: rest.slice(tag[0].length), line });
      continue;
    }
    const last = fields[fields.length - 1];
    if (last && rest.trim() !== '') last.value += `\n${rest}`;
  }
  if (openEnvelope !== undefined) {
    const lastLine = fields[fields.length - 1]?.line ?? openEnvelope;
    throw truncatedAt(lastLine, "the SWIFT message opened with '{4:' never ends with '-}'");
  }
  return fields;
}

/**
 * `:86:` information. German banks structure it (`166?00SEPA-UEBERWEISUNG?20SVWZ+...?32NAME`):
 * a three-digit code, then subfields `?NN` (00 booking text, 20-29 and 60-63 purpose, 32-33 the
 * other party's name). Purpose subfields are fixed 27-character pieces, so a full piece continues
 * into the next without a space. Dutch and Nordic banks tag subfields with slashes
 * (`/NAME/.../REMI/...`, mt940-tagged-information.ts). Anything else is free text.
 */
export function mt940Information(value: string, direction: 'DEBIT' | 'CREDIT'): Mt940Description {
  const tagged = mt940TaggedInformation(value, direction);
  if (tagged) return tagged;
  const joined = value.replace(/\n/g, '');
  const structured = /^(\d{3})([?/|^])/.exec(joined);
  if (!structured) {
    const memo = value.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
    return memo ? { memo } : {};
  }
  const separator = structured[2] as string;
  const parts = new Map<number, string>();
  const re = new RegExp(`\\${separator}(\\d{2})([^\\${separator}]*)`, 'g');
  for (const m of joined.slice(3).matchAll(re)) parts.set(Number(m[1]), (parts.get(Number(m[1])) ?? '') + (m[2] as string));
  const purposeKeys = [...parts.keys()].filter((k) => (k >= 20 && k <= 29) || (k >= 60 && k <= 63)).sort((a, b) => a - b);
  let memo = '';
  let previous = '';
  for (const k of purposeKeys) {
    const piece = parts.get(k) as string;
    memo += memo === '' || previous.length >= 27 ? piece : ` ${piece}`;
    previous = piece;
  }
  const payee = [parts.get(32), parts.get(33)].filter(Boolean).join('').trim();
  const bookingText = parts.get(0)?.trim();
  return { ...(payee ? { payee } : {}), ...(memo.trim() ? { memo: memo.replace(/\s+/g, ' ').trim() } : {}), ...(bookingText ? { bookingText } : {}) };
}
