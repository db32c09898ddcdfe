import type { Account, Customer } from '../model/customer.ts';
import type { Transaction, TxSource } from '../model/transaction.ts';
import type { CompanyRecords } from './companies.ts';
import { resolveGeneratorOptions } from './generator-options.ts';
import { Simulation } from './simulation.ts';
import { streamPlanSchema, type StreamPlan } from './stream-plan.ts';
import type { TradeMarket } from './trade-market.ts';

export class StreamPlanMismatchError extends Error {}

/**
 * An endless transaction stream that can stop and continue: `open(plan, position)` replays the
 * simulation up to `position` (fast: no I/O, nothing retained) and continues from there, so a
 * restarted producer adds the transactions that come next instead of repeating history.
 */
export class TransactionStreamCursor implements IterableIterator<Transaction> {
  /** Transactions handed out since the stream began (replayed ones included). */
  position = 0;
  private readonly simulation: Simulation;
  private month: Transaction[] = [];
  private index = 0;
  private growthApplied = 0;

  private constructor(
    private plan: StreamPlan,
    source: TxSource,
    market: TradeMarket | undefined,
  ) {
    this.simulation = new Simulation(
      resolveGeneratorOptions({ seed: plan.seed, customers: plan.customers, months: 1, startMonth: plan.startMonth, baseCurrency: plan.baseCurrency, source, ...(market ? { market } : {}) }),
    );
  }

  /**
   * The cursor of `plan` at `position` (0 = a new stream). A plan that trades (`plan.market`) needs
   * that very market: with another one (or none) the replayed history would not be the stream's.
   */
  static open(plan: StreamPlan, position: number, source: TxSource = 'stream', market?: TradeMarket): TransactionStreamCursor {
    const parsed = streamPlanSchema.parse(plan);
    if (parsed.market !== market?.id) {
      throw new StreamPlanMismatchError(`the stream ${parsed.market ? `trades on market ${parsed.market}` : 'has no trades'}; it cannot continue ${market ? `on market ${market.id}` : 'without a market'}`);
    }
    const cursor = new TransactionStreamCursor(parsed, source, market);
    cursor.applyGrowth();
    while (cursor.position < position) {
      cursor.next();
      cursor.applyGrowth();
    }
    return cursor;
  }

  get currentPlan(): StreamPlan {
    return { ...this.plan, growth: [...this.plan.growth] };
  }

  get customerCount(): number {
    return this.simulation.customers.length;
  }

  /**
   * Grows the population to `total` from here on (recorded in the plan). Fewer customers than
   * the stream has is refused: their accounts, balances and history are already part of it.
   */
  growTo(total: number): void {
    if (total < this.customerCount) {
      throw new StreamPlanMismatchError(`the stream already simulates ${this.customerCount} customers; it cannot continue with ${total}`);
    }
    if (total === this.customerCount) return;
    this.plan = { ...this.plan, growth: [...this.plan.growth, { atPosition: this.position, customers: total }] };
    this.applyGrowth();
  }

  next(): IteratorResult<Transaction> {
    while (this.index >= this.month.length) {
      this.month = this.simulation.nextMonth();
      this.index = 0;
    }
    const tx = this.month[this.index++] as Transaction;
    this.position += 1;
    return { done: false, value: tx };
  }

  [Symbol.iterator](): IterableIterator<Transaction> {
    return this;
  }

  customerRecords(): Customer[] {
    return this.simulation.customerRecords();
  }

  /** The companies of the customers so far and their links (a plan from before companies gets them too). */
  companyRecords(): CompanyRecords {
    return this.simulation.companyRecords();
  }

  accountRecords(): Account[] {
    return this.simulation.accountRecords();
  }

  /** account_id -> balance before the account's first transaction. */
  openingBalances(): Record<string, string> {
    return { ...this.simulation.openingBalances };
  }

  private applyGrowth(): void {
    for (;;) {
      const step = this.plan.growth[this.growthApplied];
      if (!step || step.atPosition !== this.position) return;
      this.simulation.addCustomers(step.customers);
      this.growthApplied += 1;
    }
  }
}
