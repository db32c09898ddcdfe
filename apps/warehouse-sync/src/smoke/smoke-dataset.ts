import { openPostgres, type PostgresAdapter } from '@ledgerline/postgres';
import { generateDataset } from '@ledgerline/transactions/generator';

export interface SmokeStore {
  readonly adapter: PostgresAdapter;
  readonly counts: { readonly customers: number; readonly accounts: number; readonly transactions: number };
}

const SEED = 20_261_206;
const MONTHS = 3;
/** What the generator makes per customer in three months (about 165): the first guess. */
const TRANSACTIONS_PER_CUSTOMER = 150;

/**
 * At least `rows` generated transactions, with their customers and accounts, in an in-memory
 * operational store (PGlite `memory://`): the smoke run never touches the user's own data. Not
 * cut to exactly `rows`: the accounts' balances are the end state of all their transactions
 * (the balance marts and their tests rely on it), so whole customers are generated instead.
 */
export async function generateSmokeStore(rows: number): Promise<SmokeStore> {
  let customers = Math.max(1, Math.ceil(rows / TRANSACTIONS_PER_CUSTOMER));
  let dataset = generateDataset({ seed: SEED, customers, months: MONTHS, startMonth: '2025-01' });
  while (dataset.transactions.length < rows) {
    customers = Math.ceil(customers * 1.25);
    dataset = generateDataset({ seed: SEED, customers, months: MONTHS, startMonth: '2025-01' });
  }
  const adapter = await openPostgres({ pgliteDir: 'memory://' });
  try {
    await adapter.store.migrate();
    await adapter.store.upsertCustomers(dataset.customers);
    await adapter.store.upsertCompanies(dataset.companies);
    await adapter.store.upsertCustomerCompanies(dataset.customerCompanies);
    await adapter.store.upsertAccounts(dataset.accounts);
    await adapter.store.upsertTransactions(dataset.transactions);
  } catch (error) {
    await adapter.close();
    throw error;
  }
  return {
    adapter,
    counts: { customers: dataset.customers.length, accounts: dataset.accounts.length, transactions: dataset.transactions.length },
  };
}
