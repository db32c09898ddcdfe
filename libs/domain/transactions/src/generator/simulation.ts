import { generateMersenne53Randomizer } from '@faker-js/faker';
import type { Account, Customer } from '../model/customer.ts';
import { fromCents } from '../model/money.ts';
import type { Transaction } from '../model/transaction.ts';
import { companiesOf, type CompanyRecords } from './companies.ts';
import { createCustomer } from './customer-factory.ts';
import type { ResolvedGeneratorOptions } from './generator-options.ts';
import { Ledger, MonthOutput, type AnomalyRecord } from './ledger.ts';
import { LocalFakers, MerchantPools } from './merchant-pools.ts';
import { MonthPlanner, type MonthContext } from './month-planner.ts';
import { Rng } from './random.ts';
import type { CustomerState, PlannedEvent } from './simulation-state.ts';
import { TransactionFactory } from './transaction-factory.ts';
import { TradePlanner } from './trade-planner.ts';
import { monthShape } from './time-of-day.ts';

/** Mixed into the seed of the trades' random stream. */
const TRADE_STREAM_SALT = 0x7ade5;

/** The batch sorted by occurred_at, then tx_id, comparing epoch numbers rather than ISO strings (hot path). */
function sortByTimeThenId({ transactions, times }: MonthOutput): Transaction[] {
  const order = transactions.map((_, i) => i);
  order.sort((a, b) => {
    const dt = (times[a] as number) - (times[b] as number);
    if (dt !== 0) return dt;
    const idA = (transactions[a] as Transaction).tx_id;
    const idB = (transactions[b] as Transaction).tx_id;
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  });
  return order.map((i) => transactions[i] as Transaction);
}

/**
 * One seeded run: customers are created up front, then months are simulated one at a time.
 * The dataset and the endless stream both drive this same class month by month, so for the same
 * options the stream's output starts with exactly the dataset's transactions.
 *
 * All randomness comes from one Mersenne Twister seeded with `options.seed` (shared by the
 * per-locale Faker instances), consumed in a fixed order: same options -> identical output.
 */
export class Simulation {
  readonly customers: CustomerState[] = [];
  readonly anomalies: AnomalyRecord[] = [];
  readonly openingBalances: Record<string, string> = {};
  private readonly planner: MonthPlanner;
  private readonly ledger: Ledger;
  private readonly rng: Rng;
  private readonly fakers: LocalFakers;
  private readonly pools: MerchantPools;
  private readonly trades: TradePlanner | undefined;
  private monthIndex = 0;

  constructor(private readonly options: ResolvedGeneratorOptions) {
    const randomizer = generateMersenne53Randomizer(options.seed);
    this.rng = new Rng(randomizer);
    this.fakers = new LocalFakers(randomizer);
    this.pools = new MerchantPools(this.fakers);
    this.addCustomers(options.customers);
    this.planner = new MonthPlanner(this.rng, this.pools);
    this.ledger = new Ledger(new TransactionFactory(options.seed, options.baseCurrency, options.source), this.rng, this.anomalies, options.market);
    // Trades draw from a stream of their own, so the run's other draws stay in their order.
    this.trades = options.market ? new TradePlanner(new Rng(generateMersenne53Randomizer(options.seed ^ TRADE_STREAM_SALT)), options.market) : undefined;
  }

  /** Months simulated so far. */
  get monthsSimulated(): number {
    return this.monthIndex;
  }

  /**
   * Grows the population to `total` customers. They are created now (drawing from the same
   * random sequence, so a replay that grows at the same point gets the same people) with
   * accounts opened before the next simulated month, and take part from that month on.
   */
  addCustomers(total: number): void {
    const startMs = Date.UTC(this.options.startYear, this.options.startMonth0 + this.monthIndex, 1);
    for (let i = this.customers.length + 1; i <= total; i++) {
      const customer = createCustomer(i, { rng: this.rng, fakers: this.fakers, pools: this.pools, startMs });
      this.customers.push(customer);
      for (const a of customer.accounts) this.openingBalances[a.account.account_id] = fromCents(a.balance);
    }
  }

  /** Simulates the next month and returns its transactions sorted by occurred_at, then tx_id. */
  nextMonth(): Transaction[] {
    const month0 = this.options.startMonth0 + this.monthIndex;
    const year = this.options.startYear + Math.floor(month0 / 12);
    const m0 = month0 % 12;
    this.monthIndex++;
    const month: MonthContext = { year, month0: m0, ...monthShape(year, m0), label: `${year}-${String(m0 + 1).padStart(2, '0')}` };
    const monthEndMs = Date.UTC(year, m0 + 1, 1);

    const batch = new MonthOutput();
    for (const c of this.customers) {
      const due: PlannedEvent[] = [];
      const later: PlannedEvent[] = [];
      for (const event of c.carried) (event.at < monthEndMs ? due : later).push(event);
      c.carried = later;
      const planned = this.planner.plan(c, month);
      for (const event of planned) due.push(event);
      if (this.trades) for (const event of this.trades.plan(c, month)) due.push(event);
      this.ledger.settle(c, due, monthEndMs, batch);
    }
    return sortByTimeThenId(batch);
  }

  customerRecords(): Customer[] {
    return this.customers.map((c) => ({ ...c.customer }));
  }

  /** The population's companies and customer-company links (derived, no draws: companies.ts). */
  companyRecords(): CompanyRecords {
    return companiesOf(this.options.seed, this.customerRecords());
  }

  /** Accounts as they stand now: balance is the running (closing) balance. */
  accountRecords(): Account[] {
    return this.customers.flatMap((c) =>
      c.accounts.map((a) => ({
        ...a.account,
        balance: fromCents(a.balance),
        updated_at: new Date(a.lastActivity).toISOString(),
      })),
    );
  }
}
