import { type Account, type Customer, type Transaction } from '@ledgerline/transactions';
import { generateCustomersAndAccounts, generateTransactionStream } from '@ledgerline/transactions/generator';
import { loadRawDataset, withDuckDb } from '@ledgerline/duckdb';

/** About this many transactions per customer per month come out of the generator (measured). */
const TX_PER_CUSTOMER_MONTH = 60;
const MONTHS = 12;

export interface BenchDataset {
  readonly customers: Customer[];
  readonly accounts: Account[];
  readonly transactions: Transaction[];
}

/**
 * `rows` generated transactions over a year (generateTransactionStream, so memory stays bounded
 * while generating), with customers sized so the year is about full. Accounts carry their opening
 * balances (the stream does not report closing ones): fine for timing, not for balance checks.
 */
export function generateBenchDataset(rows: number, seed = 20_261_123): BenchDataset {
  const customers = Math.max(1, Math.ceil(rows / (TX_PER_CUSTOMER_MONTH * MONTHS)));
  const options = { seed, customers, months: MONTHS, startMonth: '2025-01' };
  const master = generateCustomersAndAccounts(options);
  const transactions: Transaction[] = [];
  for (const tx of generateTransactionStream(options)) {
    transactions.push(tx);
    if (transactions.length >= rows) break;
  }
  return { customers: master.customers, accounts: master.accounts, transactions };
}

/**
 * Writes the dataset into a fresh RAW file with the appender, then multiplies it `copies` times
 * inside DuckDB (copy k renames every id with a `-k` suffix: k more customers behaving alike).
 * Replicating in SQL turns minutes of generating into seconds; the distributions stay realistic.
 */
export async function writeRawFile(path: string, data: BenchDataset, copies = 1): Promise<number> {
  await loadRawDataset(path, data);
  if (copies <= 1) return data.transactions.length;
  await withDuckDb(path, async (db) => {
    const suffix = (column: string) => `${column} || '-' || CAST(k AS VARCHAR)`;
    const range = `range(1, ${copies}) AS r(k)`;
    await db.run(`INSERT INTO raw.customers SELECT c.* REPLACE (${suffix('customer_id')} AS customer_id) FROM raw.customers c, ${range}`);
    await db.run(
      `INSERT INTO raw.accounts SELECT a.* REPLACE (${suffix('account_id')} AS account_id, ${suffix('customer_id')} AS customer_id) FROM raw.accounts a, ${range}`,
    );
    // related_account_id || suffix stays NULL when it is NULL (string concatenation with NULL).
    await db.run(
      `INSERT INTO raw.transactions SELECT t.* REPLACE (${suffix('tx_id')} AS tx_id, ${suffix('account_id')} AS account_id,
         ${suffix('related_account_id')} AS related_account_id)
       FROM raw.transactions t, ${range}`,
    );
    await db.run('CHECKPOINT');
  });
  return data.transactions.length * copies;
}

/**
 * The customers and accounts of all `copies` that writeRawFile makes, renamed the same way (copy
 * k, k >= 1, suffixes every id with `-k`): what an operational store holding the copied RAW's
 * master data would hold.
 */
export function masterDataOfCopies(data: BenchDataset, copies: number): Pick<BenchDataset, 'customers' | 'accounts'> {
  const customers = [...data.customers];
  const accounts = [...data.accounts];
  for (let k = 1; k < copies; k++) {
    for (const c of data.customers) customers.push({ ...c, customer_id: `${c.customer_id}-${k}` });
    for (const a of data.accounts) accounts.push({ ...a, account_id: `${a.account_id}-${k}`, customer_id: `${a.customer_id}-${k}` });
  }
  return { customers, accounts };
}
