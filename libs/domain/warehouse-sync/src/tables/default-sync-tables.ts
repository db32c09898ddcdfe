import {
  ACCOUNT_ROW_COLUMNS,
  COMPANY_ROW_COLUMNS,
  CUSTOMER_COMPANY_ROW_COLUMNS,
  CUSTOMER_ROW_COLUMNS,
  TRANSACTION_ROW_COLUMNS,
  type RowColumn,
} from '@ledgerline/transactions';
import type { SyncColumn, SyncTableSpec } from './sync-table-spec.ts';

// The RAW contract (docs/conventions.md): every column of the domain model of the same name,
// plus updated_at and, for transactions, ingested_at. The sync adds _change_seq, _deleted and
// _synced_at itself. The domain columns come from the zod schemas (rowColumnsOf), so a field
// added there is synced without touching this file.

const fromDomain = (columns: readonly RowColumn[]): SyncColumn[] => columns.map((c) => ({ name: c.name, type: c.kind }));
const timestamp = (name: string): SyncColumn => ({ name, type: 'timestamp' });
/** customers and accounts carry updated_at in their schema already; transactions get it from Postgres. */
const withUpdatedAt = (columns: SyncColumn[]): SyncColumn[] => (columns.some((c) => c.name === 'updated_at') ? columns : [...columns, timestamp('updated_at')]);

export const CUSTOMERS_SYNC_TABLE: SyncTableSpec = {
  name: 'customers',
  key: 'customer_id',
  columns: withUpdatedAt(fromDomain(CUSTOMER_ROW_COLUMNS)),
};

export const ACCOUNTS_SYNC_TABLE: SyncTableSpec = {
  name: 'accounts',
  key: 'account_id',
  columns: withUpdatedAt(fromDomain(ACCOUNT_ROW_COLUMNS)),
};

/** Companies and customer-company links (issue #18): master data like customers, each row carries updated_at. */
export const COMPANIES_SYNC_TABLE: SyncTableSpec = {
  name: 'companies',
  key: 'company_id',
  columns: withUpdatedAt(fromDomain(COMPANY_ROW_COLUMNS)),
};

export const CUSTOMER_COMPANIES_SYNC_TABLE: SyncTableSpec = {
  name: 'customer_companies',
  key: 'relationship_id',
  columns: withUpdatedAt(fromDomain(CUSTOMER_COMPANY_ROW_COLUMNS)),
};

export const TRANSACTIONS_SYNC_TABLE: SyncTableSpec = {
  name: 'transactions',
  key: 'tx_id',
  columns: [...fromDomain(TRANSACTION_ROW_COLUMNS), timestamp('ingested_at'), timestamp('updated_at')],
};

/** Parents first, so a warehouse reader never sees a transaction whose account is missing. */
export const DEFAULT_SYNC_TABLES: readonly SyncTableSpec[] = [
  CUSTOMERS_SYNC_TABLE,
  COMPANIES_SYNC_TABLE,
  CUSTOMER_COMPANIES_SYNC_TABLE,
  ACCOUNTS_SYNC_TABLE,
  TRANSACTIONS_SYNC_TABLE,
];

/** Picks specs by name (for `--tables a,b`), failing on names that are not configured. */
export function selectSyncTables(all: readonly SyncTableSpec[], names: readonly string[] | undefined): SyncTableSpec[] {
  if (!names || names.length === 0) return [...all];
  const unknown = names.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length > 0) {
    throw new Error(`unknown sync table(s): ${unknown.join(', ')} (configured: ${all.map((s) => s.name).join(', ')})`);
  }
  return all.filter((s) => names.includes(s.name));
}
