import { categorise } from '../categorisation/categorise.ts';
import type { CategoryAssignment } from '../categorisation/categories.ts';
import { convertCents } from '../fx/convert.ts';
import { fromCents } from '../model/money.ts';
import { TXN_TYPES, type Channel, type Direction, type Transaction, type TxnType, type TxSource, type TxStatus } from '../model/transaction.ts';
import type { TradeFields } from '../model/trade.ts';
import type { Place } from './simulation-state.ts';
import { txIdFor } from './tx-id.ts';

const TXN_TYPE_INDEX = Object.fromEntries(TXN_TYPES.map((type, i) => [type, i])) as Record<TxnType, number>;

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
  /** The order of a TRADE (model/trade.ts); absent on every other transaction. */
  trade?: TradeFields;
  /**
   * Optional identity for memoising the category: the pooled merchant or recurring item behind
   * this draft (its name, MCC and type never change). Identity lookups are several times cheaper
   * than hashing merchant names, and this runs once per generated transaction.
   */
  categoryKey?: object;
}

/**
 * Turns ledger drafts into canonical transactions: assigns the next deterministic tx_id, runs the
 * real categoriser (memoised — merchants repeat, so the cache stays small) and normalises the
 * amount into the base currency. Fields are written in one fixed order so JSON output is stable.
 */
export class TransactionFactory {
  private counter = 0;
  /**
   * Memo of categorise() keyed merchant -> mcc -> variant (type, direction, own-account flag).
   * Nested maps keyed by the pooled merchant strings avoid building a key string per transaction.
   */
  private readonly categories = new Map<string | null, Map<string | null, Map<number, CategoryAssignment>>>();
  private readonly categoriesByKey = new Map<object, Map<number, CategoryAssignment>>();

  constructor(
    private readonly seed: number,
    private readonly baseCurrency: string,
    private readonly source: TxSource,
  ) {}

  create(draft: TransactionDraft): Transaction {
    const { category, subcategory } = this.categoryOf(draft);
    const amount = fromCents(draft.amount);
    const normalized = draft.currency === this.baseCurrency ? amount : fromCents(convertCents(draft.amount, draft.currency, this.baseCurrency));
    return {
      tx_id: txIdFor(this.seed, this.counter++),
      account_id: draft.account_id,
      occurred_at: new Date(draft.at).toISOString(),
      amount,
      direction: draft.direction,
      txn_type: draft.txn_type,
      currency: draft.currency,
      normalized_amount: normalized,
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
      asset_symbol: draft.trade?.asset_symbol ?? null,
      quantity: draft.trade?.quantity ?? null,
      unit_price: draft.trade?.unit_price ?? null,
      fee: draft.trade?.fee ?? null,
    };
  }

  private categoryOf(draft: TransactionDraft): CategoryAssignment {
    const byVariant = draft.categoryKey ? this.variantsByKey(draft.categoryKey) : this.variantsByName(draft.merchant, draft.mcc);
    const variant = TXN_TYPE_INDEX[draft.txn_type] * 4 + (draft.direction === 'CREDIT' ? 2 : 0) + (draft.related_account_id ? 1 : 0);
    let found = byVariant.get(variant);
    if (!found) {
      found = categorise({ mcc: draft.mcc, merchant: draft.merchant, txn_type: draft.txn_type, direction: draft.direction, related_account_id: draft.related_account_id });
      byVariant.set(variant, found);
    }
    return found;
  }

  private variantsByKey(key: object): Map<number, CategoryAssignment> {
    let byVariant = this.categoriesByKey.get(key);
    if (!byVariant) this.categoriesByKey.set(key, (byVariant = new Map()));
    return byVariant;
  }

  private variantsByName(merchant: string | null, mcc: string | null): Map<number, CategoryAssignment> {
    let byMcc = this.categories.get(merchant);
    if (!byMcc) this.categories.set(merchant, (byMcc = new Map()));
    let byVariant = byMcc.get(mcc);
    if (!byVariant) byMcc.set(mcc, (byVariant = new Map()));
    return byVariant;
  }
}
