import type { Account, Customer, Transaction } from '@ledgerline/transactions';

/** A small seeded PRNG (LCG), so every test run writes the same synthetic history. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const money = (random: () => number, max: number) => {
  const cents = 1 + Math.floor(random() * max * 100);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
};

export function customer(id: string, random: () => number): Customer {
  return {
    customer_id: id,
    kind: pick(random, ['PERSONAL', 'CORPORATE'] as const),
    persona: pick(random, ['student', 'family', 'retiree'] as const),
    name: `Customer ${id}`,
    email: random() < 0.5 ? null : `${id.toLowerCase()}@example.test`,
    city: pick(random, ['Lisbon', 'Porto', null]),
    state: null,
    country: pick(random, ['PT', 'ES', 'FR']),
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 1e10)).toISOString(),
  };
}

export function account(id: string, customerId: string, random: () => number): Account {
  return {
    account_id: id,
    customer_id: customerId,
    account_type: pick(random, ['CHECKING', 'SAVINGS'] as const),
    currency: 'EUR',
    balance: money(random, 50_000),
    status: pick(random, ['ACTIVE', 'FROZEN'] as const),
    opened_at: '2026-01-02T00:00:00.000Z',
    updated_at: new Date(Date.UTC(2026, 0, 2) + Math.floor(random() * 1e10)).toISOString(),
  };
}

export function transaction(id: string, accountId: string, random: () => number): Transaction {
  const amount = money(random, 900);
  return {
    tx_id: id,
    account_id: accountId,
    // Microseconds on purpose: the warehouse must keep them.
    occurred_at: `2026-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}T0${Math.floor(random() * 9)}:15:00.${String(Math.floor(random() * 1e6)).padStart(6, '0')}Z`,
    amount,
    direction: pick(random, ['DEBIT', 'CREDIT'] as const),
    txn_type: pick(random, ['PURCHASE', 'REFUND', 'FEE'] as const),
    currency: 'EUR',
    normalized_amount: amount,
    merchant: pick(random, ['Cafe Synthetic', 'Grocer Test', null]),
    mcc: pick(random, ['5814', '5411', null]),
    category: pick(random, ['Food & Dining', 'Groceries']),
    subcategory: null,
    channel: pick(random, ['CARD_PRESENT', 'ONLINE'] as const),
    description: random() < 0.3 ? `note ${Math.floor(random() * 100)}` : null,
    city: 'Lisbon',
    state: null,
    country: 'PT',
    is_recurring: random() < 0.2,
    status: pick(random, ['POSTED', 'PENDING'] as const),
    related_account_id: null,
    source: 'seed',
    source_ref: null,
    asset_symbol: null,
    quantity: null,
    unit_price: null,
    fee: null,
  };
}

const TX_COLUMNS = Object.keys(transaction('x', 'a', seededRandom(1))) as Array<keyof Transaction>;

/** A plain INSERT of one transaction, for tests that drive their own pg transactions. */
export function insertTransactionSql(tx: Transaction): { text: string; values: unknown[] } {
  return {
    text: `INSERT INTO transactions (${TX_COLUMNS.join(', ')}) VALUES (${TX_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
    values: TX_COLUMNS.map((c) => tx[c]),
  };
}
