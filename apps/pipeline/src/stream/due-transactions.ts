import type { Transaction } from '@ledgerline/transactions';

/**
 * The stream as the wall clock allows it: yields transactions whose occurred_at has come and
 * ends (for now) at the first one still in the future, which it keeps for the next round. So
 * history up to now goes out at the producer's rate, and after that each transaction goes out
 * when its time comes, stamped as the simulation planned it: nothing is ever future-dated.
 */
export class DueTransactions implements Iterable<Transaction> {
  private peeked: Transaction | undefined;

  constructor(
    private readonly source: Iterator<Transaction>,
    private readonly now: () => number = Date.now,
  ) {}

  [Symbol.iterator](): Iterator<Transaction> {
    return {
      next: (): IteratorResult<Transaction> => {
        const tx = this.peek();
        if (!tx || Date.parse(tx.occurred_at) > this.now()) return { done: true, value: undefined };
        this.peeked = undefined;
        return { done: false, value: tx };
      },
    };
  }

  /** Milliseconds until the next transaction is due (0 when it already is). */
  msUntilNext(): number {
    const tx = this.peek();
    return tx ? Math.max(0, Date.parse(tx.occurred_at) - this.now()) : Number.POSITIVE_INFINITY;
  }

  /** occurred_at of the next transaction (due or not). */
  nextDueAt(): Date | undefined {
    const tx = this.peek();
    return tx ? new Date(tx.occurred_at) : undefined;
  }

  private peek(): Transaction | undefined {
    if (!this.peeked) {
      const item = this.source.next();
      if (!item.done) this.peeked = item.value;
    }
    return this.peeked;
  }
}
