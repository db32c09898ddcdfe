import { toCents, type Transaction } from '@ledgerline/transactions';
import type { ParsedStatementRow } from '../../statements/parsed-statement-row.ts';
import { readStatementCsvPreamble } from '../../statements/csv/read-statement-csv-preamble.ts';
import { StatementCsvParser } from '../../statements/csv/statement-csv-parser.ts';
import type { DetectedDialect } from '../../statements/csv/detected-dialect.ts';
import { StatementTransactionMapper } from '../../statements/to-transactions.ts';
import { mapStatementRow } from './map-statement-row.ts';
import { normalizerTo } from './normalize-amount.ts';
import type { TextCodec } from '../../statements/formats/text-codec.port.ts';
import { csvByteSource } from './csv-byte-source.ts';
import { LineEndTracker } from './line-end-tracker.ts';
import { OwnStatementCheck } from './own-statement-check.ts';
import { verifySummaryBalances } from './verify-summary-balances.ts';
import { resolveStatementAccount } from './resolve-statement-account.ts';
import type { ReadContext, StatementReadOptions } from './statement-read-options.ts';

/**
 * Streams a CSV statement as batches of transactions (constant memory). Our own export is
 * recognised by its preamble: its account and currency come from there, its ids are our tx_ids
 * (`verbatim`, so they equal the stream's and the seed's), and it must add up row by row.
 * A foreign export needs the account from the operator and gets namespaced or derived ids.
 * Throws StatementParseError at the first bad row; the caller's transaction then loads nothing.
 * The parser is driven directly (not via streamStatementCsv) so that the dialect detected so far
 * reaches the quarantine report even when the very first lines fail.
 */
export async function* readCsvStatement(
  raw: AsyncIterable<Uint8Array>,
  options: StatementReadOptions,
  context: ReadContext,
  codec?: TextCodec,
): AsyncGenerator<Transaction[], void, undefined> {
  const { file, profile } = options;
  const forced = options.encoding ?? profile?.encoding;
  const chunks = csvByteSource(raw, {
    file,
    ...(forced !== undefined ? { forced } : {}),
    ...(codec ? { codec } : {}),
    onEncoding: (encoding) => (context.encoding = encoding),
  });
  // A named encoding is applied by csvByteSource (the parser then gets UTF-8), not again by the parser.
  const parserProfile = profile ? { ...profile, encoding: undefined } : undefined;
  const parser = new StatementCsvParser({ file, ...(parserProfile ? { profile: parserProfile } : {}) });
  let mapper: StatementTransactionMapper | undefined;
  let check: OwnStatementCheck | undefined;
  let rowCount = 0;
  let rowSum = 0n;

  const toTransactions = (rows: ParsedStatementRow[]): Transaction[] => {
    const dialect = parser.dialect as DetectedDialect;
    context.dialect = dialect;
    if (!mapper) {
      const own = readStatementCsvPreamble(dialect.preamble);
      const account_id = resolveStatementAccount(own?.account_id, options.account ?? profile?.account, file);
      context.account_id = account_id;
      mapper = new StatementTransactionMapper({
        account_id,
        currency: own?.currency ?? profile?.currency ?? options.defaultCurrency,
        source: 'csv',
        file,
        idPolicy: own ? 'verbatim' : 'namespaced',
        normalizeAmount: normalizerTo(options.baseCurrency),
      });
      if (own) check = new OwnStatementCheck(own, file);
    }
    const transactions: Transaction[] = [];
    for (const row of rows) {
      check?.add(row);
      rowCount += 1;
      rowSum += toCents(row.amount);
      transactions.push(mapStatementRow(mapper, row, file));
    }
    return transactions;
  };

  const lineEnds = new LineEndTracker();
  try {
    for await (const chunk of chunks) {
      lineEnds.push(chunk);
      const rows = parser.push(chunk);
      if (rows.length > 0) yield toTransactions(rows);
    }
    // Before the parser reads the unterminated last line: a cut-off row is a cut-off file, not a short value.
    lineEnds.check(file);
    // Always mapped, even without rows: an empty statement still has to name its account.
    const last = toTransactions(parser.end());
    if (last.length > 0) yield last;
    check?.finish();
    verifySummaryBalances(parser.summaries, rowCount, rowSum, file);
  } finally {
    if (parser.dialect) context.dialect = parser.dialect;
  }
}
