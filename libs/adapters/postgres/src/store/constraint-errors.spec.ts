import { describe, expect, it } from 'vitest';
import { StoreConstraintError } from '@ledgerline/ingestion';
import { accountFixture, transactionFixture } from '@ledgerline/ingestion/testing';
import { accountSchema, transactionSchema } from '@ledgerline/transactions';
import { toStoreError } from './constraint-errors.ts';

/** What TypeORM throws: a QueryFailedError carrying pg's error fields as driverError. */
function queryFailed(fields: Record<string, string>): Error {
  return Object.assign(new Error('query failed'), { driverError: { message: 'db says no', ...fields } });
}

describe('toStoreError', () => {
  const txs = [transactionFixture(1, 'acc-1'), { ...transactionFixture(2, 'acc-1'), amount: '0.00' }, transactionFixture(3, 'acc-1')];

  it('names the row that breaks a CHECK by re-checking the guarded column', () => {
    const error = toStoreError(
      queryFailed({ code: '23514', constraint: 'transactions_amount_positive', table: 'transactions', detail: 'Failing row contains (x, ...' }),
      { table: 'transactions', keyColumn: 'tx_id', rows: txs, schema: transactionSchema },
    );
    expect(error).toBeInstanceOf(StoreConstraintError);
    expect(error).toMatchObject({ kind: 'check', constraint: 'transactions_amount_positive', rowKey: txs[1]!.tx_id });
    expect((error as Error).message).toMatch(/^transactions row tx_id=tx-0000002 violates transactions_amount_positive \(check\): amount/);
  });

  it('only blames a row for the column the constraint guards, not for unrelated invalid fields', () => {
    const rows = [{ ...transactionFixture(1, 'acc-1'), mcc: 'bad' }, { ...transactionFixture(2, 'acc-1'), amount: '-1.00' }];
    const error = toStoreError(queryFailed({ code: '23514', constraint: 'transactions_amount_positive' }), {
      table: 'transactions',
      keyColumn: 'tx_id',
      rows,
      schema: transactionSchema,
    });
    expect(error).toMatchObject({ rowKey: rows[1]!.tx_id });
  });

  it('finds the row of a foreign-key violation from the key in the detail', () => {
    const accounts = [accountFixture(1, 'cus-1'), accountFixture(2, 'cus-404')];
    const error = toStoreError(
      queryFailed({
        code: '23503',
        constraint: 'accounts_customer_fk',
        table: 'accounts',
        detail: 'Key (customer_id)=(cus-404) is not present in table "customers".',
      }),
      { table: 'accounts', keyColumn: 'account_id', rows: accounts, schema: accountSchema },
    );
    expect(error).toMatchObject({ kind: 'foreign_key', keyColumn: 'account_id', rowKey: accounts[1]!.account_id });
  });

  it('falls back to the first value of "Failing row contains" when no rule explains the row', () => {
    const error = toStoreError(queryFailed({ code: '23514', constraint: 'some_new_rule', detail: 'Failing row contains (tx-9, acc-1, 5).' }), {
      table: 'transactions',
      keyColumn: 'tx_id',
      rows: [transactionFixture(9, 'acc-1')],
      schema: transactionSchema,
    });
    expect(error).toMatchObject({ rowKey: 'tx-9', constraint: 'some_new_rule' });
  });

  it('reports values a column cannot hold as invalid_value, naming the first row the domain rejects', () => {
    const rows = [transactionFixture(1, 'acc-1'), { ...transactionFixture(2, 'acc-1'), tx_id: 'x'.repeat(81) }];
    const error = toStoreError(queryFailed({ code: '22001' }), { table: 'transactions', keyColumn: 'tx_id', rows, schema: transactionSchema });
    expect(error).toMatchObject({ kind: 'invalid_value', rowKey: rows[1]!.tx_id });
  });

  it('returns other errors unchanged', () => {
    const lost = queryFailed({ code: '08006' });
    expect(toStoreError(lost, { table: 'transactions', keyColumn: 'tx_id', rows: [] })).toBe(lost);
    const plain = new Error('boom');
    expect(toStoreError(plain, { table: 'transactions', keyColumn: 'tx_id', rows: [] })).toBe(plain);
  });
});
