import { describe, expect, it } from 'vitest';
import { CATEGORIES, isKnownSubcategory } from './categories.ts';
import { categorise } from './categorise.ts';
import { MERCHANT_RULES, matchMerchantRule } from './merchant-rules.ts';

const purchase = (mcc: string | null, merchant: string | null = null) => categorise({ mcc, merchant, txn_type: 'PURCHASE', direction: 'DEBIT' });

describe('categorise', () => {
  it('falls back to the MCC table for ordinary card purchases', () => {
    expect(purchase('5411', 'Fischer Fresh Market')).toEqual({ category: 'Groceries', subcategory: 'Supermarkets' });
    expect(purchase('5812', 'Trattoria Rossi')).toEqual({ category: 'Dining', subcategory: 'Restaurants' });
    expect(purchase('4111')).toEqual({ category: 'Transport', subcategory: 'Public Transport' });
    expect(purchase('4900')).toEqual({ category: 'Utilities', subcategory: 'Electricity & Gas' });
    expect(purchase('7832', 'Roxy Kino')).toEqual({ category: 'Entertainment', subcategory: 'Movies & Events' });
  });

  it('lets a specific merchant rule win over a generic MCC', () => {
    expect(purchase('4899', 'NETFLIX')).toEqual({ category: 'Subscriptions', subcategory: 'Streaming' });
    expect(purchase('4899', 'netflix.com Amsterdam')).toEqual({ category: 'Subscriptions', subcategory: 'Streaming' });
    expect(purchase('4121', 'UBER EATS')).toEqual({ category: 'Dining', subcategory: 'Food Delivery' });
    expect(purchase('4121', 'UBER *TRIP')).toEqual({ category: 'Transport', subcategory: 'Taxi & Rideshare' });
    expect(purchase('5942', 'AMAZON')).toEqual({ category: 'Shopping', subcategory: 'Online Marketplaces' });
    expect(purchase(null, 'ING MORTGAGE')).toEqual({ category: 'Housing', subcategory: 'Mortgage' });
    expect(purchase('5812', 'Cafe Moreau')).toEqual({ category: 'Dining', subcategory: 'Cafes' });
  });

  it('does not treat brand names inside other words as matches', () => {
    expect(matchMerchantRule('SPARKASSE KÖLN')).toBeUndefined(); // not SPAR
    expect(purchase('5812', 'Shellfish Bistro')).toEqual({ category: 'Dining', subcategory: 'Restaurants' }); // not SHELL
  });

  it('applies transaction-type rules for salary, interest, fees and transfers regardless of MCC', () => {
    expect(categorise({ mcc: '5411', merchant: 'Acme GmbH', txn_type: 'SALARY', direction: 'CREDIT' })).toEqual({ category: 'Income', subcategory: 'Salary' });
    expect(categorise({ merchant: 'DEUTSCHE RENTENVERSICHERUNG', txn_type: 'SALARY', direction: 'CREDIT' })).toEqual({ category: 'Income', subcategory: 'Pension' });
    // a merchant rule of another category cannot turn a salary into spending
    expect(categorise({ merchant: 'NETFLIX', txn_type: 'SALARY', direction: 'CREDIT' })).toEqual({ category: 'Income', subcategory: 'Salary' });
    expect(categorise({ txn_type: 'INTEREST', direction: 'CREDIT' })).toEqual({ category: 'Income', subcategory: 'Interest' });
    expect(categorise({ txn_type: 'INTEREST', direction: 'DEBIT' })).toEqual({ category: 'Fees', subcategory: 'Interest Charges' });
    expect(categorise({ txn_type: 'FEE', direction: 'DEBIT' })).toEqual({ category: 'Fees', subcategory: 'Bank Fees' });
    expect(categorise({ merchant: 'FOREIGN TRANSACTION FEE', txn_type: 'FEE', direction: 'DEBIT' })).toEqual({ category: 'Fees', subcategory: 'Foreign Transaction Fees' });
    expect(categorise({ mcc: '9311', txn_type: 'FEE', direction: 'DEBIT' })).toEqual({ category: 'Fees', subcategory: 'Taxes & Government' });
    expect(categorise({ txn_type: 'TRANSFER', direction: 'DEBIT', related_account_id: 'A-000001-2' })).toEqual({ category: 'Transfers', subcategory: 'Own Accounts' });
    expect(categorise({ txn_type: 'TRANSFER', direction: 'CREDIT' })).toEqual({ category: 'Transfers', subcategory: 'Money Transfers' });
  });

  it('classifies deposits as income, refined by known payers', () => {
    expect(categorise({ merchant: 'Jane Doe', txn_type: 'DEPOSIT', direction: 'CREDIT' })).toEqual({ category: 'Income', subcategory: 'Deposits' });
    expect(categorise({ merchant: 'KINDERGELD FAMILIENKASSE', txn_type: 'DEPOSIT', direction: 'CREDIT' })).toEqual({ category: 'Income', subcategory: 'Benefits' });
    expect(categorise({ merchant: 'SUMUP PAYOUT', txn_type: 'DEPOSIT', direction: 'CREDIT' })).toEqual({ category: 'Income', subcategory: 'Business Revenue' });
  });

  it('keeps the purchase category on refunds so they net against that spending', () => {
    expect(categorise({ mcc: '5691', merchant: 'ZARA', txn_type: 'REFUND', direction: 'CREDIT' })).toEqual({ category: 'Shopping', subcategory: 'Clothing & Shoes' });
    expect(categorise({ mcc: '5732', merchant: 'Local Electronics', txn_type: 'REFUND', direction: 'CREDIT' })).toEqual({ category: 'Shopping', subcategory: 'Electronics' });
  });

  it('falls back by type, then to Other/Uncategorised', () => {
    expect(categorise({ txn_type: 'WITHDRAWAL', direction: 'DEBIT' })).toEqual({ category: 'Cash', subcategory: 'ATM Withdrawals' });
    expect(categorise({ txn_type: 'PAYMENT', direction: 'CREDIT' })).toEqual({ category: 'Transfers', subcategory: 'Card Repayment' });
    expect(purchase('0001', 'Unknown Shop')).toEqual({ category: 'Other', subcategory: 'Uncategorised' });
    expect(purchase(null, null)).toEqual({ category: 'Other', subcategory: 'Uncategorised' });
  });

  it('only uses known categories in merchant rules', () => {
    for (const r of MERCHANT_RULES) {
      expect(CATEGORIES).toContain(r.category);
      expect(isKnownSubcategory(r.category, r.subcategory), `${r.pattern} -> ${r.category}/${r.subcategory}`).toBe(true);
    }
  });
});
