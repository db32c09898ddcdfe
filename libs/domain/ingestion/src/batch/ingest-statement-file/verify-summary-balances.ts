import { fromCents } from '@ledgerline/transactions';
import type { SummaryLine } from '../../statements/csv/summary-lines.ts';
import { StatementParseError } from '../../statements/statement-parse-error.ts';

/**
 * A foreign CSV that prints its opening and closing balance lines ("Anfangssaldo", "Endsaldo")
 * must add up: opening + every row = closing. Otherwise a row was lost, added or misread (a debit
 * read as a credit), so the file is refused rather than loaded wrong.
 */
export function verifySummaryBalances(summaries: readonly SummaryLine[], rows: number, sum: bigint, file: string): void {
  const opening = summaries.find((s) => s.kind === 'opening' && s.cents !== undefined);
  const closing = [...summaries].reverse().find((s) => s.kind === 'closing' && s.cents !== undefined);
  if (opening?.cents === undefined || closing?.cents === undefined) return;
  const reached = opening.cents + sum;
  if (reached === closing.cents) return;
  throw new StatementParseError({
    file,
    line: closing.line,
    reason: `balances do not add up: opening balance ${fromCents(opening.cents)} (line ${opening.line}) + ${rows} transactions (${fromCents(sum)}) = ${fromCents(reached)}, but the closing balance is ${fromCents(closing.cents)}`,
  });
}
