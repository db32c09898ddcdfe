import { fastAcceptsTransactionRow, ISO_DATETIME, isKnownCurrency, type TransactionCandidate } from '@ledgerline/transactions';
import type { VersionedTransaction } from '../ports/transaction-store.port.ts';
import { decodeEventText, mayHoldUnstorableText, timestampPrecisionReason, unstorableTextReason } from './event-text.ts';
import { TRANSACTION_EVENT_SCHEMA_VERSION, transactionFromEvent, unsupportedSchemaVersionReason, validateTransactionEvent } from './transaction-event.ts';

export type DecodeRowResult = { ok: true; row: VersionedTransaction } | { ok: false; reason: string };

/**
 * The stored row of one event's bytes, or why it is rejected: exactly what
 * `decodeTransactionEvent` + `transactionFromEvent` return, in a fraction of the time, with the
 * event's `produced_at` as the version of its content (`version_at`: an older event arriving late
 * never overwrites a newer one).
 *
 * Why: zod (with its money refinements parsing bigints) was the largest share of the sink's CPU
 * per event. The shared fast check (fastAcceptsTransaction in @ledgerline/transactions, also used
 * by the batch ingest) accepts only events zod accepts too (the specs pin that down field by
 * field); anything it does not accept goes
 * through zod, which then either accepts it after all or produces the reason for the dead letter.
 * So the DLQ reasons are zod's, unchanged.
 */
export function decodeTransactionRow(bytes: Buffer | string, sourceRef: string): DecodeRowResult {
  const text = decodeEventText(bytes);
  if (!text.ok) return text;
  let json: unknown;
  try {
    json = JSON.parse(text.text);
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (mayHoldUnstorableText(bytes, text.text)) {
    const reason = unstorableTextReason(json);
    if (reason) return { ok: false, reason };
  }
  const precision = timestampPrecisionReason(json);
  if (precision) return { ok: false, reason: precision };
  const row = fastTransactionRow(json, sourceRef);
  if (row) return { ok: true, row };
  // Off the hot path: the fast path accepts only the current version.
  const unsupported = unsupportedSchemaVersionReason(json);
  if (unsupported) return { ok: false, reason: unsupported };
  const decoded = validateTransactionEvent(json);
  return decoded.ok ? { ok: true, row: { ...transactionFromEvent(decoded.event, sourceRef), version_at: decoded.event.produced_at } } : decoded;
}

/**
 * The row when every field is certainly valid, else undefined (then zod decides). Exported for the
 * spec that holds it to zod's verdict.
 */
export function fastTransactionRow(json: unknown, sourceRef: string): VersionedTransaction | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const e = json as Record<string, unknown>;
  // The envelope and the event schema's one rule beyond the transaction schema (a known currency).
  if (e.schema_version !== TRANSACTION_EVENT_SCHEMA_VERSION || !(typeof e.produced_at === 'string' && ISO_DATETIME.test(e.produced_at))) {
    return undefined;
  }
  if (!(typeof e.currency === 'string' && isKnownCurrency(e.currency))) return undefined;
  // Built once and, when accepted, stamped in place: a second spread copy per event was measurable GC.
  const event: { -readonly [K in keyof TransactionCandidate]: unknown } & { version_at: unknown } = {
    tx_id: e.tx_id,
    account_id: e.account_id,
    occurred_at: e.occurred_at,
    amount: e.amount,
    direction: e.direction,
    txn_type: e.txn_type,
    currency: e.currency,
    normalized_amount: e.normalized_amount,
    merchant: e.merchant,
    mcc: e.mcc,
    category: e.category,
    subcategory: e.subcategory,
    channel: e.channel,
    description: e.description,
    city: e.city,
    state: e.state,
    country: e.country,
    is_recurring: e.is_recurring,
    status: e.status,
    related_account_id: e.related_account_id,
    source: e.source,
    source_ref: e.source_ref,
    // Optional in the event (an older producer's v1 event has none): absent reads as null.
    asset_symbol: e.asset_symbol ?? null,
    quantity: e.quantity ?? null,
    unit_price: e.unit_price ?? null,
    fee: e.fee ?? null,
    version_at: e.produced_at,
  };
  if (!fastAcceptsTransactionRow(event)) return undefined;
  // The stored row names the stream as its source and the topic position as its reference
  // (transactionFromEvent does the same).
  event.source = 'stream';
  event.source_ref = sourceRef;
  // Checked above field by field; the cast only restates it.
  return event as VersionedTransaction;
}
