import type { Account, Company, Customer, CustomerCompany, Transaction } from '@ledgerline/transactions';

/**
 * Small deterministic rows for store tests. Every value satisfies the domain schemas unless an
 * override says otherwise, so a test changes exactly the field it is about.
 */
const BASE_TIME = Date.UTC(2025, 10, 1, 8, 0, 0);

export function customerFixture(n: number, overrides: Partial<Customer> = {}): Customer {
  return {
    customer_id: `cus-${String(n).padStart(5, '0')}`,
    kind: 'PERSONAL',
    persona: 'young_professional',
    name: `Customer ${n}`,
    email: `customer${n}@example.test`,
    city: 'Lyon',
    state: null,
    country: 'FR',
    created_at: new Date(BASE_TIME - 86_400_000).toISOString(),
    updated_at: new Date(BASE_TIME - 86_400_000).toISOString(),
    ...overrides,
  };
}

export function accountFixture(n: number, customerId: string, overrides: Partial<Account> = {}): Account {
  return {
    account_id: `acc-${String(n).padStart(5, '0')}`,
    customer_id: customerId,
    account_type: 'CHECKING',
    currency: 'EUR',
    balance: '1500.00',
    status: 'ACTIVE',
    opened_at: new Date(BASE_TIME - 86_400_000).toISOString(),
    updated_at: new Date(BASE_TIME - 86_400_000).toISOString(),
    ...overrides,
  };
}

export function companyFixture(n: number, overrides: Partial<Company> = {}): Company {
  return {
    company_id: `co-${String(n).padStart(5, '0')}`,
    name: `Atelier ${n} SARL`,
    registration_number: `FR-${String(10_000_000 + n)}`,
    industry: 'Retail',
    city: 'Lyon',
    country: 'FR',
    created_at: new Date(BASE_TIME - 400 * 86_400_000).toISOString(),
    updated_at: new Date(BASE_TIME - 86_400_000).toISOString(),
    ...overrides,
  };
}

export function customerCompanyFixture(n: number, customerId: string, companyId: string, overrides: Partial<CustomerCompany> = {}): CustomerCompany {
  return {
    relationship_id: `rel-${String(n).padStart(5, '0')}`,
    customer_id: customerId,
    company_id: companyId,
    role: 'ACCOUNT_HOLDER',
    linked_at: new Date(BASE_TIME - 86_400_000).toISOString(),
    updated_at: new Date(BASE_TIME - 86_400_000).toISOString(),
    ...overrides,
  };
}

/** Transaction n happens n minutes after 2025-11-01T08:00Z. */
export function transactionFixture(n: number, accountId: string, overrides: Partial<Transaction> = {}): Transaction {
  const cents = 100 + ((n * 7919) % 99_900);
  return {
    tx_id: `tx-${String(n).padStart(7, '0')}`,
    account_id: accountId,
    occurred_at: new Date(BASE_TIME + n * 60_000).toISOString(),
    amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    direction: n % 5 === 0 ? 'CREDIT' : 'DEBIT',
    txn_type: n % 5 === 0 ? 'DEPOSIT' : 'PURCHASE',
    currency: 'EUR',
    normalized_amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    merchant: n % 5 === 0 ? null : `Merchant "${n % 13}", Ltd.`,
    mcc: n % 5 === 0 ? null : '5411',
    category: n % 5 === 0 ? 'income' : 'groceries',
    subcategory: null,
    channel: n % 2 === 0 ? 'CARD_PRESENT' : 'ONLINE',
    description: `purchase #${n}\n\t{braces}, NULL and \\ backslash`,
    city: 'Lyon',
    state: null,
    country: 'FR',
    is_recurring: n % 7 === 0,
    status: 'POSTED',
    related_account_id: null,
    source: 'stream',
    source_ref: `transactions/0/${n}`,
    asset_symbol: null,
    quantity: null,
    unit_price: null,
    fee: null,
    ...overrides,
  };
}

export function transactionFixtures(count: number, accountId: string, firstN = 1): Transaction[] {
  return Array.from({ length: count }, (_, i) => transactionFixture(firstN + i, accountId));
}
