import { accountSchema, customerSchema, transactionSchema } from '@ledgerline/transactions';
import { describe, expect, it } from 'vitest';
import { RAW_TABLES, createTableSql } from './raw-tables.ts';

// The RAW contract: every column of the domain model of the same name, plus updated_at (and
// ingested_at for transactions). Money is decimal(15,2), timestamps timestamptz.
describe('RAW tables', () => {
  it('hold every field of the domain schemas plus the contract extras', () => {
    const names = (table: keyof typeof RAW_TABLES): string[] => RAW_TABLES[table].columns.map((c) => c.name).sort();
    expect(names('customers')).toEqual(Object.keys(customerSchema.shape).sort());
    expect(names('accounts')).toEqual(Object.keys(accountSchema.shape).sort());
    expect(names('transactions')).toEqual([...Object.keys(transactionSchema.shape), 'ingested_at', 'updated_at'].sort());
  });

  it('type money as decimal(15,2) and times as timestamptz', () => {
    const typeOf = (table: keyof typeof RAW_TABLES, column: string): string | undefined => RAW_TABLES[table].columns.find((c) => c.name === column)?.type;
    expect(['amount', 'normalized_amount'].map((c) => typeOf('transactions', c))).toEqual(['decimal(15,2)', 'decimal(15,2)']);
    expect(typeOf('accounts', 'balance')).toBe('decimal(15,2)');
    expect(['occurred_at', 'ingested_at', 'updated_at'].map((c) => typeOf('transactions', c))).toEqual(['timestamptz', 'timestamptz', 'timestamptz']);
    expect(createTableSql(RAW_TABLES.transactions)).toMatch(/^create table if not exists raw\.transactions \(tx_id varchar primary key, .*_change_seq bigint, _deleted boolean, _synced_at timestamptz\)$/);
  });
});
