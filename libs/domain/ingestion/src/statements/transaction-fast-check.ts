import { CHANNELS, DIRECTIONS, MONEY_PATTERN, TX_SOURCES, TX_STATUSES, TXN_TYPES, transactionSchema, type Transaction } from '@ledgerline/transactions';

/**
 * A cheap test that `transactionSchema` accepts a transaction: true only when zod would accept it
 * too; false means "ask zod", which then gives the verdict and its exact message. Running the zod
 * schema on every row was most of the cost of mapping a large statement (~4 µs of ~6 µs per row,
 * and one discarded copy of every row), while nearly every row is valid.
 *
 * Every field is checked, each no looser than its zod rule (transaction-fast-check.spec.ts holds
 * a value zod refuses for every schema field and proves this check refuses it too); the one rule
 * too costly to repeat -- calendar-valid ISO timestamps -- is zod's own verdict, remembered per
 * distinct value (a statement has few).
 */
export class TransactionFastCheck {
  private readonly acceptedTimestamps = new Set<string>();
  /** Rows in a row mostly carry the very same timestamp string: compared before any hashing. */
  private lastAccepted: string | undefined;

  accepts(t: Transaction): boolean {
    return (
      text(t.tx_id, 1, 80) &&
      text(t.account_id, 1, 40) &&
      positiveMoney(t.amount) &&
      DIRECTION.has(t.direction) &&
      TXN_TYPE.has(t.txn_type) &&
      matches(t.currency, CURRENCY) &&
      nonNegativeMoney(t.normalized_amount) &&
      nullableText(t.merchant, 200) &&
      (t.mcc === null || matches(t.mcc, MCC)) &&
      text(t.category, 1, 60) &&
      nullableText(t.subcategory, 60) &&
      CHANNEL.has(t.channel) &&
      nullableText(t.description, 500) &&
      nullableText(t.city, 100) &&
      nullableText(t.state, 100) &&
      (t.country === null || matches(t.country, COUNTRY)) &&
      typeof t.is_recurring === 'boolean' &&
      STATUS.has(t.status) &&
      nullableText(t.related_account_id, 40) &&
      SOURCE.has(t.source) &&
      nullableText(t.source_ref, 300) &&
      this.acceptsTimestamp(t.occurred_at)
    );
  }

  private acceptsTimestamp(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    if (value === this.lastAccepted) return true;
    this.lastAccepted = undefined;
    if (this.acceptedTimestamps.has(value)) {
      this.lastAccepted = value;
      return true;
    }
    if (!transactionSchema.shape.occurred_at.safeParse(value).success) return false;
    // Bounded: rows with a time column can each carry a new timestamp.
    if (this.acceptedTimestamps.size >= MAX_REMEMBERED_TIMESTAMPS) this.acceptedTimestamps.clear();
    this.acceptedTimestamps.add(value);
    this.lastAccepted = value;
    return true;
  }
}

const MAX_REMEMBERED_TIMESTAMPS = 4_096;
const COUNTRY = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const MCC = /^\d{4}$/;
const NON_ZERO_DIGIT = /[1-9]/;
const DIRECTION = new Set<unknown>(DIRECTIONS);
const TXN_TYPE = new Set<unknown>(TXN_TYPES);
const CHANNEL = new Set<unknown>(CHANNELS);
const STATUS = new Set<unknown>(TX_STATUSES);
const SOURCE = new Set<unknown>(TX_SOURCES);

// Values are typed `unknown`: the point is to check, not to trust, what the types promise.
function text(v: unknown, min: number, max: number): boolean {
  return typeof v === 'string' && v.length >= min && v.length <= max;
}

function nullableText(v: unknown, max: number): boolean {
  return v === null || (typeof v === 'string' && v.length <= max);
}

function matches(v: unknown, pattern: RegExp): boolean {
  return typeof v === 'string' && pattern.test(v);
}

/** zod: MONEY_PATTERN and toCents > 0, i.e. no minus sign and some digit other than 0. */
function positiveMoney(v: unknown): boolean {
  return typeof v === 'string' && MONEY_PATTERN.test(v) && v[0] !== '-' && NON_ZERO_DIGIT.test(v);
}

/** zod: MONEY_PATTERN and toCents >= 0; `-0.00` is left to zod. */
function nonNegativeMoney(v: unknown): boolean {
  return typeof v === 'string' && MONEY_PATTERN.test(v) && v[0] !== '-';
}
