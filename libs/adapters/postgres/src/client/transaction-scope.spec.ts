import { describe, expect, it } from 'vitest';
import { TransactionScope } from './transaction-scope.ts';

describe('TransactionScope', () => {
  it('rejects outer-store use only within the async chain of a running transaction', async () => {
    const scope = new TransactionScope();
    expect(() => scope.assertOutside('countTransactions')).not.toThrow();
    await scope.run(async () => {
      await Promise.resolve();
      expect(() => scope.assertOutside('countTransactions')).toThrow(/countTransactions .* inside withTransaction/);
    });
    expect(() => scope.assertOutside('countTransactions')).not.toThrow();
    expect(() => new TransactionScope().assertOutside('x')).not.toThrow();
  });
});
