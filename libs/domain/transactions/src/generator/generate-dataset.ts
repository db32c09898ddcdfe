import type { Transaction } from '../model/transaction.ts';
import { resolveGeneratorOptions, type GeneratedDataset, type GeneratorOptions } from './generator-options.ts';
import { Simulation } from './simulation.ts';

/**
 * A complete synthetic dataset: customers, accounts (with closing balances), `months` months of
 * transactions sorted by occurred_at then tx_id, anomaly ground truth and opening balances.
 * Deterministic: the same options always give byte-identical JSON.
 */
export function generateDataset(options: GeneratorOptions): GeneratedDataset {
  const resolved = resolveGeneratorOptions(options);
  const simulation = new Simulation(resolved);
  const transactions: Transaction[] = [];
  const grow = growthReplay(simulation, options.growth ?? []);
  grow(0);
  for (let m = 0; m < resolved.months; m++) {
    for (const tx of simulation.nextMonth()) transactions.push(tx); // no spread: batches exceed argument limits
    grow(transactions.length);
  }
  return {
    // After the months: customers who joined on the way are part of the run (their opening balances too).
    customers: simulation.customerRecords(),
    ...simulation.companyRecords(),
    accounts: simulation.accountRecords(),
    transactions,
    anomalies: simulation.anomalies.map((a) => ({ ...a })),
    openingBalances: { ...simulation.openingBalances },
  };
}

/**
 * Applies a stream plan's growth points as TransactionStreamCursor does, a month at a time: the
 * cursor grows once it has handed out `atPosition` transactions, while the month holding the last
 * of them is already simulated, so the new customers join from the month after it. Here, after
 * each month, that is every point at or before the transactions generated so far.
 */
function growthReplay(simulation: Simulation, growth: NonNullable<GeneratorOptions['growth']>): (generated: number) => void {
  let applied = 0;
  return (generated) => {
    for (let step = growth[applied]; step && step.atPosition <= generated; step = growth[++applied]) simulation.addCustomers(step.customers);
  };
}

/**
 * Only the customers and accounts (with opening balances) of a run — what a producer seeds into
 * the operational store before streaming that run's transactions.
 */
export function generateCustomersAndAccounts(
  options: GeneratorOptions,
): Pick<GeneratedDataset, 'customers' | 'companies' | 'customerCompanies' | 'accounts' | 'openingBalances'> {
  const simulation = new Simulation(resolveGeneratorOptions(options));
  return {
    customers: simulation.customerRecords(),
    ...simulation.companyRecords(),
    accounts: simulation.accountRecords(),
    openingBalances: { ...simulation.openingBalances },
  };
}
