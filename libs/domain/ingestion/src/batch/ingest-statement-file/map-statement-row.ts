import { isUnknownCurrencyError, type Transaction } from '@ledgerline/transactions';
import type { ParsedStatementRow } from '../../statements/parsed-statement-row.ts';
import { StatementParseError } from '../../statements/statement-parse-error.ts';
import type { StatementTransactionMapper } from '../../statements/to-transactions.ts';

/** mapper.map, with a currency the FX table does not know reported as an error of that row. */
export function mapStatementRow(mapper: StatementTransactionMapper, row: ParsedStatementRow, file: string): Transaction {
  try {
    return mapper.map(row);
  } catch (error) {
    if (!isUnknownCurrencyError(error)) throw error;
    throw new StatementParseError({ file, line: row.line, column: 'Currency', reason: `${error.currency} has no FX rate, so it cannot be normalised` });
  }
}
