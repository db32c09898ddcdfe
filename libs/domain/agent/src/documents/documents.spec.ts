import { CATEGORY_TREE, MCC_TABLE } from '@ledgerline/transactions';
import { describe, expect, it } from 'vitest';
import { stubAnalyticsStore } from '../testing/stub-analytics-store.ts';
import { categoryDocuments } from './category-documents.ts';
import { merchantDocuments } from './merchant-documents.ts';
import { modelDocuments } from './model-documents.ts';

describe('documents', () => {
  it('has one document per category and subcategory, listing the MCCs that map to it', () => {
    const docs = categoryDocuments();
    const subcategories = Object.values(CATEGORY_TREE).reduce((n, subs) => n + subs.length, 0);
    expect(docs).toHaveLength(Object.keys(CATEGORY_TREE).length + subcategories);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
    const grocery = MCC_TABLE.find((e) => e.subcategory === 'Supermarkets');
    const supermarkets = docs.find((d) => d.id === 'subcategory:Groceries/Supermarkets');
    expect(supermarkets?.text).toContain(`${grocery?.code} ${grocery?.description}`);
    expect(supermarkets?.metadata).toEqual({ category: 'Groceries', subcategory: 'Supermarkets' });
  });

  it('describes dbt models with their columns', () => {
    const [doc] = modelDocuments([{ name: 'dim_account', resourceType: 'model', schema: 'marts', description: 'One row per account.', columns: [{ name: 'account_id', description: 'Business key.', type: 'VARCHAR' }] }]);
    expect(doc).toEqual({
      id: 'dbt:model:marts.dim_account',
      kind: 'dbt_model',
      title: 'dbt model marts.dim_account',
      text: 'dbt model marts.dim_account. One row per account. Columns: account_id (VARCHAR): Business key..',
      metadata: { relation: 'marts.dim_account', resource_type: 'model' },
    });
  });

  it('merges the categories and MCCs of a merchant into one document, validating the rows', async () => {
    const rows = [
      { merchant: 'LIDL', category: 'Groceries', subcategory: 'Supermarkets', mcc: '5411', transactions: '40', customers: '9' },
      { merchant: 'LIDL', category: 'Shopping', subcategory: 'General Merchandise', mcc: '5399', transactions: 2, customers: 2 },
    ];
    const store = stubAnalyticsStore({ runReadOnlySql: async (sql, o) => ({ sql, columns: [], rows, truncated: false, maxRows: o.maxRows }) });
    const [doc] = await merchantDocuments(store);
    expect(doc?.text).toBe('Merchant LIDL: Groceries / Supermarkets (MCC 5411); Shopping / General Merchandise (MCC 5399). 42 transactions from at least 9 customers.');
    expect(doc?.metadata).toEqual({ merchant: 'LIDL', category: 'Groceries', subcategory: 'Supermarkets', mcc: '5411' });
    const bad = stubAnalyticsStore({ runReadOnlySql: async (sql, o) => ({ sql, columns: [], rows: [{ merchant: 1 }], truncated: false, maxRows: o.maxRows }) });
    await expect(merchantDocuments(bad)).rejects.toThrow(/row 0/);
  });
});
