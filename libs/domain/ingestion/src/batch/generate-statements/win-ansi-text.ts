import type { Statement } from '../../statements/statement.ts';

// Windows-1252's printable characters above Latin-1's: what a PDF's standard fonts can show too.
const CP1252_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
// Letters that do not decompose into a base letter plus accents.
const SPECIAL: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H', ŋ: 'n', Ŋ: 'N', ŧ: 't', Ŧ: 'T', ſ: 's' };

function printable(ch: string): boolean {
  const code = ch.codePointAt(0) as number;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.has(ch);
}

/**
 * Text as our PDF statements can print it (the standard PDF fonts use the WinAnsi character set):
 * characters outside it lose their accents (ś -> s, ő -> o), a few letters are mapped by hand,
 * anything else becomes '?'. Printable text comes back unchanged.
 */
export function toWinAnsiText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (printable(ch)) {
      out += ch;
      continue;
    }
    const base = SPECIAL[ch] ?? ch.normalize('NFKD').replace(/\p{M}/gu, '');
    out += [...base].every(printable) && base !== '' ? base : '?';
  }
  return out;
}

/** The statement with every printed text made printable (amounts, dates and ids are ASCII already). */
export function winAnsiStatement(statement: Statement): Statement {
  const text = (value: string | null): string | null => (value === null ? null : toWinAnsiText(value));
  return {
    ...statement,
    bank: toWinAnsiText(statement.bank),
    customer_name: toWinAnsiText(statement.customer_name),
    transactions: statement.transactions.map((tx) => ({
      ...tx,
      description: text(tx.description),
      merchant: text(tx.merchant),
      category: toWinAnsiText(tx.category),
    })),
  };
}
