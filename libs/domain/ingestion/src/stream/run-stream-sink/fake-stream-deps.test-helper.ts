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
  readonly offsets = new Map<string, Map<number, string>>();
  /** Every operation in order, shared with the fake publisher to check what came first. */
  constructor(readonly journal: string[] = []) {}
  failCommits = 0;
  rejectTxId: { txId: string; namesRow: boolean } | undefined;
  commits = 0;

  async withTransaction<T>(work: (store: TransactionStoreTx) => Promise<T>): Promise<T> {
    if (this.failCommits > 0) {
      this.failCommits -= 1;
      this.journal.push('store-down');
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    }
    const stagedRows = new Map(this.rows);
    const stagedOffsets = new Map([...this.offsets].map(([k, v]) => [k, new Map(v)]));
    const tx = this.operations(stagedRows, stagedOffsets);
    const result = await work(tx);
    this.rows.clear();
    for (const [k, v] of stagedRows) this.rows.set(k, v);
    this.offsets.clear();
    for (const [k, v] of stagedOffsets) this.offsets.set(k, v);
    this.commits += 1;
    this.journal.push('commit');
    return result;
  }

  private operations(rows: Map<string, Transaction>, offsets: Map<string, Map<number, string>>): TransactionStoreTx {
    const rejectTxId = this.rejectTxId;
    return {
      ...this.unused(),
      upsertTransactions: async (batch: Transaction[]): Promise<UpsertResult> => {
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
      saveOffsets: async (group: string, topic: string, positions: StreamOffset[]) => {
        const key = `${group}|${topic}`;
        const map = offsets.get(key) ?? new Map<number, string>();
        for (const p of positions) map.set(p.partition, p.offset);
        offsets.set(key, map);
      },
      loadOffsets: async (group: string, topic: string) =>
        [...(offsets.get(`${group}|${topic}`) ?? new Map<number, string>())].map(([partition, offset]) => ({ partition, offset })),
    };
  }

  storedOffset(group: string, topic: string, partition: number): string | undefined {
    return this.offsets.get(`${group}|${topic}`)?.get(partition);
  }

  private unused() {
    const notUsed = (name: string) => () => Promise.reject(new Error(`${name} is not used by the stream sink`));
    return {
      upsertCustomers: notUsed('upsertCustomers') as (rows: Customer[]) => Promise<UpsertResult>,
      upsertAccounts: notUsed('upsertAccounts') as (rows: Account[]) => Promise<UpsertResult>,
      transactionsByAccount: notUsed('transactionsByAccount') as () => Promise<Transaction[]>,
      countTransactions: async () => this.rows.size,
      transactionChangeInfo: notUsed('transactionChangeInfo') as () => Promise<TransactionChangeInfo[]>,
      recordIngestedFile: notUsed('recordIngestedFile') as (file: IngestedFile) => Promise<void>,
      findIngestedFile: notUsed('findIngestedFile') as () => Promise<IngestedFile | undefined>,
    };
  }

  // Outside a transaction: the same operations, committed one by one.
  upsertTransactions = (rows: Transaction[]) => this.withTransaction((tx) => tx.upsertTransactions(rows));
  saveOffsets = (group: string, topic: string, positions: StreamOffset[]) => this.withTransaction((tx) => tx.saveOffsets(group, topic, positions));
  loadOffsets = (group: string, topic: string) => this.operations(this.rows, this.offsets).loadOffsets(group, topic);
  upsertCustomers = this.unused().upsertCustomers;
  upsertAccounts = this.unused().upsertAccounts;
  transactionsByAccount = this.unused().transactionsByAccount;
  countTransactions = async () => this.rows.size;
  transactionChangeInfo = this.unused().transactionChangeInfo;
  recordIngestedFile = this.unused().recordIngestedFile;
  findIngestedFile = this.unused().findIngestedFile;
  async migrate(): Promise<void> {}
  async close(): Promise<void> {}
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
