import { fromCents, toCents } from '@ledgerline/transactions';
import { StatementParseError } from '../statement-parse-error.ts';
import type { ParsedStatementFile } from './parsed-statement-file.ts';

/**
 * When a structured statement states both its opening and closing balance, the entries must
 * take the one to the other: a difference means a lost, extra or misread entry, so the file is
 * refused. A statement stating only one of them cannot be checked (OFX states only the ledger
 * balance) and passes.
 */
export function verifyStatedBalances(statement: ParsedStatementFile, file: string): void {
  const { opening_balance: opening, closing_balance: closing } = statement;
  if (!opening || !closing) return;
  let sum = 0n;
  for (const entry of statement.entries) sum += entry.direction === 'DEBIT' ? -toCents(entry.amount) : toCents(entry.amount);
  const reached = toCents(opening.amount) + sum;
  if (reached === toCents(closing.amount)) return;
  throw new StatementParseError({
    file,
    line: closing.line,
    reason: `balances do not add up: opening balance ${opening.amount} + ${statement.entries.length} entries (${fromCents(sum)}) = ${fromCents(reached)}, but the closing balance is ${closing.amount}`,
  });
}
