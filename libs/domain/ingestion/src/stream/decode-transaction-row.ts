import { CHANNELS, DIRECTIONS, isKnownCurrency, MONEY_PATTERN, TX_SOURCES, TX_STATUSES, TXN_TYPES, type Transaction } from '@ledgerline/transactions';
import { TRANSACTION_EVENT_SCHEMA_VERSION, transactionFromEvent, validateTransactionEvent } from './transaction-event.ts';

export type DecodeRowResult = { ok: true; row: Transaction } | { ok: false; reason: string };

/**
 * The same pattern zod applies for `z.iso.datetime({ offset: true })` (calendar-checked date,
 * seconds required, optional fraction, `Z` or `±hh:mm`). Copied so the hot path is one regex test;
 * the spec proves fast-path acceptance never exceeds zod's.
 */
const ISO_DATETIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$/;
const MCC = /^\d{4}$/;
const CURRENCY = /^[A-Z]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;
/** A money string that is zero ("0.00", "000.00"): positive amounts must not match. */
const ZERO_MONEY = /^-?0+\.00$/;

const DIRECTION_SET: ReadonlySet<unknown> = new Set(DIRECTIONS);
const TXN_TYPE_SET: ReadonlySet<unknown> = new Set(TXN_TYPES);
const CHANNEL_SET: ReadonlySet<unknown> = new Set(CHANNELS);
const STATUS_SET: ReadonlySet<unknown> = new Set(TX_STATUSES);
const SOURCE_SET: ReadonlySet<unknown> = new Set(TX_SOURCES);

function text(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

function optionalText(value: unknown, max: number): boolean {
  return value === null || (typeof value === 'string' && value.length <= max);
}

function money(value: unknown): value is string {
  return typeof value === 'string' && MONEY_PATTERN.test(value);
}

/**
 * The stored row of one event's bytes, or why it is rejected: exactly what
 * `decodeTransactionEvent` + `transactionFromEvent` return, in a fraction of the time.
 *
 * Why: zod (with its money refinements parsing bigints) was the largest share of the sink's CPU
 * per event. The hand-written checks below accept only events zod accepts too (the spec pins that
 * down field by field) and build the row in one allocation; anything they do not accept goes
 * through zod, which then either accepts it after all or produces the reason for the dead letter.
 * So the DLQ reasons are zod's, unchanged.
 */
export function decodeTransactionRow(bytes: Buffer | string, sourceRef: string): DecodeRowResult {
  let json: unknown;
  try {
    json = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const row = fastTransactionRow(json, sourceRef);
  if (row) return { ok: true, row };
  const decoded = validateTransactionEvent(json);
  return decoded.ok ? { ok: true, row: transactionFromEvent(decoded.event, sourceRef) } : decoded;
}

/**
 * The row when every field is certainly valid, else undefined (then zod decides). Exported for the
 * spec that holds it to zod's verdict.
 */
export function fastTransactionRow(json: unknown, sourceRef: string): Transaction | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const e = json as Record<string, unknown>;
  const { amount, normalized_amount, currency } = e;
  if (
    e.schema_version !== TRANSACTION_EVENT_SCHEMA_VERSION ||
    !(typeof e.produced_at === 'string' && ISO_DATETIME.test(e.produced_at)) ||
    !text(e.tx_id, 1, 80) ||
    !text(e.account_id, 1, 40) ||
    !(typeof e.occurred_at === 'string' && ISO_DATETIME.test(e.occurred_at)) ||
    !money(amount) ||
    amount.startsWith('-') ||
    ZERO_MONEY.test(amount) ||
    !DIRECTION_SET.has(e.direction) ||
    !TXN_TYPE_SET.has(e.txn_type) ||
    !(typeof currency === 'string' && CURRENCY.test(currency) && isKnownCurrency(currency)) ||
    !money(normalized_amount) ||
    (normalized_amount.startsWith('-') && !ZERO_MONEY.test(normalized_amount)) ||
    !optionalText(e.merchant, 200) ||
    !(e.mcc === null || (typeof e.mcc === 'string' && MCC.test(e.mcc))) ||
    !text(e.category, 1, 60) ||
    !optionalText(e.subcategory, 60) ||
    !CHANNEL_SET.has(e.channel) ||
    !optionalText(e.description, 500) ||
    !optionalText(e.city, 100) ||
    !optionalText(e.state, 100) ||
    !(e.country === null || (typeof e.country === 'string' && COUNTRY.test(e.country))) ||
    typeof e.is_recurring !== 'boolean' ||
    !STATUS_SET.has(e.status) ||
    !optionalText(e.related_account_id, 40) ||
    !SOURCE_SET.has(e.source) ||
    !optionalText(e.source_ref, 300)
  ) {
    return undefined;
  }
  // The checks above narrowed every field to its Transaction type; the casts only restate that.
  return {
    tx_id: e.tx_id,
    account_id: e.account_id,
    occurred_at: e.occurred_at,
    amount,
    direction: e.direction as Transaction['direction'],
    txn_type: e.txn_type as Transaction['txn_type'],
    currency,
    normalized_amount,
    merchant: e.merchant as string | null,
    mcc: e.mcc,
    category: e.category,
    subcategory: e.subcategory as string | null,
    channel: e.channel as Transaction['channel'],
    description: e.description as string | null,
    city: e.city as string | null,
    state: e.state as string | null,
    country: e.country,
    is_recurring: e.is_recurring,
    status: e.status as Transaction['status'],
    related_account_id: e.related_account_id as string | null,
    source: 'stream',
    source_ref: sourceRef,
  };
}
