import { fromCents, toCents } from '@ledgerline/transactions';
import type { ParsedStatementRow } from '../../statements/parsed-statement-row.ts';
import { StatementParseError } from '../../statements/statement-parse-error.ts';

export interface OwnStatementFacts {
  month: string;
  opening_balance: string;
  closing_balance: string;
  closing_line: number;
}

/**
 * Checks one of our own statements row by row as it streams past (verifyStatementBalances needs
 * every row at once): each row dated inside the statement period, each printed running balance
 * equal to the opening balance plus the amounts so far, and the total ending at the closing
 * balance. A mismatch means a lost, altered or extra row, so the whole file is refused.
 */
export class OwnStatementCheck {
  private balance: bigint;
  private rows = 0;
  private readonly facts: OwnStatementFacts;
  private readonly file: string;

  constructor(facts: OwnStatementFacts, file: string) {
    this.facts = facts;
    this.file = file;
    this.balance = toCents(facts.opening_balance);
  }

  add(row: ParsedStatementRow): void {
    // month is `YYYY-MM` and dates are `YYYY-MM-DD`: a prefix test, with no substring per row.
    if (!row.date.startsWith(this.facts.month)) {
      throw new StatementParseError({ file: this.file, line: row.line, column: 'Date', reason: `${row.date} is outside the statement period ${this.facts.month}` });
    }
    this.balance += toCents(row.amount);
    this.rows += 1;
    // Printed balances are mostly in canonical form: comparing text first spares parsing each one.
    if (row.balance !== undefined && row.balance !== fromCents(this.balance) && toCents(row.balance) !== this.balance) {
      throw new StatementParseError({
        file: this.file,
        line: row.line,
        column: 'Balance',
        reason: `running balance ${row.balance} does not match opening balance ${this.facts.opening_balance} plus the amounts so far (${fromCents(this.balance)})`,
      });
    }
  }

  finish(): void {
    if (this.balance === toCents(this.facts.closing_balance)) return;
    throw new StatementParseError({
      file: this.file,
      line: this.facts.closing_line,
      reason: `balances do not add up: opening balance ${this.facts.opening_balance} + ${this.rows} transactions = ${fromCents(this.balance)}, but the closing balance is ${this.facts.closing_balance}`,
    });
  }
}
