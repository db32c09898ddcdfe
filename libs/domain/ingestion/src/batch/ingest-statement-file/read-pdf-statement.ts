import type { Transaction } from '@ledgerline/transactions';
import { readStatementPdf } from '../../statements/pdf/read-statement-pdf.ts';
import type { PdfTextExtractor } from '../../statements/pdf/pdf-text-extractor.port.ts';
import { StatementTransactionMapper } from '../../statements/to-transactions.ts';
import { mapStatementRow } from './map-statement-row.ts';
import { normalizerTo } from './normalize-amount.ts';
import { resolveStatementAccount } from './resolve-statement-account.ts';
import type { ReadContext, StatementReadOptions } from './statement-read-options.ts';

/**
 * Parses one of our PDF statements completely (a PDF cannot be streamed) into transactions.
 * readStatementPdf already refuses foreign, truncated and tampered PDFs and checks that opening
 * balance + rows = closing balance; the Ref column holds our tx_ids, used verbatim.
 */
export async function readPdfStatement(
  bytes: Uint8Array,
  extractor: PdfTextExtractor,
  options: StatementReadOptions,
  context: ReadContext,
): Promise<Transaction[]> {
  const { file } = options;
  const parsed = await readStatementPdf(bytes, extractor, file);
  const account_id = resolveStatementAccount(parsed.account_id, options.account ?? options.profile?.account, file);
  context.account_id = account_id;
  const mapper = new StatementTransactionMapper({
    account_id,
    currency: parsed.currency,
    source: 'pdf',
    file,
    idPolicy: 'verbatim',
    normalizeAmount: normalizerTo(options.baseCurrency),
  });
  return parsed.rows.map((row) => mapStatementRow(mapper, row, file));
}
