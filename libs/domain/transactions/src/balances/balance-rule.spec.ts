import { describe, expect, it } from 'vitest';
import { TX_STATUSES } from '../model/transaction.ts';
import { BALANCE_MOVING_STATUSES, ledgerBalance, movesBalance } from './balance-rule.ts';

const tx = (amount: string, direction: 'DEBIT' | 'CREDIT', status: (typeof TX_STATUSES)[number], currency = 'EUR') => ({ amount, direction, status, currency });

describe('balance rule', () => {
  it('counts POSTED and PENDING, never DECLINED or REVERSED', () => {
    expect(TX_STATUSES.filter((status) => movesBalance({ status }))).toEqual(['PENDING', 'POSTED']);
    expect([...BALANCE_MOVING_STATUSES].sort()).toEqual(['PENDING', 'POSTED']);
  });

  it('adds credits and subtracts debits of the moving transactions to the opening balance', () => {
    const ledger = [tx('100.10', 'CREDIT', 'POSTED'), tx('30.05', 'DEBIT', 'PENDING'), tx('999.00', 'DEBIT', 'DECLINED'), tx('50.00', 'CREDIT', 'REVERSED')];
    expect(ledgerBalance('10.00', ledger, 'EUR')).toBe('80.05');
    expect(ledgerBalance('10.00', [], 'EUR')).toBe('10.00');
  });

  it('settles a foreign-currency transaction in the account currency', () => {
    // 10.00 EUR on a USD account moves the converted amount, not 10.00.
    const settled = ledgerBalance('0.00', [tx('10.00', 'CREDIT', 'POSTED', 'EUR')], 'USD');
    expect(settled).not.toBe('10.00');
    expect(Number(settled)).toBeGreaterThan(0);
  });
});
