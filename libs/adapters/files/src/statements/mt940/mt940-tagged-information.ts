/**
 * `:86:` information in the slash-tagged layout Dutch and Nordic banks use (ABN AMRO, ING,
 * Rabobank, Knab, SEB): `/TRTP/SEPA OVERBOEKING/IBAN/NL02.../NAME/J. JANSEN/REMI/Invoice 12/EREF/...`.
 * Each `/TAG/` starts a subfield that runs to the next known tag. Before, the whole text became
 * the memo and the counterparty's name was never the payee.
 *
 * - payee: NAME; else the name part of CNTP (`account/BIC/name/city`); else the ordering party
 *   (ORDP) of money in, the beneficiary (BENM) of money out.
 * - memo: REMI (ING's `USTD//` unstructured and `STRD/CUR/` creditor-reference prefixes removed).
 * - booking text: TRTP (the transaction type).
 * - reference: EREF, the payer's end-to-end reference (ING writes `EREF` as the `:61:` customer
 *   reference to point here).
 * Other subfields (IBAN, BIC, EREF, CSID, MARF, PURP, ...) have no column of their own.
 */
const KNOWN_TAGS = [
  'TRTP', 'NAME', 'CNTP', 'ORDP', 'BENM', 'REMI', 'IBAN', 'BIC', 'EREF', 'MARF', 'CSID', 'PURP', 'ADDR',
  'ULTC', 'ULTD', 'ULTB', 'RTRN', 'ACCW', 'ISDT', 'OCMT', 'PREF', 'SVCL', 'ID',
] as const;
const DESCRIBING_TAGS = new Set(['TRTP', 'NAME', 'CNTP', 'ORDP', 'BENM', 'REMI']);
const TAG = new RegExp(`/(${KNOWN_TAGS.join('|')})/`, 'g');

export interface Mt940Description {
  payee?: string;
  memo?: string;
  bookingText?: string;
  /** The end-to-end reference (EREF), unless the payer gave none (`NOTPROVIDED`). */
  reference?: string;
}

/** The described parts of a slash-tagged `:86:`, or undefined when the text is not in that layout. */
export function mt940TaggedInformation(value: string, direction: 'DEBIT' | 'CREDIT'): Mt940Description | undefined {
  const joined = joinContinuationLines(value);
  if (!/^\s*\/[A-Z]{2,4}\//.test(joined)) return undefined;
  const matches = [...joined.matchAll(TAG)];
  if (!matches.some((m) => DESCRIBING_TAGS.has(m[1] as string))) return undefined;
  const subfields = new Map<string, string>();
  matches.forEach((m, i) => {
    const next = matches[i + 1];
    const raw = joined.slice((m.index as number) + m[0].length, next ? next.index : joined.length);
    const tag = m[1] as string;
    if (!subfields.has(tag)) subfields.set(tag, raw.replace(/\/+$/, '').trim());
  });
  const counterparty = subfields.get('CNTP')?.split('/')[2]?.trim();
  // On money in the other party ordered it; on money out it is the beneficiary (the ordering
  // party of a debit is the account holder).
  const party = direction === 'CREDIT' ? subfields.get('ORDP') : subfields.get('BENM');
  const payee = subfields.get('NAME') || counterparty || party;
  const memo = subfields.get('REMI')?.replace(/^USTD\/\//, '').replace(/^STRD\/CUR\//, '').trim();
  const bookingText = subfields.get('TRTP');
  const eref = subfields.get('EREF');
  const reference = eref && eref.toUpperCase() !== 'NOTPROVIDED' ? eref : undefined;
  return { ...(payee ? { payee } : {}), ...(memo ? { memo } : {}), ...(bookingText ? { bookingText } : {}), ...(reference ? { reference } : {}) };
}

/**
 * SWIFT lines hold at most 65 characters (the first one after its `:86:` tag): a full line was cut
 * at that width, often inside a word, and continues without a space; a shorter one ended where the
 * bank broke it, at a word.
 */
function joinContinuationLines(value: string): string {
  const lines = value.split('\n');
  let joined = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const previousWidth = i === 1 ? (lines[0] ?? '').length + ':86:'.length : (lines[i - 1] ?? '').length;
    joined += (previousWidth >= 65 ? '' : ' ') + lines[i];
  }
  return joined;
}
