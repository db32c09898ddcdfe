import { fromCents, toCents } from '@ledgerline/transactions';
import type { ParsedStatementRow } from '../parsed-statement-row.ts';
import type { StatementEntry } from './parsed-statement-file.ts';

const MAX_DESCRIPTION = 500;

/**
 * A structured entry as a statement row: the signed amount from its direction, and a description
 * that keeps every text the file gave (payee, memo, reference), so two different entries do not
 * collapse into one derived id and nothing the bank wrote is dropped. `external_id` is the file's
 * own entry id; `occurrence` > 1 marks a repeat of an id within the same file (see
 * uniqueExternalIds), kept apart instead of being taken for a duplicate.
 */
export function entryToRow(entry: StatementEntry, occurrence = 1): ParsedStatementRow {
  const cents = toCents(entry.amount);
  const parts = [entry.payee, entry.memo].map((p) => p?.replace(/\s+/g, ' ').trim()).filter((p): p is string => !!p);
  if (entry.reference) parts.push(`ref ${entry.reference.trim()}`);
  if (entry.reversal) parts.unshift('Reversal:');
  const row: ParsedStatementRow = {
    line: entry.line,
    date: entry.date,
    description: parts.join(' ').slice(0, MAX_DESCRIPTION),
    amount: fromCents(entry.direction === 'DEBIT' ? -cents : cents),
  };
  if (entry.currency) row.currency = entry.currency;
  if (entry.payee) row.payee = entry.payee.trim();
  if (entry.memo) row.memo = entry.memo.trim();
  if (entry.reference) row.reference = entry.reference.trim();
  if (entry.value_date) row.value_date = entry.value_date;
  if (entry.category) row.category = entry.category;
  if (entry.external_id) row.external_id = occurrence > 1 ? `${entry.external_id}#${occurrence}` : entry.external_id;
  return row;
}

/**
 * Occurrence number of each entry's external id within the file (1 for the first). Some banks
 * repeat an id for two genuine entries (e.g. two equal card charges in one batch); treating the
 * second as a duplicate would silently drop money, so it gets its own id instead.
 */
export function externalIdOccurrences(entries: StatementEntry[]): number[] {
  const seen = new Map<string, number>();
  return entries.map((e) => {
    if (!e.external_id) return 1;
    const n = (seen.get(e.external_id) ?? 0) + 1;
    seen.set(e.external_id, n);
    return n;
  });
}
