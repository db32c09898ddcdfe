import {
  PERSONAS,
  fromCents,
  type Account,
  type Customer,
  type Direction,
  type Transaction,
  type TxnType,
} from '@ledgerline/transactions';
import type { RawDataset } from './raw-records.ts';

/**
 * The fallback dataset for checkouts without the domain generator: a few customers with a
 * salary, rent, a subscription, groceries and dining, a monthly transfer to savings and the odd
 * out-of-pattern grocery bill, all in EUR. Deterministic (a seeded LCG) and ledger-consistent:
 * balances start positive, a debit that would overdraw is skipped, and each account's `balance`
 * is its closing balance — what the dbt marts and their tests assume of real data.
 */
export function builtinDataset(options: {
  seed: number;
  customers: number;
  months: number;
  startMonth: string;
}): RawDataset & { openingBalances: Record<string, string> } {
  let state = (options.seed * 2654435761 + 1) >>> 0;
  // Numerical Recipes LCG: plenty for picking amounts, and identical on every platform.
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const between = (minCents: number, maxCents: number): bigint => BigInt(Math.round(minCents + random() * (maxCents - minCents)));

  const [startYear, startMonth] = options.startMonth.split('-').map(Number) as [number, number];
  const customers: Customer[] = [];
  const accounts: Account[] = [];
  const transactions: Transaction[] = [];
  const openingBalances: Record<string, string> = {};
  let counter = 0;

  for (let i = 1; i <= options.customers; i++) {
    const customerId = `C-B${String(i).padStart(5, '0')}`;
    const persona = PERSONAS[i % PERSONAS.length] ?? 'family';
    const createdAt = '2020-01-01T00:00:00.000Z';
    customers.push({
      customer_id: customerId,
      kind: persona === 'small_business' ? 'CORPORATE' : 'PERSONAL',
      persona,
      name: `Builtin Customer ${i}`,
      email: `customer${i}@example.com`,
      city: 'Lyon',
      state: null,
      country: 'FR',
      created_at: createdAt,
      updated_at: createdAt,
    });
    const checking = { id: `A-B${String(i).padStart(5, '0')}-1`, balance: 300_000n, lastAt: createdAt };
    const savings = i % 2 === 0 ? { id: `A-B${String(i).padStart(5, '0')}-2`, balance: 100_000n, lastAt: createdAt } : null;
    const ownAccounts = [checking, savings].filter((a) => a !== null);
    for (const account of ownAccounts) openingBalances[account.id] = fromCents(account.balance);

    const book = (
      account: { id: string; balance: bigint; lastAt: string },
      at: string,
      cents: bigint,
      direction: Direction,
      txnType: TxnType,
      details: Pick<Transaction, 'merchant' | 'mcc' | 'category' | 'subcategory' | 'channel' | 'is_recurring'> & { related?: string },
    ): boolean => {
      if (direction === 'DEBIT' && cents > account.balance) return false; // never overdraw
      account.balance += direction === 'CREDIT' ? cents : -cents;
      account.lastAt = at;
      transactions.push({
        tx_id: `T-B${options.seed}-${String(counter++).padStart(7, '0')}`,
        account_id: account.id,
        occurred_at: at,
        amount: fromCents(cents),
        direction,
        txn_type: txnType,
        currency: 'EUR',
        normalized_amount: fromCents(cents),
        merchant: details.merchant,
        mcc: details.mcc,
        category: details.category,
        subcategory: details.subcategory,
        channel: details.channel,
        description: null,
        city: null,
        state: null,
        country: null,
        is_recurring: details.is_recurring,
        status: 'POSTED',
        related_account_id: details.related ?? null,
        source: 'seed',
        source_ref: null,
        asset_symbol: null,
        quantity: null,
        unit_price: null,
        fee: null,
      });
      return true;
    };

    for (let m = 0; m < options.months; m++) {
      const month = new Date(Date.UTC(startYear, startMonth - 1 + m, 1));
      const at = (day: number, minute: number): string =>
        new Date(month.getTime() + (day - 1) * 86_400_000 + (9 * 60 + minute + i) * 60_000).toISOString();
      const recurring = { is_recurring: true } as const;
      const oneOff = { is_recurring: false } as const;

      book(checking, at(1, 0), 250_000n + BigInt(i % 5) * 10_000n, 'CREDIT', 'SALARY', { merchant: 'ACME PAYROLL', mcc: null, category: 'Income', subcategory: 'Salary', channel: 'BANK_TRANSFER', ...recurring });
      book(checking, at(2, 0), 90_000n, 'DEBIT', 'PAYMENT', { merchant: `Landlord ${i}`, mcc: '6513', category: 'Housing', subcategory: 'Rent', channel: 'BANK_TRANSFER', ...recurring });
      book(checking, at(5, 0), 1_299n, 'DEBIT', 'PURCHASE', { merchant: 'STREAMFLIX', mcc: '4899', category: 'Subscriptions', subcategory: 'Streaming', channel: 'ONLINE', ...recurring });
      for (let day = 3; day <= 27; day += 3) {
        book(checking, at(day, 30), between(1_000, 8_000), 'DEBIT', 'PURCHASE', { merchant: 'FRESH MARKET', mcc: '5411', category: 'Groceries', subcategory: 'Supermarkets', channel: 'CARD_PRESENT', ...oneOff });
      }
      for (let day = 4; day <= 28; day += 8) {
        book(checking, at(day, 600), between(1_500, 6_000), 'DEBIT', 'PURCHASE', { merchant: 'BISTRO CENTRAL', mcc: '5812', category: 'Dining', subcategory: 'Restaurants', channel: 'CARD_PRESENT', ...oneOff });
      }
      if (savings) {
        if (book(checking, at(15, 0), 20_000n, 'DEBIT', 'TRANSFER', { merchant: null, mcc: null, category: 'Transfers', subcategory: 'Own Accounts', channel: 'BANK_TRANSFER', ...oneOff, related: savings.id })) {
          book(savings, at(15, 0), 20_000n, 'CREDIT', 'TRANSFER', { merchant: null, mcc: null, category: 'Transfers', subcategory: 'Own Accounts', channel: 'BANK_TRANSFER', ...oneOff, related: checking.id });
        }
      }
      // The last month of every seventh customer holds one grocery bill far out of pattern.
      if (m === options.months - 1 && i % 7 === 0) {
        book(checking, at(20, 45), 90_000n, 'DEBIT', 'PURCHASE', { merchant: 'FRESH MARKET', mcc: '5411', category: 'Groceries', subcategory: 'Supermarkets', channel: 'CARD_PRESENT', ...oneOff });
      }
    }

    for (const [n, account] of ownAccounts.entries()) {
      accounts.push({
        account_id: account.id,
        customer_id: customerId,
        account_type: n === 0 ? 'CHECKING' : 'SAVINGS',
        currency: 'EUR',
        balance: fromCents(account.balance),
        status: 'ACTIVE',
        opened_at: createdAt,
        updated_at: account.lastAt,
      });
    }
  }
  return { customers, accounts, transactions, openingBalances };
}
