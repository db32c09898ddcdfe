import type { Account, Customer, Transaction } from '@ledgerline/transactions';
import { StoreConstraintError } from '../../ports/store-constraint-error.ts';
import type { IngestedFile, StreamOffset, TransactionChangeInfo } from '../../ports/store-records.ts';
import type { TransactionStore, TransactionStoreTx, UpsertResult } from '../../ports/transaction-store.port.ts';
import type { EventPublisher, OutgoingEvent } from '../event-publisher.port.ts';

/**
 * Test doubles for the sink's unit specs (adapters run the real thing in their own specs).
 * The store keeps rows and offsets in maps, commits atomically, and can fail like a database
 * that is down (`failCommits`) or refuse a row like a CHECK constraint (`rejectTxId`).
 */
export class FakeTransactionStore implements TransactionStore {
  readonly rows = new Map<string, Transaction>();
  /** `${group}|${topic}` -> partition -> next offset. */
  readonly offsets = new Map<string, Map<number, string>>();
  /** `${group}|${topic}|${partition}` -> the furthest offset ever saved (like the store's furthest_offset). */
  private readonly furthest = new Map<string, string>();
  failCommits = 0;
  rejectTxId: { txId: string; namesRow: boolean } | undefined;
  commits = 0;
  /** Every withTransaction call, committed or not. */
  attempts = 0;
  /** The account ids of every committed balance step, in order. */
  readonly recomputed: string[][] = [];

  /** `journal` records every operation in order; share it with FakePublisher to check what came first. */
  constructor(readonly journal: string[] = []) {}

  async withTransaction<T>(work: (store: TransactionStoreTx) => Promise<T>): Promise<T> {
    this.attempts += 1;
    if (this.failCommits > 0) {
      this.failCommits -= 1;
      this.journal.push('store-down');
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    }
    // Work on copies; publish them only if the work succeeds (atomic commit).
    const rows = new Map(this.rows);
    const offsets = new Map([...this.offsets].map(([k, v]) => [k, new Map(v)]));
    const recomputed: string[][] = [];
    const result = await work(this.operations(rows, offsets, recomputed));
    this.recomputed.push(...recomputed);
    this.replace(this.rows, rows);
    this.replace(this.offsets, offsets);
    this.commits += 1;
    this.journal.push('commit');
    return result;
  }

  upsertTransactions(rows: Transaction[]): Promise<UpsertResult> {
    return this.withTransaction((tx) => tx.upsertTransactions(rows));
  }
  saveOffsets(group: string, topic: string, positions: StreamOffset[]): Promise<void> {
    return this.withTransaction((tx) => tx.saveOffsets(group, topic, positions));
  }
  loadOffsets(group: string, topic: string): Promise<StreamOffset[]> {
    return this.operations(this.rows, this.offsets, []).loadOffsets(group, topic);
  }
  async countTransactions(): Promise<number> {
    return this.rows.size;
  }
  upsertCustomers(_rows: Customer[]): Promise<UpsertResult> {
    return notUsed('upsertCustomers');
  }
  upsertAccounts(_rows: Account[]): Promise<UpsertResult> {
    return notUsed('upsertAccounts');
  }
  upsertCompanies(): Promise<UpsertResult> {
    return notUsed('upsertCompanies');
  }
  upsertCustomerCompanies(): Promise<UpsertResult> {
    return notUsed('upsertCustomerCompanies');
  }
  transactionsByAccount(): Promise<Transaction[]> {
    return notUsed('transactionsByAccount');
  }
  transactionChangeInfo(): Promise<TransactionChangeInfo[]> {
    return notUsed('transactionChangeInfo');
  }
  recordIngestedFile(_file: IngestedFile): Promise<void> {
    return notUsed('recordIngestedFile');
  }
  findIngestedFile(): Promise<IngestedFile | undefined> {
    return notUsed('findIngestedFile');
  }
  accountCurrency(): Promise<string | undefined> {
    return notUsed('accountCurrency');
  }
  recordOpeningBalances(): Promise<void> {
    return notUsed('recordOpeningBalances');
  }
  recomputeBalances(accountIds: readonly string[]): Promise<number> {
    return this.withTransaction((tx) => tx.recomputeBalances(accountIds));
  }
  readBalances(): Promise<Record<string, string>> {
    return notUsed('readBalances');
  }
  async migrate(): Promise<void> {}
  async close(): Promise<void> {}

  storedOffset(group: string, topic: string, partition: number): string | undefined {
    return this.offsets.get(`${group}|${topic}`)?.get(partition);
  }

  private operations(rows: Map<string, Transaction>, offsets: Map<string, Map<number, string>>, recomputed: string[][]): TransactionStoreTx {
    const rejectTxId = this.rejectTxId;
    return {
      upsertTransactions: async (batch) => {
        const bad = rejectTxId && batch.find((r) => r.tx_id === rejectTxId.txId);
        if (bad) {
          throw new StoreConstraintError({
            table: 'transactions',
            constraint: 'transactions_mcc_check',
            kind: 'check',
            keyColumn: 'tx_id',
            rowKey: rejectTxId.namesRow ? bad.tx_id : undefined,
          });
        }
        const result = { inserted: 0, updated: 0, unchanged: 0 };
        for (const row of batch) {
          const before = rows.get(row.tx_id);
          if (!before) result.inserted += 1;
          else if (JSON.stringify(before) === JSON.stringify(row)) result.unchanged += 1;
          else result.updated += 1;
          rows.set(row.tx_id, row);
        }
        return result;
      },
      saveOffsets: async (group, topic, positions) => {
        const key = `${group}|${topic}`;
        const map = offsets.get(key) ?? new Map<number, string>();
        for (const p of positions) {
          map.set(p.partition, p.offset);
          const furthest = this.furthest.get(`${key}|${p.partition}`);
          if (furthest === undefined || BigInt(p.offset) > BigInt(furthest)) this.furthest.set(`${key}|${p.partition}`, p.offset);
        }
        offsets.set(key, map);
      },
      loadOffsets: async (group, topic) =>
        [...(offsets.get(`${group}|${topic}`) ?? new Map<number, string>())].map(([partition, offset]) => {
          const furthest = this.furthest.get(`${group}|${topic}|${partition}`);
          return furthest !== undefined && BigInt(furthest) > BigInt(offset) ? { partition, offset, applied_until: furthest } : { partition, offset };
        }),
      countTransactions: async () => rows.size,
      upsertCustomers: () => notUsed('upsertCustomers'),
      upsertAccounts: () => notUsed('upsertAccounts'),
      upsertCompanies: () => notUsed('upsertCompanies'),
      upsertCustomerCompanies: () => notUsed('upsertCustomerCompanies'),
      transactionsByAccount: () => notUsed('transactionsByAccount'),
      transactionChangeInfo: () => notUsed('transactionChangeInfo'),
      recordIngestedFile: () => notUsed('recordIngestedFile'),
      findIngestedFile: () => notUsed('findIngestedFile'),
      accountCurrency: () => notUsed('accountCurrency'),
      recordOpeningBalances: () => notUsed('recordOpeningBalances'),
      readBalances: () => notUsed('readBalances'),
      recomputeBalances: async (accountIds) => {
        recomputed.push([...accountIds].sort());
        return 0;
      },
    };
  }

  private replace<K, V>(target: Map<K, V>, source: Map<K, V>): void {
    target.clear();
    for (const [k, v] of source) target.set(k, v);
  }
}

function notUsed(operation: string): Promise<never> {
  return Promise.reject(new Error(`${operation} is not used by the stream sink`));
}

/** Records published events; can be down for the next N publishes. */
export class FakePublisher implements EventPublisher {
  readonly published: Array<{ topic: string; message: OutgoingEvent }> = [];
  failNext = 0;

  constructor(readonly journal: string[] = []) {}

  async publish(topic: string, messages: OutgoingEvent[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      this.journal.push('publish-down');
      throw new Error('broker unavailable');
    }
    for (const message of messages) this.published.push({ topic, message });
    this.journal.push(`publish:${topic}:${messages.length}`);
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
