import { balanceDeltaCents, fromCents, settlementCents, toCents, type Account, type Customer, type GeneratedDataset, type Transaction } from '@ledgerline/transactions';
import { buildStatement, type Statement } from '../../statements/statement.ts';

/**
 * The statements of every account for each of `months` (ascending `YYYY-MM`), from a generated
 * dataset. Each month's opening balance is the dataset's opening balance replayed through every
 * earlier transaction, so consecutive statements chain (closing of one = opening of the next).
 * A foreign-currency payment is printed as it settled on the account: in the account currency,
 * at the same static rate the generator's balances use.
 */
export function* accountMonthStatements(dataset: GeneratedDataset, months: string[], bank?: string): Generator<Statement> {
  const customers = new Map(dataset.customers.map((c) => [c.customer_id, c]));
  const ledgers = dataset.accounts.map((account) => new AccountLedger(account, customerOf(customers, account), dataset.openingBalances[account.account_id]));
  const byAccount = new Map(ledgers.map((l) => [l.account.account_id, l]));
  for (const tx of dataset.transactions) byAccount.get(tx.account_id)?.transactions.push(tx);
  for (const month of months) {
    for (const ledger of ledgers) yield ledger.statement(month, bank);
  }
}

/** One account's transactions (in dataset order: occurred_at, then tx_id) and a replay cursor. */
class AccountLedger {
  readonly transactions: Transaction[] = [];
  private next = 0;
  private balance: bigint;

  constructor(
    readonly account: Account,
    private readonly customer: Customer,
    openingBalance: string | undefined,
  ) {
    if (openingBalance === undefined) throw new Error(`the dataset has no opening balance for account ${account.account_id}`);
    this.balance = toCents(openingBalance);
  }

  /** Months must be asked for in ascending order: earlier transactions are replayed, not printed. */
  statement(month: string, bank: string | undefined): Statement {
    const { currency } = this.account;
    while (this.next < this.transactions.length && monthOf(this.transactions[this.next] as Transaction) < month) {
      this.balance += balanceDeltaCents(this.transactions[this.next] as Transaction, currency);
      this.next += 1;
    }
    const opening = fromCents(this.balance);
    const printed: Transaction[] = [];
    while (this.next < this.transactions.length && monthOf(this.transactions[this.next] as Transaction) === month) {
      const tx = this.transactions[this.next] as Transaction;
      this.balance += balanceDeltaCents(tx, currency);
      this.next += 1;
      const settled = settlementCents(tx, currency);
      // A payment that settles to less than a cent moves no money and has no printable amount.
      if (settled === 0n) continue;
      printed.push(tx.currency === currency ? tx : { ...tx, amount: fromCents(settled), currency });
    }
    return buildStatement(this.account, this.customer, printed, opening, { month, ...(bank !== undefined ? { bank } : {}) });
  }
}

function customerOf(customers: Map<string, Customer>, account: Account): Customer {
  const customer = customers.get(account.customer_id);
  if (!customer) throw new Error(`account ${account.account_id} names unknown customer ${account.customer_id}`);
  return customer;
}

function monthOf(tx: Transaction): string {
  return new Date(tx.occurred_at).toISOString().slice(0, 7);
}
