import type { Transaction } from '@ledgerline/transactions';
import { entryToRow, externalIdOccurrences } from '../../statements/formats/entry-to-row.ts';
import type { StructuredStatementFormat } from '../../statements/formats/parsed-statement-file.ts';
import { parseStructuredStatement } from '../../statements/formats/parse-structured-statement.ts';
import type { StatementFormatReaders } from '../../statements/formats/statement-format-reader.port.ts';
import type { TextCodec } from '../../statements/formats/text-codec.port.ts';
import { StatementParseError } from '../../statements/statement-parse-error.ts';
import { StatementTransactionMapper } from '../../statements/to-transactions.ts';
import { mapStatementRow } from './map-statement-row.ts';
import { normalizerTo } from './normalize-amount.ts';
import { UNKNOWN_ACCOUNT_REASON } from './resolve-statement-account.ts';
import type { ReadContext, StatementReadOptions } from './statement-read-options.ts';

/**
 * Reads a structured statement (OFX/QFX, QIF, CAMT.053, MT940) whole into transactions
 * (parseStructuredStatement decodes, reads and adds it up). The currency is the file's, else the
 * profile's, else the caller's account currency. The account is always the operator's
 * (`--account` or the profile): the file's own account number (an IBAN, a bank account id) is not
 * one of our account ids. Ids: the file's own entry id (FITID, bank reference) namespaced by
 * format and account; entries without one get the derived id of StatementTransactionMapper.
 */
export function readStructuredStatement(
  bytes: Uint8Array,
  format: StructuredStatementFormat,
  readers: StatementFormatReaders,
  codec: TextCodec | undefined,
  options: StatementReadOptions,
  context: ReadContext,
): Transaction[] {
  const { file } = options;
  const { statement, encoding } = parseStructuredStatement(bytes, format, readers, {
    file,
    ...(codec ? { codec } : {}),
    ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
    ...(options.profile?.dateFormat !== undefined ? { dateFormat: options.profile.dateFormat } : {}),
  });
  context.encoding = encoding;
  context.statement = { account: statement.account ?? null, currency: statement.currency ?? null, entries: statement.entries.length };
  const account_id = options.account ?? options.profile?.account;
  if (account_id === undefined) {
    const stated = statement.account ? ` (the file names bank account ${statement.account})` : '';
    throw new StatementParseError({ file, line: 0, reason: `${UNKNOWN_ACCOUNT_REASON}${stated}` });
  }
  context.account_id = account_id;
  const mapper = new StatementTransactionMapper({
    account_id,
    currency: statement.currency ?? options.profile?.currency ?? options.defaultCurrency,
    source: format,
    file,
    normalizeAmount: normalizerTo(options.baseCurrency),
  });
  const occurrences = externalIdOccurrences(statement.entries);
  return statement.entries.map((entry, i) => mapStatementRow(mapper, entryToRow(entry, occurrences[i]), file));
}
