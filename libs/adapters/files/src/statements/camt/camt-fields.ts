import { decimalAmount, StatementParseError } from '@ledgerline/ingestion';
import { isoDate } from '../text-lines.ts';
import { child, text, type XmlNode } from '../xml-document.ts';

/** `<Amt Ccy="EUR">12.50</Amt>` of a node: a positive money string and its currency. */
export function camtAmount(node: XmlNode, line: number): { value: string; currency?: string } {
  const raw = text(node, 'Amt');
  const value = raw === undefined ? undefined : decimalAmount(raw, '.');
  if (value === undefined || value.startsWith('-')) throw new StatementParseError({ line, column: 'Amt', reason: `'${raw ?? ''}' is not a camt amount (a positive decimal with '.')` });
  const amt = child(node, 'Amt');
  const currency = amt && typeof amt['@Ccy'] === 'string' ? amt['@Ccy'].toUpperCase() : undefined;
  return currency ? { value, currency } : { value };
}

/** An ISODate or ISODateTime field as `YYYY-MM-DD` (the calendar day as the bank wrote it). */
export function camtDate(node: XmlNode | undefined, field: string, line: number): string | undefined {
  const raw = text(node, field);
  if (raw === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
  const date = m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  if (!date) throw new StatementParseError({ line, column: field, reason: `'${raw}' is not an ISO date` });
  return date;
}

/**
 * The other party of a transaction: the creditor of money going out, the debtor of money coming
 * in; for a reversal it is the other way round (a returned debit comes back from its creditor).
 * Versions up to .001.07 name parties as `Cdtr/Nm`, later ones as `Cdtr/Pty/Nm`.
 */
export function entryParties(tx: XmlNode, direction: 'DEBIT' | 'CREDIT', reversal: boolean): string | undefined {
  const outgoing = (direction === 'DEBIT') !== reversal;
  const role = outgoing ? 'Cdtr' : 'Dbtr';
  const ultimate = outgoing ? 'UltmtCdtr' : 'UltmtDbtr';
  const parties = child(tx, 'RltdPties');
  return text(parties, role, 'Nm') ?? text(parties, role, 'Pty', 'Nm') ?? text(parties, ultimate, 'Nm') ?? text(parties, ultimate, 'Pty', 'Nm');
}
