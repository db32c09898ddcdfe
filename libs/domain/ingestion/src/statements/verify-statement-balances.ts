import { fromCents, toCents } from '@ledgerline/transactions';
import type { ParsedStatementRow } from './parsed-statement-row.ts';
import { StatementParseError } from './statement-parse-error.ts';

/**
 * A statement that states its balances must add up: every running balance printed on a row, and
 * opening + sum(rows) == closing. Any difference means a lost, altered or extra row.
 */
export function verifyStatementBalances(
  opening: string,
  rows: ParsedStatementRow[],
  closing: string,
  where: { file?: string; closingLine?: number } = {},
): void {
  let balance = toCents(opening);
  for (const row of rows) {
    balance += toCents(row.amount);
    if (row.balance !== undefined && toCents(row.balance) !== balance) {
      throw new StatementParseError({
        ...(where.file !== undefined ? { file: where.file } : {}),
        line: row.line,
        column: 'Balance',
        reason: `running balance ${row.balance} does not match opening balance ${opening} plus the amounts so far (${fromCents(balance)})`,
      });
    }
  }
  if (balance !== toCents(closing)) {
    throw new StatementParseError({
      ...(where.file !== undefined ? { file: where.file } : {}),
      line: where.closingLine ?? 0,
      reason: `balances do not add up: opening balance ${opening} + ${rows.length} transactions (${fromCents(balance - toCents(opening))}) = ${fromCents(balance)}, but the closing balance is ${closing}`,
    });
  }
}
