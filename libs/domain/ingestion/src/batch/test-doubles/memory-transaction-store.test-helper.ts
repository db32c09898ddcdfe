import type { Account, Company, Customer, CustomerCompany, Transaction } from '@ledgerline/transactions';
import { StoreConstraintError } from '../../ports/store-constraint-error.ts';
import type { IngestedFile, StreamOffset, TransactionChangeInfo } from '../../ports/store-records.ts';
import type {
  TransactionStore,
  TransactionStoreOperations,
  TransactionStoreTx,
  UpsertResult,
  UpsertTransactionsOptions,
} from '../../ports/transaction-store.port.ts';

interface State {
  rows: Map<string, Transaction>;
  files: Map<string, IngestedFile>;
}

/**
 * A TransactionStore in maps for the batch use cases' unit specs: transactions commit atomically
 * (a throwing `withTransaction` leaves nothing), the manifest refuses a second sha256 like the
 * database's unique key, and `down` makes every call fail like a store that cannot be reached.
 */
export class MemoryTransactionStore implements TransactionStore {
  private state: State = { rows: new Map(), files: new Map() };
  down = false;
  commits = 0;
  /** Stored accounts by id (only their currency is used: accountCurrency). */
  readonly accounts = new Map<string, Pick<Account, 'currency'>>();
  /** Called before every chunk upsert inside a transaction (e.g. to simulate a crash). */
  beforeUpsert: ((rows: Transaction[]) => void) | undefined;
  /** The account ids of every committed balance step, in order. */
  readonly recomputed: string[][] = [];
  /** Called by every balance step (e.g. to refuse a balance like the store's CHECK). */
  failBalanceStep: (() => void) | undefined;

  get rows(): Map<string, Transaction> {
    return this.state.rows;
  }

  get files(): Map<string, IngestedFile> {
    return this.state.files;
  }

  async withTransaction<T>(work: (store: TransactionStoreTx) => Promise<T>): Promise<T> {
    this.assertUp();
    const staged: State = { rows: new Map(this.state.rows), files: new Map(this.state.files) };
    const recomputed: string[][] = [];
    const result = await work(this.operations(staged, recomputed));
    this.state = staged;
    this.recomputed.push(...recomputed);
    this.commits += 1;
    return result;
  }

  private operations(state: State, recomputed: string[][] = []): TransactionStoreOperations {
    const unused = (name: string) => () => Promise.reject(new Error(`${name} is not used by batch ingestion`));
    return {
      upsertCustomers: unused('upsertCustomers') as (rows: Customer[]) => Promise<UpsertResult>,
      upsertAccounts: unused('upsertAccounts') as (rows: Account[]) => Promise<UpsertResult>,
      upsertCompanies: unused('upsertCompanies') as (rows: Company[]) => Promise<UpsertResult>,
      upsertCustomerCompanies: unused('upsertCustomerCompanies') as (rows: CustomerCompany[]) => Promise<UpsertResult>,
      transactionsByAccount: unused('transactionsByAccount') as () => Promise<Transaction[]>,
      saveOffsets: unused('saveOffsets') as (group: string, topic: string, offsets: StreamOffset[]) => Promise<void>,
      loadOffsets: unused('loadOffsets') as () => Promise<StreamOffset[]>,
      upsertTransactions: async (rows, options) => {
        this.assertUp();
        this.beforeUpsert?.(rows);
        const result = { inserted: 0, updated: 0, unchanged: 0 };
        for (const row of rows) {
          const before = state.rows.get(row.tx_id);
          if (before && options?.onConflict === 'keep') {
            result.unchanged += 1;
            continue;
          }
          if (!before) result.inserted += 1;
          else if (JSON.stringify(before) === JSON.stringify(row)) result.unchanged += 1;
          else result.updated += 1;
          state.rows.set(row.tx_id, row);
        }
        return result;
      },
      countTransactions: async () => state.rows.size,
      transactionChangeInfo: async (ids) => {
        this.assertUp();
        return ids
          .filter((id) => state.rows.has(id))
          .sort()
          .map((tx_id): TransactionChangeInfo => ({ tx_id, ingested_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', change_seq: 1n }));
      },
      recordIngestedFile: async (file) => {
        this.assertUp();
        if (state.files.has(file.sha256)) {
          throw new StoreConstraintError({ table: 'ingested_files', constraint: 'ingested_files_pkey', kind: 'unique', keyColumn: 'sha256', rowKey: file.sha256 });
        }
        state.files.set(file.sha256, file);
      },
      accountCurrency: async (accountId) => {
        this.assertUp();
        return this.accounts.get(accountId)?.currency;
      },
      findIngestedFile: async (sha256) => {
        this.assertUp();
        return state.files.get(sha256);
      },
      recordOpeningBalances: unused('recordOpeningBalances') as () => Promise<void>,
      readBalances: unused('readBalances') as () => Promise<Record<string, string>>,
      recomputeBalances: async (accountIds) => {
        this.assertUp();
        this.failBalanceStep?.();
        recomputed.push([...accountIds].sort());
        return 0;
      },
    };
  }

  private assertUp(): void {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  }

  // Outside a transaction: the committed state, one call at a time.
  upsertTransactions = (rows: Transaction[], options?: UpsertTransactionsOptions) => this.withTransaction((tx) => tx.upsertTransactions(rows, options));
  recordIngestedFile = (file: IngestedFile) => this.withTransaction((tx) => tx.recordIngestedFile(file));
  accountCurrency = (accountId: string) => this.operations(this.state).accountCurrency(accountId);
  findIngestedFile = (sha256: string) => this.operations(this.state).findIngestedFile(sha256);
  transactionChangeInfo = (ids: string[]) => this.operations(this.state).transactionChangeInfo(ids);
  countTransactions = async () => this.state.rows.size;
  upsertCustomers = (rows: Customer[]) => this.operations(this.state).upsertCustomers(rows);
  upsertAccounts = (rows: Account[]) => this.operations(this.state).upsertAccounts(rows);
  upsertCompanies = (rows: Company[]) => this.operations(this.state).upsertCompanies(rows);
  upsertCustomerCompanies = (rows: CustomerCompany[]) => this.operations(this.state).upsertCustomerCompanies(rows);
  transactionsByAccount = (accountId: string, from: Date, to: Date) => this.operations(this.state).transactionsByAccount(accountId, from, to);
  saveOffsets = (group: string, topic: string, offsets: StreamOffset[]) => this.operations(this.state).saveOffsets(group, topic, offsets);
  loadOffsets = (group: string, topic: string) => this.operations(this.state).loadOffsets(group, topic);
  recordOpeningBalances = (balances: Readonly<Record<string, string>>) => this.withTransaction((tx) => tx.recordOpeningBalances(balances));
  recomputeBalances = (accountIds: readonly string[]) => this.withTransaction((tx) => tx.recomputeBalances(accountIds));
  readBalances = (accountIds: readonly string[]) => this.operations(this.state).readBalances(accountIds);
  async migrate(): Promise<void> {}
  async close(): Promise<void> {}
}
