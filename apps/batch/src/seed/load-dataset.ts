import type { TransactionStore, UpsertResult } from '@ledgerline/ingestion';
import type { Account, Company, Customer, CustomerCompany, Transaction } from '@ledgerline/transactions';

export interface DatasetRows {
  customers: Customer[];
  /** Companies and who acts for them (issue #18); optional for a dataset without them. */
  companies?: Company[];
  customerCompanies?: CustomerCompany[];
  accounts: Account[];
  transactions: Transaction[];
  /** account_id -> balance before its first transaction: recorded so that every later writer keeps balances true. */
  openingBalances?: Record<string, string>;
}

export interface LoadResult {
  customers: UpsertResult;
  accounts: UpsertResult;
  transactions: UpsertResult;
  /** Balances the final balance step changed (0 when the dataset's closing balances were already right). */
  balancesChanged: number;
}

export interface LoadOptions {
  /** Rows per upsert call; each call is its own database transaction. */
  chunkSize: number;
  ingestedAt: Date;
  /** Called after every chunk with the number of rows it held. */
  onProgress?: (rows: number) => void;
}

/**
 * Upserts a dataset in chunks: customers, their companies and customer-company links (which
 * reference both), then accounts (they reference customers), then transactions. Chunks commit one by one, so an interrupted seed keeps what it wrote and a rerun
 * completes it (the upserts are idempotent).
 *
 * Balances: the accounts arrive with the dataset's closing balances and the opening balances are
 * recorded before the transactions. The balance step then runs once over every account after the
 * last chunk (one pass; a recomputation per chunk would rescan each account's history once per
 * chunk). Until then the closing balances already match the complete dataset; afterwards every
 * later writer (stream sink, statement ingest) keeps them true from the recorded openings.
 */
export async function loadDataset(store: TransactionStore, data: DatasetRows, options: LoadOptions): Promise<LoadResult> {
  const inChunks = async <Row>(rows: Row[], upsert: (chunk: Row[]) => Promise<UpsertResult>): Promise<UpsertResult> => {
    const total: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 };
    for (let i = 0; i < rows.length; i += options.chunkSize) {
      const chunk = rows.slice(i, i + options.chunkSize);
      const result = await upsert(chunk);
      total.inserted += result.inserted;
      total.updated += result.updated;
      total.unchanged += result.unchanged;
      options.onProgress?.(chunk.length);
    }
    return total;
  };
  const customers = await inChunks(data.customers, (rows) => store.upsertCustomers(rows));
  await inChunks(data.companies ?? [], (rows) => store.upsertCompanies(rows));
  await inChunks(data.customerCompanies ?? [], (rows) => store.upsertCustomerCompanies(rows));
  const accounts = await inChunks(data.accounts, (rows) => store.upsertAccounts(rows));
  if (data.openingBalances) await store.recordOpeningBalances(data.openingBalances);
  const transactions = await inChunks(data.transactions, (rows) => store.upsertTransactions(rows, { ingestedAt: options.ingestedAt }));
  const balancesChanged = data.openingBalances ? await store.withTransaction((tx) => tx.recomputeBalances(data.accounts.map((a) => a.account_id))) : 0;
  return { customers, accounts, transactions, balancesChanged };
}
