import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Knows whether the current async call chain is inside one of this store's transactions, so that
 * using the outer store (or its SqlClient) from inside `withTransaction` fails loudly instead of
 * silently running outside the transaction -- or, on PGlite's single connection, waiting forever
 * for the connection the transaction itself holds.
 */
export class TransactionScope {
  private readonly active = new AsyncLocalStorage<true>();

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.active.run(true, work);
  }

  assertOutside(operation: string): void {
    if (this.active.getStore()) {
      throw new Error(
        `${operation} was called on the outer store inside withTransaction/transaction: use the store or ` +
          'SqlClient passed to the work function (the outer one runs outside the transaction, and on a ' +
          'single-connection backend it would wait forever)',
      );
    }
  }
}
