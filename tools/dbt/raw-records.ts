import type { Account, Company, Customer, CustomerCompany, Transaction } from '@ledgerline/transactions';
import { RAW_TABLES, type RawTableName } from './raw-tables.ts';

/** A RAW column value as it crosses into the warehouse: money and timestamps as strings. */
export type RawValue = string | boolean | bigint | null;
export type RawRecord = Readonly<Record<string, RawValue>>;

/** What the operational store holds: the input of a sync. */
export interface RawDataset {
  readonly customers: readonly Customer[];
  readonly accounts: readonly Account[];
  readonly transactions: readonly Transaction[];
  /** Absent in the built-in dataset and in change plans that do not touch them. */
  readonly companies?: readonly Company[];
  readonly customerCompanies?: readonly CustomerCompany[];
}

/** Companies and their links are optional: a change plan written before them leaves them alone. */
export type RawRecordsByTable = Record<Exclude<RawTableName, 'companies' | 'customer_companies'>, RawRecord[]> &
  Partial<Record<'companies' | 'customer_companies', RawRecord[]>>;

/** Master rows (customers, companies, links, accounts) carry their own updated_at. */
export function masterRecord(row: object, changeSeq: bigint): RawRecord {
  return { ...(row as RawRecord), _change_seq: changeSeq, _deleted: false };
}

export function customerRecord(customer: Customer, changeSeq: bigint): RawRecord {
  return { ...customer, _change_seq: changeSeq, _deleted: false };
}

export function accountRecord(account: Account, changeSeq: bigint): RawRecord {
  return { ...account, _change_seq: changeSeq, _deleted: false };
}

/**
 * Transactions carry no updated_at/ingested_at in the domain model; Postgres adds them on
 * insert. Synthetic data is ingested as it happens, so both are the occurrence time.
 */
export function transactionRecord(tx: Transaction, changeSeq: bigint, updatedAt: string = tx.occurred_at): RawRecord {
  return { ...tx, ingested_at: tx.occurred_at, updated_at: updatedAt, _change_seq: changeSeq, _deleted: false };
}

/** A tombstone as the sync ships it: the key, the change sequence of the delete, nothing else. */
export function tombstoneRecord(table: RawTableName, key: string, changeSeq: bigint): RawRecord {
  return { [RAW_TABLES[table].key]: key, _change_seq: changeSeq, _deleted: true };
}

/**
 * The RAW records of a whole dataset as a first sync would write them, numbered by one global
 * change sequence like Postgres': customers, companies, their links, then accounts, then transactions in occurrence
 * order. Returns the records and the next free sequence number.
 */
export function datasetRecords(dataset: RawDataset, firstSeq = 1n): { records: RawRecordsByTable; nextSeq: bigint } {
  let seq = firstSeq;
  const next = (): bigint => seq++;
  const byTime = [...dataset.transactions].sort((a, b) => Date.parse(a.occurred_at) - Date.parse(b.occurred_at) || a.tx_id.localeCompare(b.tx_id));
  const records: RawRecordsByTable = {
    customers: dataset.customers.map((c) => customerRecord(c, next())),
    companies: (dataset.companies ?? []).map((c) => masterRecord(c, next())),
    customer_companies: (dataset.customerCompanies ?? []).map((l) => masterRecord(l, next())),
    accounts: dataset.accounts.map((a) => accountRecord(a, next())),
    transactions: byTime.map((t) => transactionRecord(t, next())),
  };
  return { records, nextSeq: seq };
}
