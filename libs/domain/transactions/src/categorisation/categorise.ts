import type { Direction, TxnType } from '../model/transaction.ts';
import type { Category, CategoryAssignment } from './categories.ts';
import { matchMerchantRule } from './merchant-rules.ts';
import { lookupMcc } from './mcc-table.ts';

export interface CategoriseInput {
  mcc?: string | null;
  merchant?: string | null;
  txn_type: TxnType;
  direction: Direction;
  /** Set on transfers between a customer's own accounts; distinguishes them from money sent away. */
  related_account_id?: string | null;
}

const UNCATEGORISED: CategoryAssignment = { category: 'Other', subcategory: 'Uncategorised' };

/**
 * The merchant rule for `merchant`, but only when it agrees with the category a transaction type
 * already fixed: a type rule decides *what kind* of money movement it is, a merchant rule may
 * only refine the subcategory (a SALARY from "DRV RENTENVERSICHERUNG" is a pension, not salary).
 */
function refineWithin(category: Category, merchant: string | null | undefined): CategoryAssignment | undefined {
  if (!merchant) return undefined;
  const match = matchMerchantRule(merchant);
  return match && match.category === category ? { category: match.category, subcategory: match.subcategory } : undefined;
}

/**
 * Assigns category and subcategory. Precedence, most decisive first:
 *  1. transaction types whose nature does not depend on the merchant (SALARY, INTEREST, FEE,
 *     TRADE, TRANSFER, DEPOSIT credits) — a merchant rule may refine the subcategory within that category;
 *  2. merchant-name rules (a known brand is more specific than the MCC it was filed under);
 *  3. the ISO 18245 MCC table (REFUNDs keep the category of what was bought, so they net
 *     against that spending);
 *  4. remaining type fallbacks (cash withdrawals, card repayments), else Other/Uncategorised.
 */
export function categorise(input: CategoriseInput): CategoryAssignment {
  const { txn_type, direction, merchant, mcc } = input;

  switch (txn_type) {
    case 'SALARY':
      if (direction === 'CREDIT') return refineWithin('Income', merchant) ?? { category: 'Income', subcategory: 'Salary' };
      return { category: 'Transfers', subcategory: 'Money Transfers' }; // payroll paid out by a business
    case 'INTEREST':
      return direction === 'CREDIT'
        ? { category: 'Income', subcategory: 'Interest' }
        : { category: 'Fees', subcategory: 'Interest Charges' };
    case 'FEE': {
      const fromMcc = mcc ? lookupMcc(mcc) : undefined;
      if (fromMcc?.category === 'Fees') return { category: fromMcc.category, subcategory: fromMcc.subcategory };
      return refineWithin('Fees', merchant) ?? { category: 'Fees', subcategory: 'Bank Fees' };
    }
    case 'TRADE':
      // Buying or selling an asset moves money between cash and holdings: neither spend nor income.
      return { category: 'Transfers', subcategory: 'Investments' };
    case 'TRANSFER':
      return input.related_account_id
        ? { category: 'Transfers', subcategory: 'Own Accounts' }
        : { category: 'Transfers', subcategory: 'Money Transfers' };
    case 'DEPOSIT':
      if (direction === 'CREDIT') return refineWithin('Income', merchant) ?? { category: 'Income', subcategory: 'Deposits' };
      break;
    default:
      break;
  }

  if (merchant) {
    const match = matchMerchantRule(merchant);
    if (match) return { category: match.category, subcategory: match.subcategory };
  }

  if (mcc) {
    const entry = lookupMcc(mcc);
    if (entry) return { category: entry.category, subcategory: entry.subcategory };
  }

  if (txn_type === 'WITHDRAWAL') return { category: 'Cash', subcategory: 'ATM Withdrawals' };
  if (txn_type === 'PAYMENT' && direction === 'CREDIT') return { category: 'Transfers', subcategory: 'Card Repayment' };
  return UNCATEGORISED;
}
