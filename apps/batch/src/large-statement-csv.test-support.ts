import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { STATEMENT_CSV_HEADER } from '@ledgerline/ingestion';
import { fromCents } from '@ledgerline/transactions';

export interface LargeStatement {
  rows: number;
  account_id: string;
  month: string;
  /** Sum of every signed amount, for checks. */
  totalCents: bigint;
}

const DESCRIPTIONS = ['Card payment Corner Shop', 'Online order Bookshop, Inc.', 'Direct debit Energy Co', 'Transfer from savings', 'Metro ticket'];
const CATEGORIES = ['Shopping', 'Shopping', 'Utilities', 'Transfers', 'Transport'];

/**
 * Writes one of our CSV statements with `rows` synthetic rows straight to disk (the generator is
 * not the thing under test and would hold everything in memory): preamble, header, rows with
 * running balances, so it passes every check of a real statement. Deterministic for its inputs.
 */
export async function writeLargeStatementCsv(path: string, rows: number, account_id = 'A-BIG-1', month = '2026-10'): Promise<LargeStatement> {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const amount = (i: number): bigint => BigInt(((i * 7919) % 50_000) + 1) * (i % 2 === 0 ? -1n : 1n);
  const opening = 1_000_000_00n;
  let totalCents = 0n;
  for (let i = 0; i < rows; i++) totalCents += amount(i);

  const out = createWriteStream(path);
  const preamble = [
    ['Bank', 'Ledgerline Bank'],
    ['Customer', 'Large Statement Customer'],
    ['Account', account_id],
    ['Currency', 'EUR'],
    ['Period', month],
    ['Opening balance', fromCents(opening)],
    ['Closing balance', fromCents(opening + totalCents)],
  ];
  let text = `${preamble.map((cells) => cells.join(',')).join('\r\n')}\r\n\r\n${STATEMENT_CSV_HEADER.join(',')}\r\n`;
  let balance = opening;
  for (let i = 0; i < rows; i++) {
    const day = String(1 + Math.floor((i * days) / rows)).padStart(2, '0');
    const cents = amount(i);
    balance += cents;
    const description = DESCRIPTIONS[i % DESCRIPTIONS.length] as string;
    const field = description.includes(',') ? `"${description} ${i}"` : `${description} ${i}`;
    text += `${month}-${day},T-${account_id}-${String(i).padStart(8, '0')},${field},${CATEGORIES[i % CATEGORIES.length]},${fromCents(cents)},EUR,${fromCents(balance)}\r\n`;
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
  return { rows, account_id, month, totalCents };
}
