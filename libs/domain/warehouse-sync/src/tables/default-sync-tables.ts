import type { SyncColumn, SyncTableSpec } from './sync-table-spec.ts';

// The RAW contract (docs/conventions.md): every column of the domain model of the same name,
// plus updated_at and, for transactions, ingested_at. The sync adds _change_seq, _deleted and
// _synced_at itself. Keep these lists in step with @ledgerline/transactions' schemas.

const col = (name: string, type: SyncColumn['type'] = 'string'): SyncColumn => ({ name, type });

export const CUSTOMERS_SYNC_TABLE: SyncTableSpec = {
  name: 'customers',
  key: 'customer_id',
  columns: [
    col('customer_id'),
    col('kind'),
    col('persona'),
    col('name'),
    col('email'),
    col('city'),
    col('state'),
    col('country'),
    col('created_at', 'timestamp'),
    col('updated_at', 'timestamp'),
  ],
};

export const ACCOUNTS_SYNC_TABLE: SyncTableSpec = {
  name: 'accounts',
  key: 'account_id',
  columns: [
    col('account_id'),
    col('customer_id'),
    col('account_type'),
    col('currency'),
    col('balance', 'money'),
    col('status'),
    col('opened_at', 'timestamp'),
    col('updated_at', 'timestamp'),
  ],
};

export const TRANSACTIONS_SYNC_TABLE: SyncTableSpec = {
  name: 'transactions',
  key: 'tx_id',
  columns: [
    col('tx_id'),
    col('account_id'),
    col('occurred_at', 'timestamp'),
    col('amount', 'money'),
    col('direction'),
    col('txn_type'),
    col('currency'),
    col('normalized_amount', 'money'),
    col('merchant'),
    col('mcc'),
    col('category'),
    col('subcategory'),
    col('channel'),
    col('description'),
    col('city'),
    col('state'),
    col('country'),
    col('is_recurring', 'boolean'),
    col('status'),
    col('related_account_id'),
    col('source'),
    col('source_ref'),
    col('ingested_at', 'timestamp'),
    col('updated_at', 'timestamp'),
  ],
};

/** Parents first, so a warehouse reader never sees a transaction whose account is missing. */
export const DEFAULT_SYNC_TABLES: readonly SyncTableSpec[] = [CUSTOMERS_SYNC_TABLE, ACCOUNTS_SYNC_TABLE, TRANSACTIONS_SYNC_TABLE];

/** Picks specs by name (for `--tables a,b`), failing on names that are not configured. */
export function selectSyncTables(all: readonly SyncTableSpec[], names: readonly string[] | undefined): SyncTableSpec[] {
  if (!names || names.length === 0) return [...all];
  const unknown = names.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length > 0) {
    throw new Error(`unknown sync table(s): ${unknown.join(', ')} (configured: ${all.map((s) => s.name).join(', ')})`);
  }
  return all.filter((s) => names.includes(s.name));
}
