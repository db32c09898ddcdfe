import type { TransactionStore, TransactionStoreTx } from '@ledgerline/ingestion';
import type { SqlClient } from '../client/sql-client.ts';
import type { PostgresTransactionStore } from '../store/postgres-transaction-store.ts';
import { recomputeAccountBalances } from './refresh-account-balances.ts';

/**
 * A TransactionStore that keeps `accounts.balance` true to the transactions it holds: every
 * database transaction that upserts transactions also recomputes the balances of the accounts it
 * touched, in the same transaction, so rows and balances always commit together (a warehouse
 * sync can never see one without the other). Recomputation (not += delta) keeps replays and
 * redeliveries exact.
 */
export function withBalanceUpkeep(store: PostgresTransactionStore, openingBalances: Record<string, string>): TransactionStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'withTransaction') {
        return <T>(work: (tx: TransactionStoreTx) => Promise<T>): Promise<T> =>
          target.withTransaction(async (tx) => {
            const touched = new Set<string>();
            const tracked = new Proxy(tx, {
              get(inner, key) {
                const value: unknown = Reflect.get(inner, key, inner);
                if (key === 'upsertTransactions' && typeof value === 'function') {
                  return (rows: Parameters<TransactionStoreTx['upsertTransactions']>[0], options?: Parameters<TransactionStoreTx['upsertTransactions']>[1]) => {
                    for (const row of rows) touched.add(row.account_id);
                    return tx.upsertTransactions(rows, options);
                  };
                }
                return typeof value === 'function' ? value.bind(inner) : value;
              },
            });
            const result = await work(tracked);
            if (touched.size > 0) await recomputeAccountBalances(sqlOf(tx), openingBalances, [...touched]);
            return result;
          });
      }
      if (property === 'upsertTransactions') {
        return (rows: Parameters<TransactionStore['upsertTransactions']>[0], options?: Parameters<TransactionStore['upsertTransactions']>[1]) =>
          receiver.withTransaction((tx: TransactionStoreTx) => tx.upsertTransactions(rows, options));
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The Postgres store's transaction operations carry their SQL client (store-operations.ts). */
function sqlOf(tx: TransactionStoreTx): SqlClient {
  const sql: unknown = Reflect.get(tx, 'sql');
  if (!sql || typeof (sql as SqlClient).query !== 'function') throw new Error('withBalanceUpkeep needs a Postgres store transaction');
  return sql as SqlClient;
}
