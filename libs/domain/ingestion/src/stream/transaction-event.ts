import { z } from 'zod';
import { isKnownCurrency, tradeRuleViolation, transactionSchema, type Transaction } from '@ledgerline/transactions';
import { decodeEventText, mayHoldUnstorableText, timestampPrecisionReason, unstorableTextReason } from './event-text.ts';

/**
 * Version of the event layout (docs/contracts/README.md, "schema_version policy"). It changes only
 * for a change an older consumer would misread (a field renamed, removed, retyped or with a new
 * meaning); a new optional field keeps it (consumers ignore fields they do not know). A consumer
 * dead-letters a version it does not know as "unsupported schema_version", so nothing is stored
 * half-understood; upgraded, it can replay those dead letters.
 */
export const TRANSACTION_EVENT_SCHEMA_VERSION = 1;

/**
 * The reason for an event whose `schema_version` is a version this consumer does not read (a
 * newer producer), else undefined; a missing or malformed version is left to the schema's reason.
 */
export function unsupportedSchemaVersionReason(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const version = (json as { schema_version?: unknown }).schema_version;
  if (!Number.isInteger(version) || version === TRANSACTION_EVENT_SCHEMA_VERSION || (version as number) < 1) return undefined;
  return `unsupported schema_version ${String(version)}: this consumer reads schema_version ${TRANSACTION_EVENT_SCHEMA_VERSION} (an event of a newer producer; replay it from the DLQ after upgrading)`;
}

/**
 * The wire format of the `transactions` topic: the canonical Transaction plus the layout version
 * and when the producer sent it. JSON, snake_case, money as decimal strings. A currency without
 * an FX rate is rejected here, because the sink could not normalise it later. The trade fields
 * are optional (a new optional field keeps the version: an older producer sends none; absent
 * reads as null), and a row that breaks the trade rule (tradeRuleViolation) is rejected by name.
 */
export const transactionEventSchema = transactionSchema
  .extend({
    asset_symbol: transactionSchema.shape.asset_symbol.default(null),
    quantity: transactionSchema.shape.quantity.default(null),
    unit_price: transactionSchema.shape.unit_price.default(null),
    fee: transactionSchema.shape.fee.default(null),
    schema_version: z.literal(TRANSACTION_EVENT_SCHEMA_VERSION),
    produced_at: z.iso.datetime({ offset: true }),
  })
  .superRefine((event, ctx) => {
    if (!isKnownCurrency(event.currency)) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: `unknown currency ${event.currency}` });
    }
    const trade = tradeRuleViolation(event);
    if (trade) ctx.addIssue({ code: 'custom', path: ['txn_type'], message: trade });
  });

export type TransactionEvent = z.infer<typeof transactionEventSchema>;

export type DecodeResult = { ok: true; event: TransactionEvent } | { ok: false; reason: string };

/**
 * The event's JSON. `producedAt` may be given as its ISO string (the producer reuses one per
 * millisecond). Byte for byte `JSON.stringify({ ...tx, schema_version, produced_at })`, but built by
 * appending the two envelope fields to the transaction's JSON: the spread copy of every event was
 * most of the producer's encoding time.
 */
export function encodeTransactionEvent(tx: Transaction, producedAt: Date | string): string {
  const produced_at = typeof producedAt === 'string' ? producedAt : producedAt.toISOString();
  const body = JSON.stringify(tx);
  // Appending is only equivalent when the envelope keys are new and the object is not empty.
  if (body.length <= 2 || Object.hasOwn(tx, 'schema_version') || Object.hasOwn(tx, 'produced_at')) {
    const event: TransactionEvent = { ...tx, schema_version: TRANSACTION_EVENT_SCHEMA_VERSION, produced_at };
    return JSON.stringify(event);
  }
  return `${body.slice(0, -1)},"schema_version":${TRANSACTION_EVENT_SCHEMA_VERSION},"produced_at":${JSON.stringify(produced_at)}}`;
}

/** Parses and validates one event's bytes; never throws, so one bad event cannot fail a batch. */
export function decodeTransactionEvent(bytes: Buffer | string): DecodeResult {
  const text = decodeEventText(bytes);
  if (!text.ok) return text;
  let json: unknown;
  try {
    json = JSON.parse(text.text);
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  // The same order as decodeTransactionRow's: text, precision, then the version, then the schema.
  const refused =
    (mayHoldUnstorableText(bytes, text.text) ? unstorableTextReason(json) : undefined) ??
    timestampPrecisionReason(json) ??
    unsupportedSchemaVersionReason(json);
  return refused ? { ok: false, reason: refused } : validateTransactionEvent(json);
}

/** Validates an already parsed event; the reason names every failing field. */
export function validateTransactionEvent(json: unknown): DecodeResult {
  const parsed = transactionEventSchema.safeParse(json);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(event)'}: ${issue.message}`)
      .join('; ');
    return { ok: false, reason: `invalid event: ${reason}` };
  }
  return { ok: true, event: parsed.data };
}

/** The stored row of an event: the transaction, stamped with where it came from. */
export function transactionFromEvent(event: TransactionEvent, sourceRef: string): Transaction {
  const { schema_version: _version, produced_at: _producedAt, ...tx } = event;
  return { ...tx, source: 'stream', source_ref: sourceRef };
}
