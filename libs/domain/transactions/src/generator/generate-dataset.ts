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
  const customers = simulation.customerRecords();
  const openingBalances = { ...simulation.openingBalances };
  const transactions: Transaction[] = [];
  for (let m = 0; m < resolved.months; m++) {
    for (const tx of simulation.nextMonth()) transactions.push(tx); // no spread: batches exceed argument limits
  }
  return {
    customers,
    ...simulation.companyRecords(),
    accounts: simulation.accountRecords(),
    transactions,
    anomalies: simulation.anomalies.map((a) => ({ ...a })),
    openingBalances,
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
