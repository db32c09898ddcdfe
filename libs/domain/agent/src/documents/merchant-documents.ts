import type { AnalyticsStore } from '@ledgerline/analytics';
import { z } from 'zod';
import type { AgentDocument } from './agent-document.ts';
import { queryRows } from './sql-rows.ts';

const merchantRow = z.object({
  merchant: z.string(),
  category: z.string(),
  subcategory: z.string().nullable(),
  mcc: z.string().nullable(),
  transactions: z.coerce.number().int(),
  customers: z.coerce.number().int(),
});

const SQL = `SELECT t.merchant, t.category, t.subcategory, t.mcc, count(*) AS transactions, count(DISTINCT a.customer_id) AS customers
  FROM raw.transactions t JOIN raw.accounts a ON a.account_id = t.account_id AND NOT a._deleted
  WHERE NOT t._deleted AND t.merchant IS NOT NULL
  GROUP BY t.merchant, t.category, t.subcategory, t.mcc
  ORDER BY t.merchant, count(*) DESC, t.category, t.subcategory, t.mcc`;

/**
 * One document per merchant seen in the data: its categories, subcategories and MCCs (most
 * frequent first) and how many transactions and customers it has. Lets a search for "LIDL" or
 * "coffee" find the exact merchant spelling and its category.
 */
export async function merchantDocuments(store: AnalyticsStore): Promise<AgentDocument[]> {
  const rows = await queryRows(store, SQL, merchantRow);
  const byMerchant = new Map<string, z.output<typeof merchantRow>[]>();
  for (const row of rows) byMerchant.set(row.merchant, [...(byMerchant.get(row.merchant) ?? []), row]);
  return [...byMerchant].map(([merchant, uses]) => {
    const top = uses[0] as z.output<typeof merchantRow>;
    const transactions = uses.reduce((n, u) => n + u.transactions, 0);
    const customers = Math.max(...uses.map((u) => u.customers));
    const labels = uses.map((u) => `${u.category}${u.subcategory ? ` / ${u.subcategory}` : ''}${u.mcc ? ` (MCC ${u.mcc})` : ''}`);
    return {
      id: `merchant:${merchant}`,
      kind: 'merchant',
      title: `Merchant ${merchant}`,
      text: `Merchant ${merchant}: ${[...new Set(labels)].join('; ')}. ${transactions} transactions from at least ${customers} customer${customers === 1 ? '' : 's'}.`,
      metadata: { merchant, category: top.category, ...(top.subcategory ? { subcategory: top.subcategory } : {}), ...(top.mcc ? { mcc: top.mcc } : {}) },
    };
  });
}
