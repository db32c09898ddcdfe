import { z } from 'zod';
import { And, In, LessThan, MoreThanOrEqual, type EntityManager } from 'typeorm';
import {
  ingestedFileSchema,
  streamOffsetSchema,
  type IngestedFile,
  type StreamOffset,
  type TransactionChangeInfo,
  type TransactionStoreOperations,
  type UpsertResult,
  type UpsertTransactionsOptions,
} from '@ledgerline/ingestion';
import { nonNegativeMoneySchema, type Account, type Company, type Customer, type CustomerCompany, type Transaction } from '@ledgerline/transactions';
import type { SqlClient } from '../client/sql-client.ts';
import { AccountEntity, IngestedFileEntity, StreamOffsetEntity, TransactionEntity } from '../schema/entities/index.ts';
import { recomputeBalancesSql, upsertOpenings } from '../balances/account-balances-sql.ts';
import { hasRepeatedKeys, planStatements, runUpsert, type ConflictMode } from './bulk-upsert.ts';
import { CopyFastPath } from './copy-fast-path.ts';
import { toStoreError } from './constraint-errors.ts';
import { toChangeInfo, toIngestedFile, toStreamOffset, toTransaction } from './row-mappers.ts';
import type { StoreExecutor } from './store-executor.ts';
import { ACCOUNT_UPSERT, COMPANY_UPSERT, CUSTOMER_COMPANY_UPSERT, CUSTOMER_UPSERT, TRANSACTION_UPSERT, type UpsertSpec } from './upsert-specs.ts';

const nameSchema = z.string().min(1).max(255);
const offsetsSchema = z.array(streamOffsetSchema);
const openingsSchema = z.record(z.string().min(1).max(40), nonNegativeMoneySchema);
const conflictModeSchema = z.enum(['update', 'keep']).default('update');

/** The TransactionStore operations, over whichever executor (pool or open transaction) they get. */
export class PostgresStoreOperations implements TransactionStoreOperations {
  constructor(
    protected readonly executor: StoreExecutor,
    protected readonly chunkSize: number,
    /** Shared by a store and its transactions (its back-off spans calls). */
    protected readonly copyFastPath: CopyFastPath = new CopyFastPath(),
  ) {}

  /** How often upserts tried COPY and fell back (store/copy-fast-path.ts); for tests and diagnostics. */
  get copyStats(): { attempts: number; fallbacks: number } {
    return this.copyFastPath.stats;
  }

  /** Raw SQL on the same connection(s) -- inside withTransaction, on the transaction's connection. */
  get sql(): SqlClient {
    return this.executor.sql;
  }

  upsertCustomers(rows: Customer[]): Promise<UpsertResult> {
    return this.upsert(CUSTOMER_UPSERT, rows, undefined);
  }

  upsertAccounts(rows: Account[]): Promise<UpsertResult> {
    return this.upsert(ACCOUNT_UPSERT, rows, undefined);
  }

  upsertCompanies(rows: Company[]): Promise<UpsertResult> {
    return this.upsert(COMPANY_UPSERT, rows, undefined);
  }

  upsertCustomerCompanies(rows: CustomerCompany[]): Promise<UpsertResult> {
    return this.upsert(CUSTOMER_COMPANY_UPSERT, rows, undefined);
  }

  upsertTransactions(rows: Transaction[], options: UpsertTransactionsOptions = {}): Promise<UpsertResult> {
    if (options.ingestedAt) validDate(options.ingestedAt, 'ingestedAt');
    return this.upsert(TRANSACTION_UPSERT, rows, options.ingestedAt, conflictModeSchema.parse(options.onConflict));
  }

  private async upsert<Row>(
    spec: UpsertSpec<Row>,
    rows: readonly Row[],
    ingestedAt: Date | undefined,
    mode: ConflictMode = 'update',
  ): Promise<UpsertResult> {
    if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    // COPY only on PostgreSQL (PGlite's socket bridge is not built or tested for the COPY
    // sub-protocol, and the embedded default is not where throughput is tuned), and only when
    // no key repeats (a repeat needs ON CONFLICT rounds anyway).
    // The key check only when COPY is not backing off (a replay would pay it on every call).
    const tryCopy = spec.copyWhenNew && this.executor.sql.backend === 'postgres' && this.copyFastPath.shouldTry() && !hasRepeatedKeys(rows, spec.key);
    const upsertPlanned = (statements: Row[][]) => (manager: EntityManager) =>
      runUpsert((text, params) => manager.query(text, params) as Promise<unknown[]>, spec, statements, ingestedAt, mode);
    // Both paths take rows sorted by key: that is the lock order that keeps two writers whose
    // batches overlap (a redelivery racing a replay, two sinks) from deadlocking. COPY in arrival
    // order did deadlock (CI, postgres-store.int.spec.ts): each writer held a key the other needed.
    const statements = planStatements(rows, spec.key, this.chunkSize);
    if (tryCopy) {
      return this.executor.atomic(
        async (manager) => (await this.copyFastPath.tryInsert(manager, spec, statements, ingestedAt)) ?? upsertPlanned(statements)(manager),
      );
    }
    // One statement is atomic by itself; several share a transaction so that the call is all-or-nothing.
    return statements.length > 1 ? this.executor.atomic(upsertPlanned(statements)) : this.executor.run(upsertPlanned(statements));
  }

  recordOpeningBalances(openingBalances: Readonly<Record<string, string>>): Promise<void> {
    const valid = openingsSchema.parse(openingBalances);
    return this.executor.run(async (manager) => {
      try {
        await upsertOpenings((text, params) => manager.query(text, params), valid);
      } catch (error) {
        const rows = Object.entries(valid).map(([account_id, opening_balance]) => ({ account_id, opening_balance }));
        throw toStoreError(error, { table: 'account_openings', keyColumn: 'account_id', rows });
      }
    });
  }

  recomputeBalances(accountIds: readonly string[]): Promise<number> {
    if (accountIds.length === 0) return Promise.resolve(0);
    return this.executor.atomic((manager) => recomputeBalancesSql((text, params) => manager.query(text, params), accountIds));
  }

  readBalances(accountIds: readonly string[]): Promise<Record<string, string>> {
    if (accountIds.length === 0) return Promise.resolve({});
    return this.executor.run(async (manager) => {
      const rows = (await manager.query(`SELECT account_id, balance::text AS balance FROM accounts WHERE account_id = ANY($1::varchar[]) ORDER BY account_id`, [
        [...accountIds],
      ])) as { account_id: string; balance: string }[];
      return Object.fromEntries(rows.map((r) => [r.account_id, r.balance]));
    });
  }

  transactionsByAccount(accountId: string, from: Date, to: Date): Promise<Transaction[]> {
    validDate(from, 'from');
    validDate(to, 'to');
    return this.executor.run(async (manager) => {
      const rows = await manager.getRepository(TransactionEntity).find({
        where: { account_id: accountId, occurred_at: And(MoreThanOrEqual(from), LessThan(to)) },
        order: { occurred_at: 'ASC', tx_id: 'ASC' },
      });
      return rows.map(toTransaction);
    });
  }

  countTransactions(): Promise<number> {
    return this.executor.run((manager) => manager.getRepository(TransactionEntity).count());
  }

  transactionChangeInfo(txIds: string[]): Promise<TransactionChangeInfo[]> {
    if (txIds.length === 0) return Promise.resolve([]);
    return this.executor.run(async (manager) => {
      const rows = await manager.getRepository(TransactionEntity).find({
        select: { tx_id: true, ingested_at: true, updated_at: true, change_seq: true },
        where: { tx_id: In(txIds) },
        order: { tx_id: 'ASC' },
      });
      return rows.map(toChangeInfo);
    });
  }

  recordIngestedFile(file: IngestedFile): Promise<void> {
    const valid = ingestedFileSchema.parse(file);
    return this.executor.run(async (manager) => {
      try {
        await manager.getRepository(IngestedFileEntity).insert({ ...valid, ingested_at: new Date(valid.ingested_at) });
      } catch (error) {
        throw toStoreError(error, { table: 'ingested_files', keyColumn: 'sha256', rows: [valid], schema: ingestedFileSchema });
      }
    });
  }

  accountCurrency(accountId: string): Promise<string | undefined> {
    return this.executor.run(async (manager) => {
      const row = await manager.getRepository(AccountEntity).findOne({ select: { currency: true }, where: { account_id: accountId } });
      return row?.currency;
    });
  }

  findIngestedFile(sha256: string): Promise<IngestedFile | undefined> {
    return this.executor.run(async (manager) => {
      const row = await manager.getRepository(IngestedFileEntity).findOneBy({ sha256 });
      return row ? toIngestedFile(row) : undefined;
    });
  }

  saveOffsets(group: string, topic: string, offsets: StreamOffset[]): Promise<void> {
    nameSchema.parse(group);
    nameSchema.parse(topic);
    // Last position per partition wins; sorted so concurrent savers lock rows in the same order.
    const latest = [...new Map(offsetsSchema.parse(offsets).map((o) => [o.partition, o])).values()].sort(
      (a, b) => a.partition - b.partition,
    );
    if (latest.length === 0) return Promise.resolve();
    return this.executor.run(async (manager) => {
      try {
        await manager.query(
          // furthest_offset only grows (GREATEST skips NULLs): a rewind keeps what was applied before.
          `INSERT INTO stream_offsets (consumer_group, topic, partition, next_offset, furthest_offset, updated_at)
           SELECT $1, $2, p.partition, p.next_offset, p.next_offset, now()
           FROM unnest($3::int[], $4::bigint[]) WITH ORDINALITY AS p(partition, next_offset, ord)
           ORDER BY p.ord
           ON CONFLICT (consumer_group, topic, partition)
           DO UPDATE SET next_offset = EXCLUDED.next_offset,
                         furthest_offset = GREATEST(stream_offsets.furthest_offset, stream_offsets.next_offset, EXCLUDED.next_offset),
                         updated_at = EXCLUDED.updated_at`,
          [group, topic, latest.map((o) => o.partition), latest.map((o) => o.offset)],
        );
      } catch (error) {
        throw toStoreError(error, { table: 'stream_offsets', keyColumn: 'partition', rows: latest });
      }
    });
  }

  loadOffsets(group: string, topic: string): Promise<StreamOffset[]> {
    return this.executor.run(async (manager) => {
      const rows = await manager.getRepository(StreamOffsetEntity).find({
        select: { partition: true, next_offset: true, furthest_offset: true },
        where: { consumer_group: group, topic },
        order: { partition: 'ASC' },
      });
      return rows.map(toStreamOffset);
    });
  }
}

function validDate(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new RangeError(`${name} must be a valid Date`);
}
