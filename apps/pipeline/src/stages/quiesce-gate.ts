import type { TransactionStore, TransactionStoreTx } from '@ledgerline/ingestion';

/**
 * A mutex between the stream sink's batch transactions and the warehouse sync's data phase.
 * While a sync reads its change pages no batch commits, so the pages of all tables describe one
 * state of the store: a transaction never reaches the warehouse before its account's balance
 * update, and rows that every batch touches (account balances) cannot keep slipping past the
 * sync's horizon. The sink only waits for the load itself (well under a second), not for dbt.
 */
export class QuiesceGate {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `work` exclusively; callers queue in arrival order. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Takes the gate until the returned function is called (for phases that end in a callback). */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        release();
      }
    };
  }
}

/** The store with every batch transaction (and bare upsert) passed through the gate. */
export function gatedStore(store: TransactionStore, gate: QuiesceGate): TransactionStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'withTransaction') {
        return <T>(work: (tx: TransactionStoreTx) => Promise<T>): Promise<T> => gate.run(() => target.withTransaction(work));
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
