import { describe, expect, it } from 'vitest';
import { StoreConstraintError } from './store-constraint-error.ts';

describe('StoreConstraintError', () => {
  it('names the table, row, constraint, kind and reason in its message and fields', () => {
    const cause = new Error('driver error');
    const error = new StoreConstraintError(
      { table: 'transactions', constraint: 'transactions_amount_positive', kind: 'check', keyColumn: 'tx_id', rowKey: 'tx-7', reason: 'amount: must be greater than 0' },
      { cause },
    );
    expect(error.message).toBe('transactions row tx_id=tx-7 violates transactions_amount_positive (check): amount: must be greater than 0');
    expect(error).toMatchObject({ name: 'StoreConstraintError', table: 'transactions', rowKey: 'tx-7', kind: 'check' });
    expect(error.cause).toBe(cause);
    expect(error).toBeInstanceOf(Error);
  });

  it('still reads well when the row could not be identified', () => {
    const error = new StoreConstraintError({ table: 'accounts', constraint: 'accounts_customer_fk', kind: 'foreign_key' });
    expect(error.message).toBe('a row of accounts violates accounts_customer_fk (foreign key)');
    expect(error.rowKey).toBeUndefined();
  });
});
