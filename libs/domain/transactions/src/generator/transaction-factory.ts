import { categorise } from '../categorisation/categorise.ts';
import type { CategoryAssignment } from '../categorisation/categories.ts';
import { convertCents } from '../fx/convert.ts';
import { fromCents } from '../model/money.ts';
import type { Channel, Direction, Transaction, TxnType, TxSource, TxStatus } from '../model/transaction.ts';
import type { Place } from './simulation-state.ts';
import { txIdFor } from './tx-id.ts';

export interface TransactionDraft {
  account_id: string;
  at: number;
  amount: bigint;
  currency: string;
  direction: Direction;
  txn_type: TxnType;
  merchant: string | null;
  mcc: string | null;
  channel: Channel;
  description: string | null;
  place: Place;
  is_recurring: boolean;
  status: TxStatus;
  related_account_id: string | null;
}

/**
 * Turns ledger drafts into canonical transactions: assigns the next deterministic tx_id, runs the
 * real categoriser (memoised — merchants repeat, so the cache stays small) and normalises the
 * amount into the base currency. Fields are written in one fixed order so JSON output is stable.
 */
export class TransactionFactory {
  private counter = 0;
  private readonly categories = new Map<string, CategoryAssignment>();

  constructor(
    private readonly seed: number,
    private readonly baseCurrency: string,
    private readonly source: TxSource,
  ) {}

  create(draft: TransactionDraft): Transaction {
    const { category, subcategory } = this.categoryOf(draft);
    const normalized = draft.currency === this.baseCurrency ? draft.amount : convertCents(draft.amount, draft.currency, this.baseCurrency);
    return {
      tx_id: txIdFor(this.seed, this.counter++),
      account_id: draft.account_id,
      occurred_at: new Date(draft.at).toISOString(),
      amount: fromCents(draft.amount),
      direction: draft.direction,
      txn_type: draft.txn_type,
      currency: draft.currency,
      normalized_amount: fromCents(normalized),
      merchant: draft.merchant,
      mcc: draft.mcc,
      category,
      subcategory,
      channel: draft.channel,
      description: draft.description,
      city: draft.place.city,
      state: draft.place.state,
      country: draft.place.country,
      is_recurring: draft.is_recurring,
      status: draft.status,
      related_account_id: draft.related_account_id,
      source: this.source,
      source_ref: null,
    };
  }

  private categoryOf(draft: TransactionDraft): CategoryAssignment {
    const key = `${draft.txn_type}|${draft.direction}|${draft.mcc ?? ''}|${draft.merchant ?? ''}|${draft.related_account_id ? 1 : 0}`;
    let found = this.categories.get(key);
    if (!found) {
      found = categorise({ mcc: draft.mcc, merchant: draft.merchant, txn_type: draft.txn_type, direction: draft.direction, related_account_id: draft.related_account_id });
      this.categories.set(key, found);
    }
    return found;
  }
}
