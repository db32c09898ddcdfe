/**
 * The RAW contract's tables (docs/conventions.md "Warehouse RAW contract") as DuckDB DDL, for the
 * throwaway warehouses that CI and the dbt integration test build. The real tables are created by
 * the warehouse sync; these mirror them column for column (a spec keeps them in step with the
 * domain schemas), so dbt is tested against the contract rather than against the sync's code.
 */
export const RAW_SCHEMA = 'raw';

export type RawTableName = 'customers' | 'companies' | 'customer_companies' | 'accounts' | 'transactions';
export type RawSqlType = 'varchar' | 'decimal(15,2)' | 'decimal(28,8)' | 'timestamptz' | 'boolean' | 'bigint';

export interface RawColumn {
  readonly name: string;
  readonly type: RawSqlType;
}

export interface RawTable {
  readonly name: RawTableName;
  readonly key: string;
  /** Data columns: the domain model's fields plus updated_at (and ingested_at). */
  readonly columns: readonly RawColumn[];
}

const text = (name: string): RawColumn => ({ name, type: 'varchar' });
const money = (name: string): RawColumn => ({ name, type: 'decimal(15,2)' });
/** A trade's exact quantity or unit price (eight decimals). */
const exact = (name: string): RawColumn => ({ name, type: 'decimal(28,8)' });
const timestamp = (name: string): RawColumn => ({ name, type: 'timestamptz' });
const flag = (name: string): RawColumn => ({ name, type: 'boolean' });

/** Columns the sync maintains on every RAW table. */
export const SYNC_COLUMNS: readonly RawColumn[] = [
  { name: '_change_seq', type: 'bigint' },
  { name: '_deleted', type: 'boolean' },
  timestamp('_synced_at'),
];

export const RAW_TABLES: Readonly<Record<RawTableName, RawTable>> = {
  customers: {
    name: 'customers',
    key: 'customer_id',
    columns: [
      text('customer_id'),
      text('kind'),
      text('persona'),
      text('name'),
      text('email'),
      text('city'),
      text('state'),
      text('country'),
      timestamp('created_at'),
      timestamp('updated_at'),
    ],
  },
  companies: {
    name: 'companies',
    key: 'company_id',
    columns: [
      text('company_id'),
      text('name'),
      text('registration_number'),
      text('industry'),
      text('city'),
      text('country'),
      timestamp('created_at'),
      timestamp('updated_at'),
    ],
  },
  customer_companies: {
    name: 'customer_companies',
    key: 'relationship_id',
    columns: [text('relationship_id'), text('customer_id'), text('company_id'), text('role'), timestamp('linked_at'), timestamp('updated_at')],
  },
  accounts: {
    name: 'accounts',
    key: 'account_id',
    columns: [
      text('account_id'),
      text('customer_id'),
      text('account_type'),
      text('currency'),
      money('balance'),
      text('status'),
      timestamp('opened_at'),
      timestamp('updated_at'),
    ],
  },
  transactions: {
    name: 'transactions',
    key: 'tx_id',
    columns: [
      text('tx_id'),
      text('account_id'),
      timestamp('occurred_at'),
      money('amount'),
      text('direction'),
      text('txn_type'),
      text('currency'),
      money('normalized_amount'),
      text('merchant'),
      text('mcc'),
      text('category'),
      text('subcategory'),
      text('channel'),
      text('description'),
      text('city'),
      text('state'),
      text('country'),
      flag('is_recurring'),
      text('status'),
      text('related_account_id'),
      text('source'),
      text('source_ref'),
      text('asset_symbol'),
      exact('quantity'),
      exact('unit_price'),
      money('fee'),
      timestamp('ingested_at'),
      timestamp('updated_at'),
    ],
  },
};

/** Parents first, like the sync, so a reader never sees a transaction without its account. */
export const RAW_TABLE_ORDER: readonly RawTableName[] = ['customers', 'companies', 'customer_companies', 'accounts', 'transactions'];

/** All columns of a RAW table in DDL order: data columns, then the sync columns. */
export function allColumns(table: RawTable): readonly RawColumn[] {
  return [...table.columns, ...SYNC_COLUMNS];
}

/**
 * `create table` for one RAW table. Only the key is NOT NULL: a tombstone for a key the
 * warehouse never saw carries nothing but the key.
 */
export function createTableSql(table: RawTable): string {
  const columns = allColumns(table).map((c) => `${c.name} ${c.type}${c.name === table.key ? ' primary key' : ''}`);
  return `create table if not exists ${RAW_SCHEMA}.${table.name} (${columns.join(', ')})`;
}
