import { addMoney, fromCents, moneySchema, toCents, type Account, type Customer, type Transaction } from '@ledgerline/transactions';

export const DEFAULT_BANK_NAME = 'Ledgerline Bank';

/** One account-month as printed on a statement (CSV export or PDF). */
export interface Statement {
  bank: string;
  account_id: string;
  customer_name: string;
  currency: string;
  period: { month: string };
  opening_balance: string;
  closing_balance: string;
  transactions: Transaction[];
}

/** A printed statement line: signed amount (negative = money out) and the running balance after it. */
export interface StatementLine {
  date: string;
  tx_id: string;
  description: string;
  category: string;
  amount: string;
  currency: string;
  balance: string;
}

export interface BuildStatementOptions {
  /** `YYYY-MM`; required when the month has no transactions. */
  month?: string;
  bank?: string;
}

/**
 * Builds the statement of one account for one month. Transactions are put in booking order
 * (occurred_at, then tx_id) and the closing balance is computed from the opening balance, so a
 * statement built here always adds up.
 */
export function buildStatement(
  account: Account,
  customer: Customer,
  monthTransactions: Transaction[],
  openingBalance: string,
  options: BuildStatementOptions = {},
): Statement {
  moneySchema.parse(openingBalance);
  if (customer.customer_id !== account.customer_id) {
    throw new Error(`customer ${customer.customer_id} does not own account ${account.account_id}`);
  }
  const month = options.month ?? monthOf(monthTransactions[0]);
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error('statement month unknown: pass options.month (YYYY-MM) for a month without transactions');
  for (const tx of monthTransactions) {
    if (tx.account_id !== account.account_id) throw new Error(`transaction ${tx.tx_id} belongs to account ${tx.account_id}, not ${account.account_id}`);
    if (tx.currency !== account.currency) throw new Error(`transaction ${tx.tx_id} is in ${tx.currency}; the account is in ${account.currency}`);
    if (monthOf(tx) !== month) throw new Error(`transaction ${tx.tx_id} (${tx.occurred_at}) is not in ${month}`);
  }
  const transactions = [...monthTransactions].sort((a, b) => compareInstant(a.occurred_at, b.occurred_at) || (a.tx_id < b.tx_id ? -1 : a.tx_id > b.tx_id ? 1 : 0));
  const closing = addMoney(openingBalance, ...transactions.map(signedAmount));
  return {
    bank: options.bank ?? DEFAULT_BANK_NAME,
    account_id: account.account_id,
    customer_name: customer.name,
    currency: account.currency,
    period: { month },
    opening_balance: openingBalance,
    closing_balance: closing,
    transactions,
  };
}

/** The statement's lines with running balances, in statement order. */
export function statementLines(statement: Statement): StatementLine[] {
  let balance = toCents(statement.opening_balance);
  return statement.transactions.map((tx) => {
    const amount = signedAmount(tx);
    balance += toCents(amount);
    return {
      date: utcDate(tx.occurred_at),
      tx_id: tx.tx_id,
      description: statementDescription(tx),
      category: tx.category,
      amount,
      currency: tx.currency,
      balance: fromCents(balance),
    };
  });
}

export function statementTotals(statement: Statement): { total_in: string; total_out: string } {
  let totalIn = 0n;
  let totalOut = 0n;
  for (const tx of statement.transactions) {
    if (tx.direction === 'CREDIT') totalIn += toCents(tx.amount);
    else totalOut += toCents(tx.amount);
  }
  return { total_in: fromCents(totalIn), total_out: fromCents(totalOut) };
}

/** First and last day of a `YYYY-MM` month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The text a statement prints for a transaction: its description, else merchant, else type. */
export function statementDescription(tx: Transaction): string {
  const text = tx.description ?? tx.merchant ?? tx.txn_type.charAt(0) + tx.txn_type.slice(1).toLowerCase();
  return text.replace(/\s+/g, ' ').trim() || tx.txn_type;
}

export function signedAmount(tx: Transaction): string {
  return tx.direction === 'DEBIT' ? fromCents(-toCents(tx.amount)) : tx.amount;
}

function monthOf(tx: Transaction | undefined): string | undefined {
  return tx ? utcDate(tx.occurred_at).slice(0, 7) : undefined;
}

function utcDate(timestamp: string): string {
  return new Date(timestamp).toISOString().slice(0, 10);
}

function compareInstant(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}
